import { dueMoved, dueText } from '../deadlines/due.ts';
import { StatusBadge } from '../deadlines/StatusBadge.tsx';
import type { View } from './shared.tsx';

const NO_WINDOW = /^This profile sets no assessment window/;

/**
 * The profile's window rule, e.g. "within 45 working days of: initial meeting with the child for the AIM
 * assessment", and apart from it the citation the workbench gives in brackets at the end.
 */
export function splitRule(text: string): { rule: string; citation: string } {
  // The start event's label arrives in lower case; AIM is an acronym.
  const cased = text.replace(/\baim\b/g, 'AIM');
  const at = cased.lastIndexOf(' (');
  if (at > 0 && cased.endsWith(')')) return { rule: cased.slice(0, at), citation: cased.slice(at + 2, -1) };
  return { rule: cased, citation: '' };
}

/**
 * The status in words for the badge. While the window runs, the backend's label repeats the due date
 * shown beside it, so say how it stands instead.
 */
function badgeOf(w: NonNullable<View['window']>) {
  if (w.status === 'later') return { rag: w.rag, statusLabel: 'On track' };
  if (w.status === 'due-this-week') return { rag: w.rag, statusLabel: 'Due within 5 working days' };
  return { rag: w.rag, statusLabel: w.statusLabel };
}

/** Before the window starts: why there is no due date yet. */
function notStartedText(view: View): string {
  if (NO_WINDOW.test(view.windowRule)) return view.windowRule;
  // A review copies the work but not the sessions, and the case's window started with version 1.
  if (view.versionNo > 1)
    return 'No window is running for this review version: the window was counted from the first session with the child in version 1.';
  return 'The window starts at the first session with the child.';
}

/** The assessment window, under the heading: the profile's rule, the due date (and the original) and the status. */
export function WindowPanel({ view }: { view: View }) {
  const w = view.window;
  const none = NO_WINDOW.test(view.windowRule);
  const { rule, citation } = splitRule(view.windowRule);
  return (
    <section
      aria-labelledby="assessment-window-title"
      className={`window-panel window-panel--${w ? w.rag : 'none'}`}
    >
      <h2 id="assessment-window-title" className="window-panel__title">
        {none ? 'Assessment window' : `Assessment window: ${rule}`}
      </h2>
      {citation ? <p className="window-panel__rule">{citation}</p> : null}
      {w ? (
        <div className="window-panel__due">
          <p className="window-panel__date">
            Due <time dateTime={w.currentDue.dueDay}>{dueText(w.currentDue)}</time>
            {dueMoved(w) ? (
              <span className="window-panel__original">
                {' '}
                (originally <time dateTime={w.originalDue.dueDay}>{dueText(w.originalDue)}</time>)
              </span>
            ) : null}
          </p>
          <StatusBadge deadline={badgeOf(w)} />
        </div>
      ) : (
        <p className="window-panel__pending">{notStartedText(view)}</p>
      )}
    </section>
  );
}

/** The window in brief, kept in view beside the assessment while scrolling. */
export function WindowStatus({ view }: { view: View }) {
  const w = view.window;
  return (
    <div className="window-status">
      <p className="window-status__title">Assessment window</p>
      {w ? (
        <>
          <p className="window-status__date">
            Due <time dateTime={w.currentDue.dueDay}>{dueText(w.currentDue)}</time>
          </p>
          <StatusBadge deadline={badgeOf(w)} />
        </>
      ) : (
        <p className="window-status__date">{notStartedText(view)}</p>
      )}
    </div>
  );
}
