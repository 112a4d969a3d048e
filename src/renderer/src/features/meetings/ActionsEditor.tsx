import { FormCheckbox, FormDate, FormText } from '../../ui/form/Form.tsx';
import type { HeadingLevel } from './Heading.tsx';
import { newAction } from './meeting-values.ts';
import { RowsEditor } from './RowsEditor.tsx';

/** The actions agreed: what, who owns it, when it is due, and whether it is done. */
export function ActionsEditor({ prefix, level }: { prefix: string; level: HeadingLevel }) {
  return (
    <RowsEditor name="actions" prefix={prefix} level={level} newRow={newAction}>
      {(field) => (
        <>
          <FormText {...field('text')} label="What" />
          <div className="field-row">
            <FormText {...field('owner')} label="Owner" width="medium" />
            <FormDate {...field('due')} label="Due" small />
          </div>
          <FormCheckbox {...field('done')} label="Done" />
        </>
      )}
    </RowsEditor>
  );
}
