import '../../styles/hsb-pathway.css';
import type { ReactNode } from 'react';
import type { Result } from '#contract/errors.ts';
import type { PathwaySummary } from '#contract/pathway-calls.ts';
import type { Child, HsbCase } from '#contract/schemas.ts';
import { formatDayText, formatInstant } from '#domain/dates.ts';
import { call } from '../../app/api.ts';
import { BackLink } from '../../ui/BackLink.tsx';
import { DataTable } from '../../ui/DataTable.tsx';
import { Pending } from '../../ui/LoadFailed.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { Section } from '../../ui/Section.tsx';
import { useLoad } from '../../ui/useLoad.ts';

// Shared by the HSB pathway screens: the case they belong to, dates, and the profile's own words.

export interface CaseBasics {
  hsbCase: HsbCase;
  child: Child;
  summary: PathwaySummary;
}

/** The case, its child and the pathway summary, in one result. */
export async function loadBasics(caseId: string): Promise<Result<CaseBasics>> {
  const [got, summary] = await Promise.all([
    call('cases.get', { id: caseId }),
    call('pathway.summary', { caseId }),
  ]);
  if (!got.ok) return got;
  if (!summary.ok) return summary;
  return { ok: true, data: { hsbCase: got.data.case, child: got.data.child, summary: summary.data } };
}

/**
 * A pathway screen of one case: it loads its data (`load(caseId)`, again on retry), then shows the link back
 * to the case, the h1 (captioned with the case once it has loaded; `title` may depend on the data) and, when
 * the data is ready, the screen's content.
 */
export function CaseScreen<T extends { hsbCase: HsbCase; child: Child }>({
  caseId,
  title,
  load,
  what,
  children,
}: {
  caseId: string;
  title: string | ((data: T | null) => string);
  load: (caseId: string) => Promise<Result<T>>;
  what: string;
  children: (data: T) => ReactNode;
}) {
  const [loaded, reload] = useLoad(() => load(caseId));
  const ready = loaded.state === 'ready' ? loaded.data : null;
  const caption =
    loaded.state === 'ready' ? `Case ${loaded.data.hsbCase.reference}: ${loaded.data.child.name}` : undefined;
  return (
    <>
      <BackLink to={{ name: 'case', caseId }}>Back to the case</BackLink>
      <PageHeading caption={caption}>{typeof title === 'string' ? title : title(ready)}</PageHeading>
      <Pending loaded={loaded} what={what} onRetry={() => void reload()} />
      {loaded.state === 'ready' ? children(loaded.data) : null}
    </>
  );
}

/** A pathway screen component: `load` the case's data, then `Work` shows it under the title. */
export function caseScreen<T extends { hsbCase: HsbCase; child: Child }>(
  title: string,
  load: (caseId: string) => Promise<Result<T>>,
  what: string,
  Work: (props: { data: T }) => ReactNode,
) {
  return ({ caseId }: { caseId: string }) => (
    <CaseScreen caseId={caseId} title={title} load={load} what={what}>
      {(data) => <Work data={data} />}
    </CaseScreen>
  );
}

/** A pathway date: an ISO day as dd/mm/yyyy, an instant as dd/mm/yyyy HH:mm (24-hour, local time). */
export function whenText(at: string): string {
  return at.length <= 10 ? formatDayText(at) : formatInstant(at, true);
}

export function When({ at }: { at: string }) {
  return <time dateTime={at}>{whenText(at)}</time>;
}

/** Whether the case's profile has a hub that takes consultation requests (Lancashire's CYJS HSB Hub). */
export function hasHub(summary: PathwaySummary): boolean {
  return summary.consentRequired.some((c) => c.id === 'hub-referral') || summary.consultations.length > 0;
}

export { PLAN_KIND_LABELS, type PlanKind } from '#contract/pathway-calls.ts';

export type YesNo = 'yes' | 'no' | 'unknown';
export const YES_NO_OPTIONS: { value: YesNo; label: string }[] = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
  { value: 'unknown', label: 'Not known' },
];
export const yesNoAnswer = (v: YesNo | '') => (v === 'yes' ? true : v === 'no' ? false : undefined);

/** 'in 1 record' / 'in 3 records'. */
export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** A small text tag that says what a colour would (never colour alone). */
export function StateTag({ tone, children }: { tone: 'done' | 'todo' | 'info'; children: ReactNode }) {
  return <strong className={`hsb-tag hsb-tag--${tone}`}>{children}</strong>;
}

/** A divided section of the case's pathway holding one small table of what has been recorded. */
export function RecordedTable({
  id,
  title,
  caption,
  none,
  columns,
  children,
}: {
  id: string;
  title: string;
  caption: string;
  /** What is said when nothing has been recorded yet. */
  none: string;
  columns: string[];
  children: ReactNode;
}) {
  return (
    <Section id={id} title={title} className="section section--divided">
      <DataTable
        empty={<p className="body hint">{none}</p>}
        caption={caption}
        className="table table--small"
        columns={columns}
      >
        {children}
      </DataTable>
    </Section>
  );
}
