import { useState } from 'react';
import { type CallRequest, calls } from '#contract/calls.ts';
import type { Child } from '#contract/schemas.ts';
import { call } from '../../app/api.ts';
import { BoundField, Form, SubmitOrLeave } from '../../ui/form/Form.tsx';
import { useWorkbenchForm } from '../../ui/form/useWorkbenchForm.ts';
import { FocusedSubheading } from '../../ui/PageHeading.tsx';
import {
  CHILD_FIELD_ORDER,
  CHILD_LABELS,
  type ChildDraft,
  ChildFields,
  childDraftProblems,
  draftFromChild,
} from './ChildFields.tsx';

const FORM = 'edit-child';

interface Props {
  child: Child;
  onSaved: (child: Child) => void;
  onCancel: () => void;
  /** Fetch the child as stored now, after someone else changed it first. */
  reload: () => Promise<Child | null>;
}

/** Change a child's details (`children.update`), refusing to overwrite someone else's newer change. */
export function EditChildForm({ child, onSaved, onCancel, reload }: Props) {
  const [base, setBase] = useState(child);
  const form = useWorkbenchForm({
    id: FORM,
    labels: CHILD_LABELS,
    order: CHILD_FIELD_ORDER,
    defaultValues: { draft: draftFromChild(child) },
    request: calls['children.update'].request,
    toRequest: ({ draft }) =>
      ({ id: base.id, expectedVersion: base.version, ...draft }) as CallRequest<'children.update'>,
    check: ({ draft }) => childDraftProblems(draft),
    send: (request) => call('children.update', request),
    onSuccess: onSaved,
    onRefused: async (error) => {
      if (error.code !== 'conflict') return;
      // Someone saved first: show what is stored now rather than overwrite it.
      const latest = await reload();
      if (latest) {
        setBase(latest);
        form.methods.setValue('draft', draftFromChild(latest));
      }
      return { message: `${error.message} The latest saved details are now shown below.`, problems: [] };
    },
  });

  return (
    <section aria-labelledby="edit-child-title" className="panel">
      <FocusedSubheading id="edit-child-title">Edit child details</FocusedSubheading>
      <Form form={form}>
        <BoundField<ChildDraft> name="draft" render={(bound) => <ChildFields {...bound} />} />
        <SubmitOrLeave submit="Save child" onLeave={onCancel} />
      </Form>
    </section>
  );
}
