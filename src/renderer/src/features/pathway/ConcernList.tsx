import type { PathwaySummary } from '#contract/pathway-calls.ts';
import { PERSON_KIND_LABELS } from '#contract/pattern-map-schemas.ts';
import type { ChildKind } from './concern-form.ts';
import { RecordedTable, When } from './shared.tsx';

/** The concerns recorded on the case, oldest first, with their eligibility and any reason to proceed. */
export function ConcernList({ summary }: { summary: PathwaySummary }) {
  return (
    <RecordedTable
      id="concerns-title"
      title="Concerns on this case"
      none="No concern has been recorded on this case yet."
      caption="Concerns on this case, oldest first"
      columns={['Received', 'From', 'What was reported', 'Other children', 'Eligibility', 'Recorded by']}
    >
      {summary.referrals.map((r) => (
        <tr key={r.id}>
          <td className="nowrap">
            <When at={r.receivedAt} />
            <span className="cell-note">{r.newReferral ? 'New referral' : 'On the open case'}</span>
          </td>
          <td>
            {r.source}
            {r.referrer ? <span className="cell-note">Referrer: {r.referrer}</span> : null}
          </td>
          <td className="prewrap">
            {r.reported}
            {r.exploitationAdvice ? <span className="cell-note">{r.exploitationAdvice}</span> : null}
          </td>
          <td>
            {r.children.length === 0
              ? 'None'
              : r.children
                  .map(
                    (c) => `${c.label} (${PERSON_KIND_LABELS[c.role as ChildKind]?.toLowerCase() ?? c.role})`,
                  )
                  .join(', ')}
          </td>
          <td>
            {r.eligibility.outcomeLabel}
            {r.proceedReason ? (
              <span className="cell-note">Proceeding because: {r.proceedReason}</span>
            ) : null}
          </td>
          <td>{r.recordedByName}</td>
        </tr>
      ))}
    </RecordedTable>
  );
}
