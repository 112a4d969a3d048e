import type { ReactNode } from 'react';
import type { MeetingView } from '#contract/meeting.ts';
import { ATTENDANCE_LABELS } from '#domain/meeting.ts';
import { DataTable } from '../../ui/DataTable.tsx';
import { DayText, InstantText } from '../../ui/DateText.tsx';
import { Fact } from '../../ui/Fact.tsx';
import { type HeadingLevel, PartHeading } from './Heading.tsx';

const notRecorded = <span className="hint">Not recorded</span>;

/** A small table of a meeting's list (attendees, actions): one row an entry, in the order recorded. */
function ListTable<T>({
  caption,
  columns,
  rows,
  children,
}: {
  caption: ReactNode;
  columns: string[];
  rows: readonly T[];
  children: (row: T) => ReactNode;
}) {
  return (
    <DataTable caption={caption} className="table table--small" columns={columns}>
      {rows.map((row, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a meeting's lists have no ids and never reorder
        <tr key={i}>{children(row)}</tr>
      ))}
    </DataTable>
  );
}

interface Props {
  meeting: MeetingView;
  /** Names the meeting in the tables' captions, e.g. 'the strategy meeting'. */
  what: string;
  level?: HeadingLevel;
  /** The kind's own facts: rows (`<div className="facts__row">`) after the date and chair. */
  facts?: ReactNode;
  /** The kind's own parts, after the decisions. */
  children?: ReactNode;
  /** Replaces the table of actions (e.g. with a form to mark them done). */
  actions?: ReactNode;
}

/** One meeting as recorded, the same for every kind: when, chair, attendees, agenda, decisions and actions. */
export function MeetingSummary({ meeting: m, what, level = 3, facts, children, actions }: Props) {
  return (
    <>
      <dl className="facts">
        <Fact term="Held">
          <InstantText value={m.heldAt} withTime />
        </Fact>
        <Fact term="Chair">{m.chair || notRecorded}</Fact>
        {facts}
      </dl>
      <PartHeading level={level}>Attendees</PartHeading>
      <ListTable
        caption={<>Attendees of {what}</>}
        columns={['Name', 'Role', 'Agency', 'Attendance']}
        rows={m.attendees}
      >
        {(a) => (
          <>
            <td>{a.name}</td>
            <td>{a.role || notRecorded}</td>
            <td>{a.agency || notRecorded}</td>
            <td>{ATTENDANCE_LABELS[a.attendance]}</td>
          </>
        )}
      </ListTable>
      {m.agenda.length > 0 ? (
        <>
          <PartHeading level={level}>Agenda</PartHeading>
          <dl className="facts">
            {m.agenda.map((a, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: agenda points have no id and never reorder
              <div key={i} className="facts__row">
                <dt>{a.point}</dt>
                <dd className="prewrap">{a.notes || <span className="hint">No notes</span>}</dd>
              </div>
            ))}
          </dl>
        </>
      ) : null}
      <PartHeading level={level}>Decisions</PartHeading>
      <p className="body prewrap">{m.decisions || <span className="hint">None recorded</span>}</p>
      {children}
      {actions ?? <ActionsTable meeting={m} what={what} level={level} />}
    </>
  );
}

function ActionsTable({
  meeting: m,
  what,
  level,
}: {
  meeting: MeetingView;
  what: string;
  level: HeadingLevel;
}) {
  return (
    <>
      <PartHeading level={level}>Actions</PartHeading>
      {m.actions.length === 0 ? (
        <p className="body hint">No actions recorded.</p>
      ) : (
        <ListTable
          caption={<>Actions agreed at {what}</>}
          columns={['Action', 'Owner', 'Due', 'Done']}
          rows={m.actions}
        >
          {(a) => (
            <>
              <td>{a.text}</td>
              <td>{a.owner || notRecorded}</td>
              <td>{a.due ? <DayText value={a.due} /> : ''}</td>
              <td>{a.done ? 'Yes' : 'Not yet'}</td>
            </>
          )}
        </ListTable>
      )}
    </>
  );
}
