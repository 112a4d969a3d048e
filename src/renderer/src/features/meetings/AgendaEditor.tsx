import { FormText, FormTextArea } from '../../ui/form/Form.tsx';
import type { HeadingLevel } from './Heading.tsx';
import { newAgendaPoint } from './meeting-values.ts';
import { RowsEditor } from './RowsEditor.tsx';

/** The agenda: each point with what was said about it. */
export function AgendaEditor({ prefix, level }: { prefix: string; level: HeadingLevel }) {
  return (
    <RowsEditor name="agenda" prefix={prefix} level={level} newRow={newAgendaPoint}>
      {(field) => (
        <>
          <FormText {...field('point')} label="Point" />
          <FormTextArea {...field('notes')} label="Notes" rows={2} />
        </>
      )}
    </RowsEditor>
  );
}
