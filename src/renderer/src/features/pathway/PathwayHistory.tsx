import type { Result } from '#contract/errors.ts';
import type { PathwaySummary } from '#contract/pathway-calls.ts';
import type { CaseTimeline } from '#contract/timescale-schemas.ts';
import { call } from '../../app/api.ts';
import { DataTable } from '../../ui/DataTable.tsx';
import { Pending } from '../../ui/LoadFailed.tsx';
import { Section } from '../../ui/Section.tsx';
import { useLoad } from '../../ui/useLoad.ts';
import { When } from './shared.tsx';

type Entry = PathwaySummary['history'][number];

/** Steps the summary already tells in its own words: the agreed category, and the step a concern raises. */
const TOLD_BY_THE_SUMMARY = new Set(['category-agreed', 'concern-received', 'referral-received']);

/**
 * The pathway summary's history, with the profile's other steps recorded on the case (a concern screened
 * with the Brook tool, a section 47 enquiry initiated …) in date order.
 */
function historyOf(summary: PathwaySummary, timeline: CaseTimeline): Entry[] {
  const steps: Entry[] = timeline.events
    .filter((e) => !TOLD_BY_THE_SUMMARY.has(e.event))
    .map((e) => ({
      at: e.occurredAt,
      kind: 'Step',
      title: e.label,
      detail: e.summary,
      byName: e.recordedByName,
    }));
  return [...summary.history, ...steps]
    .map((entry, order) => ({ entry, order }))
    .sort((a, b) => Date.parse(a.entry.at) - Date.parse(b.entry.at) || a.order - b.order)
    .map((x) => x.entry);
}

async function load(caseId: string): Promise<Result<Entry[]>> {
  const [summary, timeline] = await Promise.all([
    call('pathway.summary', { caseId }),
    call('pathway.timeline', { caseId }),
  ]);
  if (!summary.ok) return summary;
  if (!timeline.ok) return timeline;
  return { ok: true, data: historyOf(summary.data, timeline.data) };
}

/** The case page's dated history of every pathway step and decision, with its rationale, in the profile's words. */
export function PathwayHistory({ caseId }: { caseId: string }) {
  const [loaded, reload] = useLoad(() => load(caseId));
  return (
    <Section
      id="hsb-history-title"
      title="History of steps and decisions"
      className="section section--divided"
    >
      <Pending loaded={loaded} what="the history of steps and decisions" onRetry={reload} />
      {loaded.state === 'ready' ? (
        loaded.data.length === 0 ? (
          <p className="body hint">No step or decision has been recorded yet.</p>
        ) : (
          <DataTable
            caption="Steps and decisions, oldest first"
            className="table table--small hsb-history"
            columns={['When', 'Step', 'What happened', 'Detail and rationale', 'By']}
          >
            {loaded.data.map((e, i) => (
              // History entries have no id; the list is replaced whole on each load.
              // biome-ignore lint/suspicious/noArrayIndexKey: see above
              <tr key={i}>
                <td className="nowrap">
                  <When at={e.at} />
                </td>
                <td>{e.kind}</td>
                <td>{e.title}</td>
                <td className="prewrap">{e.detail || <span className="hint">None recorded</span>}</td>
                <td>{e.byName || <span className="hint">The workbench</span>}</td>
              </tr>
            ))}
          </DataTable>
        )
      ) : null}
    </Section>
  );
}
