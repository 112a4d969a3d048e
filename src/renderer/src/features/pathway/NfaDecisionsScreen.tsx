import { call } from '../../app/api.ts';
import { RouteLink } from '../../app/router.tsx';
import { DataTable } from '../../ui/DataTable.tsx';
import { Pending } from '../../ui/LoadFailed.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { useLoad } from '../../ui/useLoad.ts';
import { When } from './shared.tsx';

/** Every no-further-action decision of a strategy meeting, for the coordinator each profile names (Hounslow). */
export function NfaDecisionsScreen() {
  const [loaded, reload] = useLoad(() => call('pathway.nfaList', {}));
  return (
    <>
      <PageHeading>No further action decisions</PageHeading>
      <p className="body measure">
        Every strategy discussion or meeting that decided no further action, with its rationale and the
        coordinator the case’s profile says it is reported to.
      </p>
      <Pending loaded={loaded} what="the decisions" onRetry={reload} />
      {loaded.state === 'ready' ? (
        loaded.data.length === 0 ? (
          <p className="body hint">No no-further-action decision has been recorded.</p>
        ) : (
          <DataTable
            caption="No further action decisions, oldest first"
            className="table table--small"
            columns={['Case', 'Child', 'Profile', 'Decided', 'Rationale', 'Reported to', 'Recorded by']}
          >
            {loaded.data.map((d) => (
              <tr key={`${d.caseId}-${d.decidedAt}`}>
                <td className="nowrap">
                  <RouteLink to={{ name: 'case', caseId: d.caseId }}>{d.caseReference}</RouteLink>
                </td>
                <td>{d.childName}</td>
                <td>{d.profileName}</td>
                <td className="nowrap">
                  <When at={d.decidedAt} />
                </td>
                <td className="prewrap">{d.rationale || <span className="hint">None recorded</span>}</td>
                <td>{d.reportedTo}</td>
                <td>{d.recordedByName}</td>
              </tr>
            ))}
          </DataTable>
        )
      ) : null}
    </>
  );
}
