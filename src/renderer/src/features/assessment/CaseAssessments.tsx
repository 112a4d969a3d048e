import { call } from '../../app/api.ts';
import { RouteLink } from '../../app/router.tsx';
import { DataTable } from '../../ui/DataTable.tsx';
import { InstantText } from '../../ui/DateText.tsx';
import { Pending } from '../../ui/LoadFailed.tsx';
import { Section } from '../../ui/Section.tsx';
import { useLoad } from '../../ui/useLoad.ts';
import { STATE_WORDS } from './shared.tsx';

/** The case page's list of AIM assessments (`assessments.forCase`) and the way to start one. */
export function CaseAssessments({ caseId, caseOpen }: { caseId: string; caseOpen: boolean }) {
  const [loaded, reload] = useLoad(() => call('assessments.forCase', { caseId }));
  return (
    <Section id="case-assessments-title" title="AIM assessments">
      <Pending loaded={loaded} what="the assessments" onRetry={reload} />
      {loaded.state === 'ready' ? (
        loaded.data.length === 0 ? (
          <p className="body">No AIM assessment has been started for this case.</p>
        ) : (
          <DataTable
            caption="AIM assessments of this case, oldest first"
            className="table table--small"
            columns={['Assessment', 'Started', 'Co-assessors', 'State']}
          >
            {loaded.data.map((a) => (
              <tr key={a.id}>
                <td>
                  <RouteLink to={{ name: 'assessment', assessmentId: a.id }}>
                    {a.frameworkName}, version {a.versionNo}
                  </RouteLink>
                </td>
                <td className="nowrap">
                  <InstantText value={a.startedAt} />
                </td>
                <td>
                  {a.leadAssessorName} (lead) and {a.coAssessorName}
                </td>
                <td>{STATE_WORDS[a.state] ?? a.state}</td>
              </tr>
            ))}
          </DataTable>
        )
      ) : null}
      {caseOpen ? (
        <p className="body">
          <RouteLink to={{ name: 'new-assessment', caseId }}>Start an AIM assessment</RouteLink>
        </p>
      ) : null}
    </Section>
  );
}
