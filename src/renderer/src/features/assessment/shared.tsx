import type { ReactNode } from 'react';
import type { AssessmentView } from '#contract/assessment-schemas.ts';
import { AGENCY_LABELS, type Agency } from '#contract/vocabulary.ts';
import { formatLondonTime, londonInstant } from '#domain/dates.ts';

export type View = AssessmentView;
export type Domain = View['domains'][number];
export type Item = Domain['items'][number];
export type Section = View['sections'][number];

/** What every part of the assessment page gets: the view, whether the viewer may change it, and a setter. */
export interface PartProps {
  view: View;
  canWrite: boolean;
  onView: (view: View) => void;
}

/** 'HH:mm:ss' (24-hour clock) in London time, whatever this computer's time zone. */
export function clockTime(iso: string, seconds = true): string {
  return formatLondonTime(iso, seconds);
}

export const agencyLabel = (agency: string) => AGENCY_LABELS[agency as Agency] ?? agency;

/** 'Yas Youth Justice (Youth Justice / YOS, AIM-trained)'. */
export function personText(p: { name: string; agency: string; aimTrained: boolean }): string {
  return `${p.name} (${agencyLabel(p.agency)}${p.aimTrained ? ', AIM-trained' : ', not AIM-trained'})`;
}

/** A definition list of label and value rows; empty values read "Not recorded". */
export function Facts({ rows, className }: { rows: [string, ReactNode][]; className?: string }) {
  return (
    <dl className={`summary-list${className ? ` ${className}` : ''}`}>
      {rows.map(([key, value]) => (
        <div className="summary-list__row" key={key}>
          <dt className="summary-list__key">{key}</dt>
          <dd className="summary-list__value">
            {value === '' || value === null || value === undefined ? (
              <span className="hint">Not recorded</span>
            ) : (
              value
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** The id of the heading of a part of the assessment page (the contents link to it). */
export const partTitleId = (id: string) => `assessment-${id}-title`;

/** A heading for one part of the assessment page, reachable from the page's contents. */
export function PartHeading({ part, children }: { part: string; children: ReactNode }) {
  return (
    <h2 id={partTitleId(part)} tabIndex={-1} className="heading-m assessment-part__title">
      {children}
    </h2>
  );
}

/** The instant a date field and a time field give, on a London wall clock; null when incomplete. */
export function instantOf(day: string, time: string): string | null {
  return londonInstant(day, time);
}

export const ROUTE_OPTIONS = [
  {
    value: 'welfare' as const,
    label: 'Welfare',
    hint: "Children's Social Care leads the assessment and does the administration.",
  },
  {
    value: 'criminal' as const,
    label: 'Criminal',
    hint: 'The police instigate an AIM strategy meeting and the youth justice service leads the assessment.',
  },
];

export const KIND_LABELS = { concern: 'Concern', strength: 'Strength' } as const;

export const PARTICIPANT_LABELS = {
  child: 'The child',
  'parent-carer': 'Parent or carer',
  'significant-other': 'Significant other',
  professional: 'Professional',
} as const;

export const STATE_WORDS: Record<string, string> = {
  'in-progress': 'In progress',
  superseded: 'Replaced by a review',
  final: 'Final',
};

/** The people in the assessment as the viewer sees them: themselves (if an assessor) and the other. */
export function assessorsFor(view: View) {
  const me =
    view.viewerRole === 'lead' ? view.leadAssessor : view.viewerRole === 'co' ? view.coAssessor : null;
  const other = me ? (me.id === view.leadAssessor.id ? view.coAssessor : view.leadAssessor) : null;
  return { me, other };
}
