import type { FieldProblem } from '#contract/errors.ts';
import type { Child } from '#contract/schemas.ts';
import {
  type Gender,
  INTERPRETER_LABELS,
  type InterpreterNeeded,
  SEND_LABELS,
  type SendStatus,
} from '#contract/vocabulary.ts';
import { ageOrNull, dateValueProblem, formatBirthDate, isIsoDay } from '#domain/dates.ts';
import { DateField } from '../../ui/DateField.tsx';
import { todayInLondon } from '../../ui/DateText.tsx';
import { RadioGroup, SelectField, TextAreaField, TextField } from '../../ui/Field.tsx';
import { GENDER_OPTIONS, optionsOf } from '../../ui/options.ts';
import type { FormErrors } from '../../ui/problems.ts';

export interface ChildDraft {
  name: string;
  preferredName: string;
  dateOfBirth: string;
  gender: Gender | '';
  socialCareNumber: string;
  youthJusticeNumber: string;
  areaOfResidence: string;
  school: string;
  ethnicity: string;
  firstLanguage: string;
  interpreterNeeded: InterpreterNeeded | '';
  send: SendStatus | '';
  sendNote: string;
  homeAddress: string;
  gpPractice: string;
  gpContact: string;
}

export const EMPTY_CHILD: ChildDraft = {
  name: '',
  preferredName: '',
  dateOfBirth: '',
  gender: '',
  socialCareNumber: '',
  youthJusticeNumber: '',
  areaOfResidence: '',
  school: '',
  ethnicity: '',
  firstLanguage: '',
  interpreterNeeded: '',
  send: '',
  sendNote: '',
  homeAddress: '',
  gpPractice: '',
  gpContact: '',
};

export const CHILD_LABELS: Record<keyof ChildDraft, string> = {
  name: 'Full name',
  preferredName: 'Preferred name',
  dateOfBirth: 'Date of birth',
  gender: 'Gender',
  socialCareNumber: 'Social care system number',
  youthJusticeNumber: 'Youth justice system number',
  areaOfResidence: 'Area of residence',
  school: 'School',
  ethnicity: 'Ethnicity',
  firstLanguage: 'First language',
  interpreterNeeded: 'Interpreter needed',
  send: 'Special educational needs and disabilities (SEND)',
  sendNote: 'About the child’s SEND',
  homeAddress: 'Home address',
  gpPractice: 'GP practice',
  gpContact: 'GP’s address and phone',
};

export const CHILD_FIELD_ORDER = Object.keys(CHILD_LABELS);

export function draftFromChild(child: Child): ChildDraft {
  // Every field of the draft, as the child has it.
  return Object.fromEntries(
    (Object.keys(EMPTY_CHILD) as (keyof ChildDraft)[]).map((key) => [key, child[key]]),
  ) as unknown as ChildDraft;
}

/** Checks worded for people, run before the contract schema (whose wording suits programs). */
export function childDraftProblems(draft: ChildDraft): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!draft.name.trim()) problems.push({ path: 'name', message: "Enter the child's full name" });
  if (!draft.dateOfBirth) problems.push({ path: 'dateOfBirth', message: 'Enter the date of birth' });
  else if (dateValueProblem(draft.dateOfBirth))
    problems.push({ path: 'dateOfBirth', message: `Date of birth ${dateValueProblem(draft.dateOfBirth)}` });
  else if (ageOrNull(draft.dateOfBirth, todayInLondon()) === null) {
    problems.push({ path: 'dateOfBirth', message: 'Date of birth must be today or in the past' });
  }
  if (draft.gender === '') problems.push({ path: 'gender', message: 'Choose an option for gender' });
  return problems;
}

interface Props {
  form: string;
  value: ChildDraft;
  onChange: (value: ChildDraft) => void;
  errors: FormErrors;
}

/** The child's identifying details, shared by "New child" and "Edit child details". */
export function ChildFields({ form, value, onChange, errors }: Props) {
  const set = (key: keyof ChildDraft) => (next: string) => onChange({ ...value, [key]: next });
  // What every field of the child's details is given: its form, path, label and errors.
  const at = (key: keyof ChildDraft) => ({ form, path: key, label: CHILD_LABELS[key], errors });
  const text = (
    key: Exclude<keyof ChildDraft, 'gender' | 'interpreterNeeded' | 'send'>,
    hint?: string,
    width?: 'short' | 'medium' | 'long',
  ) => <TextField {...at(key)} hint={hint} value={value[key]} onChange={set(key)} width={width} />;
  const dob = isIsoDay(value.dateOfBirth) ? formatBirthDate(value.dateOfBirth, todayInLondon()) : '';
  return (
    <>
      {text('name')}
      {text('preferredName', 'What the child likes to be called, if different from their name.')}
      <DateField {...at('dateOfBirth')} value={value.dateOfBirth} onChange={set('dateOfBirth')} after={dob} />
      <SelectField
        {...at('gender')}
        value={value.gender}
        onChange={set('gender')}
        options={GENDER_OPTIONS}
        placeholder={value.gender === '' ? 'Choose an option' : undefined}
      />
      {text('socialCareNumber', "The child's number in the social care case recording system.", 'medium')}
      {text('youthJusticeNumber', "The child's number in the youth justice case recording system.", 'medium')}
      {text('areaOfResidence', 'For example, the town or district where the child lives.')}
      {text('school', 'School, college or other education setting.')}
      {text('ethnicity', 'As the child or their family describe it.', 'medium')}
      {text('firstLanguage', undefined, 'medium')}
      <RadioGroup
        {...at('interpreterNeeded')}
        options={optionsOf(INTERPRETER_LABELS)}
        value={value.interpreterNeeded}
        onChange={set('interpreterNeeded')}
        inline
      />
      <RadioGroup
        {...at('send')}
        options={optionsOf(SEND_LABELS)}
        value={value.send}
        onChange={set('send')}
      />
      <TextAreaField
        {...at('sendNote')}
        hint="For example, a diagnosis, how the child communicates best, or the support in school."
        value={value.sendNote}
        onChange={set('sendNote')}
        rows={3}
      />
      <TextAreaField
        {...at('homeAddress')}
        value={value.homeAddress}
        onChange={set('homeAddress')}
        rows={3}
      />
      {text('gpPractice', 'The name of the surgery the child is registered with.')}
      <TextAreaField {...at('gpContact')} value={value.gpContact} onChange={set('gpContact')} rows={3} />
    </>
  );
}
