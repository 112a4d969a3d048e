import { useRef, useState } from 'react';
import type { DeadlineView } from '#contract/timescale-schemas.ts';
import { londonTime } from '#domain/dates.ts';
import { InstantText } from '../../ui/DateText.tsx';
import { Fact } from '../../ui/Fact.tsx';
import { SuccessNotice } from '../../ui/Notice.tsx';
import { RuleText } from '../deadlines/DeadlineTable.tsx';
import { dueMoved, dueText, stateText } from '../deadlines/due.ts';
import { StatusBadge } from '../deadlines/StatusBadge.tsx';
import { type Action, ActionForm } from './DeadlineActions.tsx';

/** The case's deadlines as a timeline of its steps, oldest first, each with its history and actions. */
export function DeadlineList({
  deadlines,
  caseOpen,
  onChanged,
}: {
  deadlines: DeadlineView[];
  caseOpen: boolean;
  onChanged: () => void;
}) {
  return (
    <section aria-labelledby="deadlines-title" className="section">
      <h3 id="deadlines-title" className="heading-s">
        Deadlines
      </h3>
      {deadlines.length === 0 ? (
        <p className="body hint">
          No deadlines yet. They start when a step that starts a clock is recorded, such as the agreed risk
          category.
        </p>
      ) : (
        <ol className="timeline">
          {deadlines.map((d) => (
            <DeadlineCard key={d.id} deadline={d} caseOpen={caseOpen} onChanged={onChanged} />
          ))}
        </ol>
      )}
    </section>
  );
}

const HISTORY_KIND: Record<DeadlineView['history'][number]['kind'], string> = {
  pause: 'Paused',
  resume: 'Resumed',
  extend: 'Extended',
  met: 'Met',
};

function DeadlineCard({
  deadline: d,
  caseOpen,
  onChanged,
}: {
  deadline: DeadlineView;
  caseOpen: boolean;
  onChanged: () => void;
}) {
  const [action, setAction] = useState<Action | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [stale, setStale] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const titleId = `deadline-${d.id}-title`;
  const superseded = d.state === 'superseded';
  const actions: { id: Action; label: string; suffix: string }[] = [
    d.paused
      ? { id: 'resume', label: 'Resume', suffix: ` ${d.step}` }
      : { id: 'pause', label: 'Pause', suffix: ` ${d.step}` },
    { id: 'extend', label: 'Extend', suffix: ` ${d.step}` },
    { id: 'met', label: 'Mark as done', suffix: ` for ${d.step}` },
  ];

  return (
    <li
      className={`timeline__item deadline-card deadline-card--${d.rag}${superseded ? ' deadline-card--superseded' : ''}`}
    >
      <article aria-labelledby={titleId}>
        <div className="deadline-card__header">
          <h4 id={titleId} ref={heading} tabIndex={-1} className="deadline-card__title">
            {d.step}
          </h4>
          <StatusBadge deadline={d} />
        </div>
        {done ? <SuccessNotice title={done} /> : null}
        {stale ? (
          <div className="error-summary" role="alert">
            <p className="error-summary__title">Not saved</p>
            <p className="error-summary__message">{stale}</p>
            <p className="body hint">The deadline below has been reloaded with the other change.</p>
          </div>
        ) : null}
        <dl className="facts">
          <Fact term="Rule">
            <RuleText deadline={d} />
          </Fact>
          <Fact term="Started by">
            {/* A step recorded by its day alone (midnight in London) shows no time. */}
            {d.startedBy}, <InstantText value={d.triggerAt} withTime={londonTime(d.triggerAt) !== '00:00'} />
          </Fact>
          <Fact term="Original due date">
            <time dateTime={d.originalDue.dueDay}>{dueText(d.originalDue)}</time>
          </Fact>
          <Fact term="Current due date">
            <time dateTime={d.currentDue.dueDay}>{dueText(d.currentDue)}</time>
            {dueMoved(d) ? (
              <>
                {' '}
                <span className="tag">Changed</span>
              </>
            ) : null}
          </Fact>
          {d.progress ? <Fact term="Where it stands">{d.progress}</Fact> : null}
          <Fact term="State">
            {stateText(d)}
            {d.state === 'met' && d.metAt ? (
              <>
                {' '}
                on <InstantText value={d.metAt} withTime />
              </>
            ) : null}
            {superseded ? ` (profile version ${d.profileVersion})` : null}
          </Fact>
        </dl>
        {d.history.length > 0 ? <History deadline={d} /> : null}
        {caseOpen && d.state === 'open' ? (
          <>
            <div className="button-group button-group--small">
              {actions.map((a) => (
                <button
                  key={a.id}
                  type="button"
                  className="button button--secondary button--small"
                  aria-expanded={action === a.id}
                  onClick={() => {
                    setDone(null);
                    setStale(null);
                    setAction(action === a.id ? null : a.id);
                  }}
                >
                  {a.label}
                  <span className="visually-hidden">{a.suffix}</span>
                </button>
              ))}
            </div>
            {action ? (
              <ActionForm
                key={action}
                action={action}
                deadline={d}
                onCancel={() => setAction(null)}
                onDone={(message) => {
                  setAction(null);
                  setDone(message);
                  heading.current?.focus();
                  onChanged();
                }}
                onStale={(message) => {
                  setAction(null);
                  setStale(message);
                  heading.current?.focus();
                  onChanged();
                }}
                onReload={onChanged}
              />
            ) : null}
          </>
        ) : null}
      </article>
    </li>
  );
}

function History({ deadline: d }: { deadline: DeadlineView }) {
  return (
    <div className="history">
      <h5 className="history__title" id={`deadline-${d.id}-changes`}>
        Changes
      </h5>
      <ol className="history__list" aria-labelledby={`deadline-${d.id}-changes`}>
        {d.history.map((h, i) => (
          // History entries are only ever appended, so their position is their identity.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <li key={i} className="history__item">
            <span className="history__head">
              <InstantText value={h.at} /> <strong>{HISTORY_KIND[h.kind]}</strong>
              {h.byName ? ` by ${h.byName}` : ''}
            </span>
            {/* Pause and extension summaries already quote the reason; resume and done notes do not. */}
            {h.reason && !h.summary.includes(h.reason.trim()) ? (
              <span className="history__line">
                {h.kind === 'met' || h.kind === 'resume' ? 'Note' : 'Reason'}: {sentence(h.reason)}
              </span>
            ) : null}
            <span className="history__line history__summary">{h.summary}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}

/** Text ending with a full stop, unless it already ends with punctuation. */
const sentence = (text: string) => (/[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);
