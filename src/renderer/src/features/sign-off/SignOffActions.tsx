import { type FormEvent, useState } from 'react';
import type { AppError, Result } from '#contract/errors.ts';
import type { SignOffStatus } from '#contract/sign-off-calls.ts';
import { call } from '../../app/api.ts';
import { RouteLink } from '../../app/router.tsx';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { TextAreaField, TextField } from '../../ui/Field.tsx';
import { useSubmission } from '../../ui/form/useSubmission.ts';
import { type FormErrors, NO_ERRORS } from '../../ui/problems.ts';
import { refusals } from './progress.ts';

interface Props {
  status: SignOffStatus;
  assessmentId: string;
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

/** Shared handling: client problems first, then the call; a refusal shows its message and reloads. */
function useSignOffSubmit(props: Props) {
  const { errors, setErrors, busy, sendChecked, submitting } = useSubmission();
  const run = submitting(
    async (
      problems: FormErrors['problems'],
      request: () => Promise<Result<SignOffStatus>>,
      message: (s: SignOffStatus) => string,
      mapError?: (e: AppError) => FormErrors | null,
    ) => {
      const result = await sendChecked(problems, request);
      if (!result) return;
      if (result.ok) {
        props.onDone(message(result.data), result.data);
        return;
      }
      if (result.error.code === 'forbidden' || result.error.code === 'rule-broken') {
        setErrors(NO_ERRORS);
        props.onRefused(result.error);
        return;
      }
      const mapped = mapError?.(result.error);
      if (mapped) setErrors(mapped);
    },
  );
  return { errors, busy, run };
}

function SubmitForm(props: Props) {
  const form = 'submit-qa';
  const labels = { comments: 'Comments for the manager (optional)' };
  const [comments, setComments] = useState('');
  const { errors, busy, run } = useSignOffSubmit(props);
  function submit(event: FormEvent) {
    event.preventDefault();
    void run(
      [],
      () => call('signOff.submit', { assessmentId: props.assessmentId, comments }),
      () =>
        'Submitted for quality assurance. A manager who did not co-assess it can now approve it or return it with comments.',
    );
  }
  return (
    <form id={form} onSubmit={submit} noValidate aria-labelledby={`${form}-title`} className="action-box">
      <h3 id={`${form}-title`} className="heading-s heading--flush">
        Submit for quality assurance
      </h3>
      <p className="body measure">
        A manager reads the assessment and approves it or returns it with comments. While it is with them, the
        assessment cannot be changed.
      </p>
      <ErrorSummary form={form} errors={errors} labels={labels} />
      <TextAreaField
        form={form}
        path="comments"
        label={labels.comments}
        hint="For example, what you would like the manager to look at closely."
        value={comments}
        onChange={setComments}
        rows={3}
        errors={errors}
      />
      <button type="submit" className="button" aria-disabled={busy || undefined}>
        Submit for quality assurance
      </button>
    </form>
  );
}

function QualityAssuranceForm(props: Props) {
  const { status, assessmentId } = props;
  const form = 'quality-assurance';
  const role = status.jointReviewRole;
  const labels = { comments: 'Comments', jointReviewer: `${role} who reviewed it with you` };
  const [comments, setComments] = useState('');
  const [jointReviewer, setJointReviewer] = useState('');
  const { errors, busy, run } = useSignOffSubmit(props);

  function decide(action: 'approve' | 'return') {
    const problems =
      action === 'return' && !comments.trim()
        ? [{ path: 'comments', message: 'Enter what needs to change before you return the assessment' }]
        : action === 'approve' && role && !jointReviewer.trim()
          ? [{ path: 'jointReviewer', message: `Enter the ${role} who reviewed it with you` }]
          : [];
    void run(
      problems,
      () =>
        action === 'approve'
          ? call('signOff.approve', {
              assessmentId,
              comments,
              ...(role ? { jointReviewer: jointReviewer.trim() } : {}),
            })
          : call('signOff.return', { assessmentId, comments }),
      () =>
        action === 'approve'
          ? 'Approved. The approved content is now fixed, and the two co-assessors can sign it.'
          : 'Returned to the co-assessors with your comments. It is a draft again, and they can change it.',
    );
  }
  function submit(event: FormEvent) {
    event.preventDefault();
    // Enter in the form approves only if approving is allowed; otherwise it returns.
    decide(status.allowed.approve ? 'approve' : 'return');
  }

  return (
    <form id={form} onSubmit={submit} noValidate aria-labelledby={`${form}-title`} className="action-box">
      <h3 id={`${form}-title`} className="heading-s heading--flush">
        Quality-assure this version
      </h3>
      <p className="body measure">
        <RouteLink to={{ name: 'assessment', assessmentId }}>Read the assessment</RouteLink> before you
        decide. Approving fixes the report content exactly as it is now: the co-assessors then sign that
        content. If something needs to change, return it with comments.
      </p>
      <ErrorSummary form={form} errors={errors} labels={labels} />
      {role ? (
        <TextField
          form={form}
          path="jointReviewer"
          label={labels.jointReviewer}
          hint={`Required to approve: this profile has the assessment reviewed jointly with the ${role}. Their name is recorded with the approval and in the report's sign-off section.`}
          value={jointReviewer}
          onChange={setJointReviewer}
          errors={errors}
        />
      ) : null}
      <TextAreaField
        form={form}
        path="comments"
        label={labels.comments}
        hint="Required if you return it: say what needs to change. Optional if you approve it."
        value={comments}
        onChange={setComments}
        rows={4}
        errors={errors}
      />
      <div className="button-group">
        {status.allowed.approve ? (
          <button
            type="button"
            className="button"
            aria-disabled={busy || undefined}
            onClick={() => decide('approve')}
          >
            Approve
          </button>
        ) : null}
        {status.allowed.return ? (
          <button
            type="button"
            className="button button--secondary"
            aria-disabled={busy || undefined}
            onClick={() => decide('return')}
          >
            Return with comments
          </button>
        ) : null}
      </div>
    </form>
  );
}

function SignForm(props: Props) {
  const { status, assessmentId } = props;
  const form = 'sign';
  const labels = { password: 'Your password' };
  const [password, setPassword] = useState('');
  const { errors, busy, run } = useSignOffSubmit(props);
  const approval = status.transitions.findLast((t) => t.action === 'approve');

  function submit(event: FormEvent) {
    event.preventDefault();
    void run(
      password ? [] : [{ path: 'password', message: 'Enter your password to sign' }],
      async () => {
        const result = await call('signOff.sign', { assessmentId, password });
        setPassword('');
        return result;
      },
      (after) =>
        after.state === 'final'
          ? `You have signed. Both co-assessors have now signed: version ${after.versionNo} is final.`
          : 'You have signed. The other co-assessor still needs to sign.',
      (error) =>
        error.code === 'wrong-password' ? { problems: [{ path: 'password', message: error.message }] } : null,
    );
  }

  return (
    <form id={form} onSubmit={submit} noValidate aria-labelledby={`${form}-title`} className="action-box">
      <h3 id={`${form}-title`} className="heading-s heading--flush">
        Sign this version
      </h3>
      <p className="body measure">
        Your signature covers the exact content {approval ? `${approval.byName} approved` : 'approved'} in
        quality assurance: the content hash shown under Signatures. If anything in it changes afterwards, the
        workbench will show the report as changed after sign-off.
      </p>
      <ErrorSummary form={form} errors={errors} labels={labels} />
      <TextField
        form={form}
        path="password"
        label={labels.password}
        hint="The password you sign in with. It unlocks your personal signing key; it is not stored."
        type="password"
        width="medium"
        autoComplete="current-password"
        value={password}
        onChange={setPassword}
        errors={errors}
      />
      <button type="submit" className="button" aria-disabled={busy || undefined}>
        Sign this version
      </button>
    </form>
  );
}
