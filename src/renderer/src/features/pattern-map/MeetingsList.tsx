import type { MapMeeting } from '#contract/pattern-map-schemas.ts';
import { formatInstant } from '#domain/dates.ts';
import { InstantText } from '../../ui/DateText.tsx';
import { MeetingSummary } from '../meetings/MeetingSummary.tsx';
import { useMapStore } from './store.ts';

/** The mapping meetings held on this map, most recent first; each can be continued in meeting mode. */
export function MeetingsList({ onContinue }: { onContinue: (meeting: MapMeeting) => void }) {
  const meetings = useMapStore((s) => s.map.meetings);
  if (meetings.length === 0) return <p className="body">No mapping meeting has been recorded yet.</p>;
  const newestFirst = [...meetings].sort((a, b) => b.heldAt.localeCompare(a.heldAt));
  return (
    <ol className="pm-meetings">
      {newestFirst.map((m) => {
        return (
          <li key={m.id} className="pm-meeting-card">
            <h3 className="heading-s pm-meeting-card__title">
              Meeting on <InstantText value={m.heldAt} withTime />, chaired by {m.chair}
            </h3>
            <MeetingSummary meeting={m} what={`the mapping meeting of ${formatInstant(m.heldAt)}`} level={4}>
              {m.notes ? <p className="body pm-prewrap">Notes: {m.notes}</p> : null}
            </MeetingSummary>
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
