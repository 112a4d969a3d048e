import { type ReactNode, useRef, useState } from 'react';
import type { AppError } from '#contract/errors.ts';
import type { SignOffStatus } from '#contract/sign-off-calls.ts';
import { call } from '../../app/api.ts';
import { RouteLink } from '../../app/router.tsx';
import { ActionButton } from '../../ui/ActionButton.tsx';
import { Form, FormText, FormTextArea, SubmitButton } from '../../ui/form/Form.tsx';
import { type FormSpec, useWorkbenchForm, type WorkbenchForm } from '../../ui/form/useWorkbenchForm.ts';
import { type FormErrors, NO_ERRORS } from '../../ui/problems.ts';
import {
  type Part,
  PartCommentFields,
  partComments,
  partLabels,
  partProblems,
  partSlots,
} from './PartCommentFields.tsx';
import { refusals } from './progress.ts';

interface Props {
  status: SignOffStatus;
  assessmentId: string;
  /** The parts of the assessment a returned comment can be about (sections, domains, the whole). */
  parts: readonly Part[];
  /** An action succeeded: say what happened and show the new status. */
  onDone: (message: string, status: SignOffStatus) => void;
  /** Refused because the version moved on or the person may not act: say why, and load it again. */
  onRefused: (error: AppError) => void;
}

/** The actions the signed-in person may take on this version now, and plainly why not the others. */
export function SignOffActions(props: Props) {
  const { status } = props;
  const { allowed } = status;
  const notAllowed = refusals(status);
  const nothing = !allowed.submit && !allowed.approve && !allowed.return && !allowed.sign;
  return (
    <>
      {status.state === 'final' ? (
        <p className="body measure">
          This version is final: signed by both co-assessors and read-only. A review of the assessment starts
          a new version, which needs its own quality assurance and signatures.
        </p>
      ) : null}
      {status.state === 'superseded' ? (
        <p className="body measure">
          This draft was replaced by a later version before it was signed off. It is kept as it was.
        </p>
      ) : null}
      {allowed.submit ? <SubmitForm {...props} /> : null}
      {allowed.approve || allowed.return ? <QualityAssuranceForm {...props} /> : null}
      {allowed.sign ? <SignForm {...props} /> : null}
      {notAllowed.length > 0 ? (
        // A region named by its heading, so a screen-reader user can jump to why an action is missing.
        <section className="not-available" aria-labelledby="not-available-title">
          <h3 id="not-available-title" className="heading-xs heading--flush">
            {nothing ? 'Nothing for you to do on this version now' : 'Not available to you'}
          </h3>
          <ul className="not-available__list">
            {notAllowed.map((r) => (
              <li key={r.reason}>
                <span className="not-available__action">{r.actions}:</span> {r.reason}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

type SignOffFormSpec<V extends Record<string, string>, Req> = Omit<
  FormSpec<V, Req, SignOffStatus>,
  'onSuccess' | 'onRefused'
> & {
  /** What the page says once done. */
  message: (after: SignOffStatus) => string;
  /** Problems to show against the fields instead of the refusal's message. */
  mapError?: (error: AppError) => FormErrors | undefined;
};

/** A sign-off form: its own problems first, then the call; a refusal that means the version moved on reloads. */
function useSignOffForm<V extends Record<string, string>, Req>(
  props: Props,
  { message, mapError, ...spec }: SignOffFormSpec<V, Req>,
) {
  return useWorkbenchForm<V, Req, SignOffStatus>({
    ...spec,
    onSuccess: (after) => props.onDone(message(after), after),
    onRefused: (error) => {
      if (error.code === 'forbidden' || error.code === 'rule-broken') {
        props.onRefused(error);
        return NO_ERRORS;
      }
      return mapError?.(error);
    },
  });
}

/** A sign-off action's form: its heading and what it does, the problems found, its fields and buttons. */
function ActionBox<V extends Record<string, string>>({
  form,
  title,
  intro,
  children,
}: {
  form: WorkbenchForm<V>;
  title: string;
  intro: ReactNode;
  children: ReactNode;
}) {
  return (
    <Form form={form} title={title} className="action-box" before={<p className="body measure">{intro}</p>}>
      {children}
    </Form>
  );
}

function SubmitForm(props: Props) {
  const labels = { comments: 'Comments for the manager (optional)' };
  const form = useSignOffForm(props, {
    id: 'submit-qa',
    labels,
    defaultValues: { comments: '' },
    toRequest: ({ comments }) => ({ assessmentId: props.assessmentId, comments }),
    send: (request) => call('signOff.submit', request),
    message: () =>
      'Submitted for quality assurance. A manager who did not co-assess it can now approve it or return it with comments.',
  });
  return (
    <ActionBox
      form={form}
      title="Submit for quality assurance"
      intro="A manager reads the assessment and approves it or returns it with comments. While it is with them, the assessment cannot be changed."
    >
      <FormTextArea
        name="comments"
        hint="For example, what you would like the manager to look at closely."
        rows={3}
      />
      <SubmitButton>Submit for quality assurance</SubmitButton>
    </ActionBox>
  );
}

function QualityAssuranceForm(props: Props) {
  const { status, assessmentId } = props;
  const role = status.jointReviewRole;
  const [partCount, setPartCount] = useState(0);
  const labels = {
    jointReviewer: `${role} who reviewed it with you`,
    comments: 'Comments on the whole assessment',
    ...partLabels(partCount),
  };
  // Enter in the form approves only if approving is allowed; otherwise it returns.
  const decision = useRef<'approve' | 'return' | null>(null);
  const action = () => decision.current ?? (status.allowed.approve ? 'approve' : 'return');
  const form = useSignOffForm(props, {
    id: 'quality-assurance',
    labels,
    defaultValues: { comments: '', jointReviewer: '', ...partSlots() },
    check: ({ comments, jointReviewer, ...values }) =>
      action() === 'return'
        ? !comments.trim() && partComments(values, partCount).length === 0
          ? [{ path: 'comments', message: 'Enter what needs to change before you return the assessment' }]
          : partProblems(values, partCount)
        : action() === 'approve' && role && !jointReviewer.trim()
          ? [{ path: 'jointReviewer', message: `Enter the ${role} who reviewed it with you` }]
          : [],
    toRequest: ({ comments, jointReviewer, ...values }) => ({
      action: action(),
      assessmentId,
      comments,
      sectionComments: partComments(values, partCount),
      ...(role ? { jointReviewer: jointReviewer.trim() } : {}),
    }),
    send: ({ action, jointReviewer, sectionComments, ...request }) =>
      action === 'approve'
        ? call('signOff.approve', { ...request, ...(role ? { jointReviewer } : {}) })
        : call('signOff.return', { ...request, sectionComments }),
    message: () =>
      action() === 'approve'
        ? 'Approved. The approved content is now fixed, and the two co-assessors can sign it.'
        : 'Returned to the co-assessors with your comments. It is a draft again, and they can change it.',
  });
  async function decide(chosen: 'approve' | 'return') {
    decision.current = chosen;
    try {
      await form.submit();
    } finally {
      decision.current = null;
    }
  }

  return (
    <ActionBox
      form={form}
      title="Quality-assure this version"
      intro={
        <>
          <RouteLink to={{ name: 'assessment', assessmentId }}>Read the assessment</RouteLink> before you
          decide. Approving fixes the report content exactly as it is now: the co-assessors then sign that
          content. If something needs to change, return it with comments.
        </>
      }
    >
      {role ? (
        <FormText
          name="jointReviewer"
          hint={`Required to approve: this profile has the assessment reviewed jointly with the ${role}. Their name is recorded with the approval and in the report's sign-off section.`}
        />
      ) : null}
      <FormTextArea
        name="comments"
        hint="If you return it, say what needs to change here or against a section or domain below. Optional if you approve it."
        rows={4}
      />
      {status.allowed.return ? (
        <PartCommentFields
          parts={props.parts.filter((p) => p.about !== 'whole')}
          count={partCount}
          onAdd={() => setPartCount((n) => n + 1)}
        />
      ) : null}
      <div className="button-group">
        {status.allowed.approve ? (
          <ActionButton busy={form.busy} onClick={() => void decide('approve')}>
            Approve
          </ActionButton>
        ) : null}
        {status.allowed.return ? (
          <ActionButton
            busy={form.busy}
            className="button button--secondary"
            onClick={() => void decide('return')}
          >
            Return with comments
          </ActionButton>
        ) : null}
      </div>
    </ActionBox>
  );
}

function SignForm(props: Props) {
  const { status, assessmentId } = props;
  const labels = { password: 'Your password' };
  const approval = status.transitions.findLast((t) => t.action === 'approve');
  const form = useSignOffForm(props, {
    id: 'sign',
    labels,
    defaultValues: { password: '' },
    check: ({ password }) => (password ? [] : [{ path: 'password', message: 'Enter your password to sign' }]),
    toRequest: ({ password }) => ({ assessmentId, password }),
    send: async (request) => {
      const result = await call('signOff.sign', request);
      form.methods.setValue('password', '');
      return result;
    },
    message: (after) =>
      after.state === 'final'
        ? `You have signed. Both co-assessors have now signed: version ${after.versionNo} is final.`
        : 'You have signed. The other co-assessor still needs to sign.',
    mapError: (error) =>
      error.code === 'wrong-password'
        ? { problems: [{ path: 'password', message: error.message }] }
        : undefined,
  });

  return (
    <ActionBox
      form={form}
      title="Sign this version"
      intro={
        <>
          Your signature covers the exact content {approval ? `${approval.byName} approved` : 'approved'} in
          quality assurance: the content hash shown under Signatures. If anything in it changes afterwards,
          the workbench will show the report as changed after sign-off.
        </>
      }
    >
      <FormText
        name="password"
        hint="The password you sign in with. It unlocks your personal signing key; it is not stored."
        type="password"
        width="medium"
        autoComplete="current-password"
      />
      <SubmitButton>Sign this version</SubmitButton>
    </ActionBox>
  );
}
