import type { ReactNode } from 'react';
import type { MeetingDetails } from '#contract/assessment-schemas.ts';
import { RichTextView } from '../../ui/rich-text/RichTextView.tsx';
import { MeetingSummary } from '../meetings/MeetingSummary.tsx';
import { Facts } from './shared.tsx';

export type Kind = 'planning' | 'end';

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

/** The saved record of a meeting: the one meeting summary, with what AIM records at it. */
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
    <MeetingSummary meeting={details} what={`the ${TEXT[kind].lower}`} level={3}>
      <Facts rows={rows} />
    </MeetingSummary>
  );
}
