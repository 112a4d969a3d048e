import './sync.css';
import type { CallResponse } from '#contract/calls.ts';
import { call } from '../../app/api.ts';
import { RouteLink } from '../../app/router.tsx';
import { InstantText } from '../../ui/DateText.tsx';
import { LoadFailed, Loading } from '../../ui/LoadFailed.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { useLoad } from '../../ui/useLoad.ts';
import { CaseHistoryTable } from './CaseHistoryTable.tsx';
import { ConflictsSection } from './ConflictsSection.tsx';
import { SendCaseForm } from './SendCaseForm.tsx';

export type CaseSyncStatus = CallResponse<'sync.caseStatus'>;

export const changeSets = (n: number) => `${n} change set${n === 1 ? '' : 's'}`;

/**
 * The sync panel of a case ("Working with other computers"): when it was last brought up to date and
 * last sent, what is waiting to go to whom, "Send case to…", conflicts to decide and the case's history
 * from every computer.
 */
export function SyncScreen({ caseId }: { caseId: string }) {
  const [loaded, reload] = useLoad(() => call('sync.caseStatus', { caseId }));
  const status = loaded.state === 'ready' ? loaded.data : null;
  return (
    <>
      <p className="back-link-wrapper">
        <RouteLink to={{ name: 'case', caseId }} className="back-link">
          Back to the case
        </RouteLink>
      </p>
      <PageHeading caption={status ? `Case ${status.reference}` : 'Case'}>
        Working with other computers
      </PageHeading>
      {loaded.state === 'loading' ? <Loading what="how this case stands with other computers" /> : null}
      {loaded.state === 'failed' ? <LoadFailed error={loaded.error} onRetry={() => void reload()} /> : null}
      {status ? (
        <>
          <UpToDate status={status} />
          <SendCaseForm status={status} onSent={() => void reload()} />
          <ConflictsSection status={status} onResolved={() => void reload()} />
          <CaseHistoryTable history={status.history} />
        </>
      ) : null}
    </>
  );
}

function UpToDate({ status }: { status: CaseSyncStatus }) {
  return (
    <section aria-labelledby="sync-state-title" className="section">
      <h2 id="sync-state-title" className="heading-m">
        Where this case stands
      </h2>
      <dl className="summary-list">
        <div className="summary-list__row">
          <dt className="summary-list__key">Last brought up to date</dt>
          <dd className="summary-list__value">
            {status.broughtUpToDateAt ? (
              <InstantText value={status.broughtUpToDateAt} withTime />
            ) : (
              <span className="hint">Not yet: no case bundle for it has been opened here</span>
            )}
          </dd>
        </div>
        <div className="summary-list__row">
          <dt className="summary-list__key">Last sent</dt>
          <dd className="summary-list__value">
            {status.lastSentAt ? (
              <InstantText value={status.lastSentAt} withTime />
            ) : (
              <span className="hint">Not sent from this computer yet</span>
            )}
          </dd>
        </div>
        {status.keptForLater > 0 ? (
          <div className="summary-list__row">
            <dt className="summary-list__key">Kept for a newer version</dt>
            <dd className="summary-list__value">
              {changeSets(status.keptForLater)} written by a newer version of the workbench. They are kept and
              passed on, and used once this computer’s workbench is updated.
            </dd>
          </div>
        ) : null}
      </dl>
      {status.members.length === 0 ? (
        <p className="body">No one else is allocated to this case, so there is no one to send it to.</p>
      ) : (
        <div className="table-wrapper">
          <table className="table">
            <caption className="table-caption">Waiting to go</caption>
            <thead>
              <tr>
                <th scope="col">Allocated person</th>
                <th scope="col">Changes they do not have yet</th>
              </tr>
            </thead>
            <tbody>
              {status.members.map((m) => (
                <tr key={m.id}>
                  <td>{m.name}</td>
                  <td>{m.waitingToGo === 0 ? 'Nothing waiting' : changeSets(m.waitingToGo)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
