import type { ReactNode } from 'react';
import type { MeetingDetails } from '#contract/assessment-schemas.ts';
import { DayText } from '../../ui/DateText.tsx';
import { RichTextView } from '../../ui/rich-text/RichTextView.tsx';
import { Facts } from './shared.tsx';

export type Kind = 'planning' | 'end';
export type Attendee = MeetingDetails['attendees'][number];
export type Action = { text: string; owner: string; due: string; done: boolean };

export const TEXT = {
  planning: {
    part: 'planning',
    title: 'Planning meeting',
    lower: 'planning meeting',
    about:
      'The co-assessors and the professionals involved share information and agree actions, timescales and roles.',
    info: 'Information shared',
  },
  end: {
    part: 'end-meeting',
    title: 'End meeting',
    lower: 'end meeting',
    about: 'At the end of the intervention: the work done and the level of concern now.',
    info: 'Work done and information shared',
  },
} as const;

/** The saved record of a meeting, as the co-assessors recorded it. */
export function MeetingRecord({
  kind,
  details,
  updatedByName,
}: {
  kind: Kind;
  details: MeetingDetails;
  updatedByName: string;
}) {
  const rows: [string, ReactNode][] = [
    ['Date of the meeting', <DayText key="d" value={details.heldOn} />],
    [
      'Attendees',
      details.attendees.length === 0 ? (
        ''
      ) : (
        <ul key="a" className="list">
          {details.attendees.map((a, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are positional
            <li key={i}>
              {a.name}
              {a.role || a.agency ? ` — ${[a.role, a.agency].filter(Boolean).join(', ')}` : ''}
            </li>
          ))}
        </ul>
      ),
    ],
    [TEXT[kind].info, <RichTextView key="i" doc={details.informationShared} empty="Not recorded." />],
    [
      'Timescales',
      details.timescales ? (
        <span key="t" className="prewrap">
          {details.timescales}
        </span>
      ) : (
        ''
      ),
    ],
    [
      'Roles',
      details.roles ? (
        <span key="r" className="prewrap">
          {details.roles}
        </span>
      ) : (
        ''
      ),
    ],
  ];
  if (kind === 'end') rows.push(['Level of concern now', details.levelOfConcern]);
  rows.push(['Last saved by', updatedByName]);
  return (
    <>
      <Facts rows={rows} />
      {details.actions.length > 0 ? (
        <div className="table-wrapper">
          <table className="table table--small">
            <caption className="table-caption">Actions agreed</caption>
            <thead>
              <tr>
                <th scope="col">Action</th>
                <th scope="col">Who</th>
                <th scope="col">By</th>
                <th scope="col">Done</th>
              </tr>
            </thead>
            <tbody>
              {details.actions.map((a, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows are positional
                <tr key={i}>
                  <td className="prewrap">{a.text}</td>
                  <td>{a.owner || <span className="hint">Not recorded</span>}</td>
                  <td>{a.due ? <DayText value={a.due} /> : <span className="hint">No date</span>}</td>
                  <td>{a.done ? 'Done' : 'Not yet'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}
