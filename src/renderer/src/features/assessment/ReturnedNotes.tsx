import { showPart } from '../../ui/addressed-part.ts';
import { InstantText } from '../../ui/DateText.tsx';
import type { View } from './shared.tsx';

// Issue 14: work returned by quality assurance shows the manager's comments on the page, each beside the
// part of the assessment it is about, until the assessment is resubmitted (then they read as answered).

type Return = View['returns'][number];

/** Where on the page the part a comment is about starts (its heading). */
export function partAnchor(about: string): string {
  if (about.startsWith('section:')) return `section-${about.slice('section:'.length)}-title`;
  if (about.startsWith('domain:')) return `domain-${about.slice('domain:'.length)}-title`;
  return 'assessment-returned-title';
}

/** The banner at the top of the page while the latest return has not been answered by resubmitting. */
export function ReturnedBanner({ view }: { view: View }) {
  const last = view.returns.at(-1);
  if (!last) return null;
  if (last.answered) return <AnsweredReturns returns={view.returns} />;
  return (
    <section className="notification-banner" aria-labelledby="assessment-returned-title">
      <h2 id="assessment-returned-title" tabIndex={-1} className="notification-banner__title">
        Returned for changes
      </h2>
      <p className="body">
        {last.byName} returned this assessment on <InstantText value={last.at} withTime /> with{' '}
        {last.comments.length === 1 ? 'a comment' : `${last.comments.length} comments`}:
      </p>
      <ul className="list list--bullet">
        {last.comments.map((c, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a return's comments are positional
          <li key={i}>
            {c.about === 'whole' ? (
              <strong>{c.aboutLabel}</strong>
            ) : (
              <a
                href={`#${partAnchor(c.about)}`}
                onClick={(e) => {
                  if (showPart(partAnchor(c.about))) e.preventDefault();
                }}
              >
                {c.aboutLabel}
              </a>
            )}
            : {c.comment}
          </li>
        ))}
      </ul>
      <p className="body">Make the changes, then submit the assessment for quality assurance again.</p>
    </section>
  );
}

/** The manager's comments on one part, beside it: those still to answer, and earlier ones as answered. */
export function PartComments({ view, about }: { view: View; about: string }) {
  const shown = view.returns.flatMap((r: Return) =>
    r.comments
      .filter((c) => c.about === about)
      .map((c) => ({ ...c, at: r.at, byName: r.byName, answered: r.answered })),
  );
  if (shown.length === 0) return null;
  return (
    <ul className="return-comments" aria-label="Comments from quality assurance">
      {shown.map((c, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: comments are positional
        <li key={i} className={`return-comment${c.answered ? ' return-comment--answered' : ''}`}>
          <p className="return-comment__by">
            {c.answered ? 'Answered' : 'To answer'} — comment from {c.byName},{' '}
            <InstantText value={c.at} withTime />
          </p>
          <p className="prewrap">{c.comment}</p>
        </li>
      ))}
    </ul>
  );
}

/** Once answered, every earlier return's comments stay readable here, folded away. */
function AnsweredReturns({ returns }: { returns: Return[] }) {
  return (
    <details className="answered-returns">
      <summary>Earlier comments from quality assurance, answered by resubmitting ({returns.length})</summary>
      {returns.map((r) => (
        <div key={r.at}>
          <p className="body">
            {r.byName}, <InstantText value={r.at} withTime />:
          </p>
          <ul className="list list--bullet">
            {r.comments.map((c, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a return's comments are positional
              <li key={i}>
                {c.aboutLabel}: {c.comment}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </details>
  );
}
