import type { SignOffStatus } from '#contract/sign-off-calls.ts';
import { currentStep, STEPS } from './progress.ts';

type Verification = SignOffStatus['verification'];

const LOOK: Record<Verification['status'], { title: string; icon: string; modifier: string }> = {
  verified: { title: 'Signatures verified', icon: '✓', modifier: 'verified' },
  'partly-signed': { title: 'Partly signed', icon: '½', modifier: 'partly' },
  'not-signed': { title: 'Not signed yet', icon: 'i', modifier: 'none' },
  changed: { title: 'Signatures not verified', icon: '✗', modifier: 'changed' },
};

/**
 * The outcome of checking every signature against the approved content and the records as they are now.
 * Each outcome has its own icon and title in words, not colour alone; a change after sign-off is an alert.
 */
export function VerificationPanel({ status }: { status: SignOffStatus }) {
  const { verification } = status;
  const look = LOOK[verification.status];
  const changed = verification.status === 'changed';
  return (
    <section
      className={`verification verification--${look.modifier}`}
      aria-labelledby="verification-title"
      role={changed ? 'alert' : undefined}
    >
      <span className="verification__icon" aria-hidden="true">
        {look.icon}
      </span>
      <div className="verification__body">
        <h2 id="verification-title" className="verification__title">
          {look.title}
        </h2>
        {verification.status === 'not-signed' ? (
          <p className="verification__message">
            {status.state === 'approved'
              ? 'The approved content is fixed. Each co-assessor now signs it with their password.'
              : 'The two co-assessors sign after a manager approves this version in quality assurance.'}
          </p>
        ) : (
          <p className="verification__message">{verification.message}</p>
        )}
        {changed ? (
          <p className="verification__advice">
            Do not rely on this version as signed. Tell your manager and the administrator: the audit log
            shows who changed what.
          </p>
        ) : null}
      </div>
    </section>
  );
}

/** Draft → Submitted for QA → Approved → Signed → Final, with the current step named in words. */
export function ProgressSteps({ status }: { status: SignOffStatus }) {
  const current = currentStep(status);
  const signedCount = status.signatures.length;
  return (
    <ol className="steps">
      {STEPS.map((label, i) => {
        const done = current !== null && (i < current || (i === current && i === STEPS.length - 1));
        const isCurrent = i === current;
        const stepState = isCurrent ? 'current' : done ? 'done' : 'todo';
        return (
          <li
            key={label}
            className={`steps__item steps__item--${stepState}`}
            aria-current={isCurrent ? 'step' : undefined}
          >
            <span className="steps__marker" aria-hidden="true">
              {done ? '✓' : i + 1}
            </span>{' '}
            <span className="steps__label">{label}</span>{' '}
            <span className={isCurrent || done ? 'steps__status' : 'visually-hidden'}>
              {isCurrent
                ? label === 'Signed'
                  ? `Current step: ${signedCount} of 2 signed`
                  : 'Current step'
                : done
                  ? 'Done'
                  : 'Not yet'}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
