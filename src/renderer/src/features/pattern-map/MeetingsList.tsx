import type { MapMeeting } from '#contract/pattern-map-schemas.ts';
import { formatInstant } from '#domain/dates.ts';
import { DayText, InstantText } from '../../ui/DateText.tsx';
import { useMapStore } from './store.ts';

/** The mapping meetings held on this map, most recent first; each can be continued in meeting mode. */
export function MeetingsList({ onContinue }: { onContinue: (meeting: MapMeeting) => void }) {
  const meetings = useMapStore((s) => s.map.meetings);
  if (meetings.length === 0) return <p className="body">No mapping meeting has been recorded yet.</p>;
  const newestFirst = [...meetings].sort((a, b) => b.heldAt.localeCompare(a.heldAt));
  return (
    <ol className="pm-meetings">
      {newestFirst.map((m) => {
        const present = m.attendees.filter((a) => a.present);
        const apologies = m.attendees.filter((a) => !a.present);
        const who = (a: MapMeeting['attendees'][number]) =>
          [a.name, [a.role, a.agency].filter(Boolean).join(', ')].filter(Boolean).join(' — ');
        return (
          <li key={m.id} className="pm-meeting-card">
            <h3 className="heading-s pm-meeting-card__title">
              Meeting on <InstantText value={m.heldAt} withTime />, chaired by {m.chair}
            </h3>
            <dl className="pm-facts">
              <div className="pm-facts__row">
                <dt>Present</dt>
                <dd>
                  {present.length ? present.map(who).join('; ') : <span className="hint">None recorded</span>}
                </dd>
              </div>
              <div className="pm-facts__row">
                <dt>Apologies</dt>
                <dd>
                  {apologies.length ? apologies.map(who).join('; ') : <span className="hint">None</span>}
                </dd>
              </div>
              <div className="pm-facts__row">
                <dt>Decisions</dt>
                <dd className="pm-prewrap">{m.decisions || <span className="hint">None recorded</span>}</dd>
              </div>
              {m.notes ? (
                <div className="pm-facts__row">
                  <dt>Notes</dt>
                  <dd className="pm-prewrap">{m.notes}</dd>
                </div>
              ) : null}
            </dl>
            {m.actions.length > 0 ? (
              <div className="table-wrapper">
                <table className="table table--small">
                  <caption className="pm-caption">Actions</caption>
                  <thead>
                    <tr>
                      <th scope="col">Action</th>
                      <th scope="col">Owner</th>
                      <th scope="col">Due by</th>
                      <th scope="col">Done</th>
                    </tr>
                  </thead>
                  <tbody>
                    {m.actions.map((a, i) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: actions are stored as a list
                      <tr key={i}>
                        <td>{a.text}</td>
                        <td>{a.owner}</td>
                        <td>{a.due ? <DayText value={a.due} /> : ''}</td>
                        <td>{a.done ? 'Yes' : 'No'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : null}
            <p className="pm-meeting-card__meta hint">
              Recorded by {m.createdByName}; last saved <InstantText value={m.updatedAt} withTime />.
            </p>
            <button type="button" className="button button--secondary" onClick={() => onContinue(m)}>
              Continue this record in meeting mode
              <span className="visually-hidden"> (meeting on {formatInstant(m.heldAt)})</span>
            </button>
          </li>
        );
      })}
    </ol>
  );
}
