import { SelectField, TextField } from '../../ui/Field.tsx';
import { type FormErrors, fieldId, problemFor, problemText } from '../../ui/problems.ts';
import { type Attendee, changeRow, FORM, newAttendee } from './meeting-form.ts';

/** Who attended: one row per person (name, role, agency, present or apologies), with the roles the profile asks for. */
export function MeetingAttendees({
  attendees,
  onChange,
  asked,
  profileName,
  errors,
}: {
  attendees: Attendee[];
  onChange: (attendees: Attendee[]) => void;
  /** The roles the profile asks to attend. */
  asked: string[];
  profileName: string;
  errors: FormErrors;
}) {
  const listProblem = problemFor(errors, 'attendees');
  const rowProblems = errors.problems.some((p) => p.path.startsWith('attendees.'));
  return (
    <>
      <h2 className="heading-m">Attendees</h2>
      {asked.length > 0 ? (
        <div className="hint measure">
          <p>The {profileName} profile asks for:</p>
          <ul className="bullets">
            {asked.map((a) => (
              <li key={a}>{a}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <datalist id={`${FORM}-roles`}>
        {asked.map((a) => (
          <option key={a} value={a} />
        ))}
      </datalist>
      {listProblem && !rowProblems ? (
        <p id={fieldId(FORM, 'attendees')} className="field-error">
          {problemText('Attendees', listProblem)}
        </p>
      ) : null}
      {attendees.map((a, i) => (
        <AttendeeRow
          key={a.key}
          attendee={a}
          index={i}
          onChange={(change) => onChange(changeRow(attendees, a.key, change))}
          onRemove={() => onChange(attendees.filter((x) => x.key !== a.key))}
          errors={errors}
        />
      ))}
      <button
        type="button"
        className="button button--secondary"
        onClick={() => onChange([...attendees, newAttendee()])}
      >
        Add an attendee
      </button>
    </>
  );
}

function AttendeeRow({
  attendee: a,
  index: i,
  onChange,
  onRemove,
  errors,
}: {
  attendee: Attendee;
  index: number;
  onChange: (change: Partial<Attendee>) => void;
  onRemove: () => void;
  errors: FormErrors;
}) {
  return (
    <fieldset className="fieldset hsb-row">
      <legend className="legend legend--s">Attendee {i + 1}</legend>
      <div className="field-row">
        <TextField
          form={FORM}
          path={`attendees.${i}.name`}
          label="Name"
          value={a.name}
          onChange={(v) => onChange({ name: v })}
          width="medium"
          errors={errors}
        />
        <RoleField index={i} value={a.role} onChange={(v) => onChange({ role: v })} errors={errors} />
        <TextField
          form={FORM}
          path={`attendees.${i}.agency`}
          label="Agency"
          value={a.agency}
          onChange={(v) => onChange({ agency: v })}
          width="short"
          errors={errors}
        />
        <SelectField
          form={FORM}
          path={`attendees.${i}.attendance`}
          label="Attendance"
          value={a.attendance}
          onChange={(v) => onChange({ attendance: v as Attendee['attendance'] })}
          options={[
            { value: 'present', label: 'Present' },
            { value: 'apologies', label: 'Apologies' },
          ]}
          errors={errors}
        />
      </div>
      <button type="button" className="link-button" onClick={onRemove}>
        Remove attendee {i + 1}
      </button>
    </fieldset>
  );
}

/** The attendee's role: free text, offered the roles the profile asks for. */
function RoleField({
  index,
  value,
  onChange,
  errors,
}: {
  index: number;
  value: string;
  onChange: (v: string) => void;
  errors: FormErrors;
}) {
  const path = `attendees.${index}.role`;
  const id = fieldId(FORM, path);
  const message = problemFor(errors, path);
  return (
    <div className={`field${message ? ' field--error' : ''}`}>
      <label htmlFor={id} className="label">
        Role
      </label>
      {message ? <p className="field-error">{problemText('Role', message)}</p> : null}
      <input
        id={id}
        className="input input--medium"
        list={`${FORM}-roles`}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        autoComplete="off"
      />
    </div>
  );
}
