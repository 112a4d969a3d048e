import type { ReactNode } from 'react';
import { FormSelect, FormText } from '../../ui/form/Form.tsx';
import type { HeadingLevel } from './Heading.tsx';
import { ATTENDANCE_OPTIONS, newAttendee } from './meeting-values.ts';
import { RowsEditor } from './RowsEditor.tsx';

/** Who was invited: one group per person (name, role, agency, attended / sent apologies / did not attend). */
export function AttendeesEditor({
  prefix,
  level,
  hint,
}: {
  prefix: string;
  level: HeadingLevel;
  /** Shown under the heading (e.g. the roles a profile asks for). */
  hint?: ReactNode;
}) {
  return (
    <RowsEditor name="attendees" prefix={prefix} level={level} hint={hint} newRow={newAttendee}>
      {(field) => (
        <div className="field-row">
          <FormText {...field('name')} label="Name" width="medium" />
          <FormText {...field('role')} label="Role" width="medium" />
          <FormText {...field('agency')} label="Agency" width="medium" />
          <FormSelect {...field('attendance')} label="Attendance" options={ATTENDANCE_OPTIONS} />
        </div>
      )}
    </RowsEditor>
  );
}
