import type { FieldProblem } from '#contract/errors.ts';
import { username as usernameRule } from '#contract/primitives.ts';
import type { Agency, Role } from '#contract/vocabulary.ts';
import { CheckboxField, CheckboxGroup, SelectField, TextField } from '../../ui/Field.tsx';
import { AGENCY_OPTIONS, ROLE_OPTIONS } from '../../ui/options.ts';
import type { FormErrors } from '../../ui/problems.ts';

export interface UserDraft {
  name: string;
  username: string;
  agency: Agency | '';
  roles: Role[];
  aimTrained: boolean;
}

export const EMPTY_USER: UserDraft = { name: '', username: '', agency: '', roles: [], aimTrained: false };

export const USER_LABELS = {
  name: 'Full name',
  username: 'Username',
  agency: 'Agency',
  roles: 'Roles',
  aimTrained: 'AIM-trained',
};

/** Labels keyed by request path, for forms whose user fields sit under a prefix such as 'administrator.'. */
export const userLabels = (prefix: string) =>
  Object.fromEntries(Object.entries(USER_LABELS).map(([path, label]) => [`${prefix}${path}`, label]));

/** Problems the contract schema would word less kindly (an empty select fails as 'not a known agency'). */
export function userDraftProblems(draft: UserDraft, prefix: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!draft.name.trim()) problems.push({ path: `${prefix}name`, message: 'Enter their full name' });
  if (!draft.username.trim()) problems.push({ path: `${prefix}username`, message: 'Enter a username' });
  if (draft.agency === '') problems.push({ path: `${prefix}agency`, message: 'Choose an agency' });
  if (draft.roles.length === 0)
    problems.push({ path: `${prefix}roles`, message: 'Choose at least one role' });
  return problems;
}

/**
 * What the service will store for a typed username with capitals (it keeps usernames in lower case), said
 * as the person types; '' when the username is stored as typed or is not valid yet.
 */
export function lowerCaseNote(typed: string, ownAccount: boolean): string {
  const stored = usernameRule.safeParse(typed);
  if (!stored.success || stored.data === typed.trim()) return '';
  return `Usernames are kept in lower case: ${ownAccount ? 'you' : 'they'} will sign in as ${stored.data}`;
}

interface Props {
  form: string;
  /** Request path prefix of these fields, e.g. 'administrator.' in setup. */
  prefix?: string;
  value: UserDraft;
  onChange: (value: UserDraft) => void;
  errors: FormErrors;
  /** Usernames cannot change once a user exists. */
  withUsername?: boolean;
  rolesHint?: string;
  /** The person is creating their own account (first-run setup): "you will sign in as …". */
  ownAccount?: boolean;
}

/** Name, username, agency, roles and AIM training: the fields shared by setup, add user and edit user. */
export function UserFields({
  form,
  prefix = '',
  value,
  onChange,
  errors,
  withUsername = true,
  rolesHint,
  ownAccount = false,
}: Props) {
  const set =
    <K extends keyof UserDraft>(key: K) =>
    (next: UserDraft[K]) =>
      onChange({ ...value, [key]: next });
  // What every field of the person's details is given: its form, path, label and errors.
  const at = (key: keyof UserDraft) => ({ form, path: `${prefix}${key}`, label: USER_LABELS[key], errors });
  return (
    <>
      <TextField {...at('name')} value={value.name} onChange={set('name')} autoComplete="off" />
      {withUsername ? (
        <TextField
          {...at('username')}
          hint="3 to 40 lower-case letters, digits, dots, dashes or underscores, for example j.smith"
          value={value.username}
          onChange={set('username')}
          autoComplete="off"
          width="medium"
          after={<span className="field__note">{lowerCaseNote(value.username, ownAccount)}</span>}
        />
      ) : null}
      <SelectField
        {...at('agency')}
        value={value.agency}
        onChange={(v) => set('agency')(v as Agency | '')}
        options={AGENCY_OPTIONS}
        placeholder={value.agency === '' ? 'Choose an agency' : undefined}
      />
      <CheckboxGroup
        {...at('roles')}
        hint={
          rolesHint ?? 'Practitioners and managers work on cases. Administrators manage users and settings.'
        }
        options={ROLE_OPTIONS}
        values={value.roles}
        onChange={set('roles')}
      />
      <CheckboxField
        {...at('aimTrained')}
        hint="Trained to complete AIM assessments. Only AIM-trained practitioners can be AIM co-assessors."
        checked={value.aimTrained}
        onChange={set('aimTrained')}
      />
    </>
  );
}
