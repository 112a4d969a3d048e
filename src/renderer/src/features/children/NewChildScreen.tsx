import { type CallRequest, calls } from '#contract/calls.ts';
import { call } from '../../app/api.ts';
import { useRouter } from '../../app/router.tsx';
import { BackLink } from '../../ui/BackLink.tsx';
import { BoundField, Form, SubmitButton } from '../../ui/form/Form.tsx';
import { useWorkbenchForm } from '../../ui/form/useWorkbenchForm.ts';
import { PageHeading } from '../../ui/PageHeading.tsx';
import {
  CHILD_FIELD_ORDER,
  CHILD_LABELS,
  type ChildDraft,
  ChildFields,
  childDraftProblems,
  EMPTY_CHILD,
} from './ChildFields.tsx';

const FORM = 'new-child';

/** Record a child's details (`children.create`), then go on to open an HSB case for them. */
export function NewChildScreen() {
  const { navigate } = useRouter();
  const form = useWorkbenchForm({
    id: FORM,
    labels: CHILD_LABELS,
    order: CHILD_FIELD_ORDER,
    defaultValues: { draft: EMPTY_CHILD },
    request: calls['children.create'].request,
    toRequest: ({ draft }) => draft as CallRequest<'children.create'>,
    check: ({ draft }) => childDraftProblems(draft),
    send: (request) => call('children.create', request),
    onSuccess: (child) =>
      navigate(
        { name: 'open-case', childId: child.id },
        `${child.name}’s details have been saved. Now open an HSB case for them.`,
      ),
  });

  return (
    <>
      <BackLink to={{ name: 'cases' }}>Back to case list</BackLink>
      <PageHeading caption="Step 1 of 2">New child</PageHeading>
      <Form form={form}>
        <p className="body">
          Full name, date of birth and gender are needed. Add the other details if you have them: you can
          change them later.
        </p>
        <BoundField<ChildDraft> name="draft" render={(bound) => <ChildFields {...bound} />} />
        <SubmitButton>Create child</SubmitButton>
      </Form>
    </>
  );
}
