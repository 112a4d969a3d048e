import type { ReactNode } from 'react';
import type { FieldValues } from 'react-hook-form';
import { Form, SubmitButton } from '../../ui/form/Form.tsx';
import type { WorkbenchForm } from '../../ui/form/useWorkbenchForm.ts';

/**
 * A form within a section of a pathway screen: its heading (h3, or h4 within a record) and hint, a notice of
 * the last success, the problems found, its fields and its button.
 */
export function SubForm<V extends FieldValues>({
  form,
  title,
  level = 4,
  titleId = `${form.id}-title`,
  hint,
  notice,
  submit,
  submitClassName,
  children,
}: {
  form: WorkbenchForm<V>;
  title: string;
  level?: 3 | 4;
  titleId?: string;
  hint?: string;
  notice?: ReactNode;
  submit: string;
  submitClassName?: string;
  children: ReactNode;
}) {
  return (
    <Form
      form={form}
      title={title}
      titleAs={level === 3 ? 'h3' : 'h4'}
      labelledBy={titleId}
      className="form hsb-subform"
      before={hint ? <p className="body hint">{hint}</p> : null}
      notice={notice}
    >
      {children}
      <SubmitButton className={submitClassName}>{submit}</SubmitButton>
    </Form>
  );
}
