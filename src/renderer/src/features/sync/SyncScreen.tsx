import './sync.css';
import type { CallResponse } from '#contract/calls.ts';
import type { Child, HsbCase, UserSummary } from '#contract/schemas.ts';
import { call } from '../../app/api.ts';
import { RouteLink } from '../../app/router.tsx';
import { DataTable } from '../../ui/DataTable.tsx';
import { InstantText } from '../../ui/DateText.tsx';
import { SummaryRow } from '../../ui/Fact.tsx';
import { LoadFailed, Loading } from '../../ui/LoadFailed.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { all, useLoad } from '../../ui/useLoad.ts';
import { CONNECTION_WORDS } from '../team/TeamServerSection.tsx';
import { CaseHistoryTable } from './CaseHistoryTable.tsx';
import { ConflictsSection } from './ConflictsSection.tsx';
import { SendCaseForm } from './SendCaseForm.tsx';

export type CaseSyncStatus = CallResponse<'sync.caseStatus'>;

export const changeSets = (n: number) => `${n} change set${n === 1 ? '' : 's'}`;

/** Someone else allocated to the case; `waitingToGo` is null until the case is first sent from here. */
export interface Recipient {
  id: string;
  name: string;
  waitingToGo: number | null;
}

interface Loaded {
  status: CaseSyncStatus;
  recipients: Recipient[];
}

/**
 * The people allocated to the case who work on other computers (people from the team roster have no
 * account here: their usernames start `team:`), with what is waiting to go to each. Those with an account
 * on this computer already have everything.
 */
function recipientsOf(hsbCase: HsbCase, users: UserSummary[], status: CaseSyncStatus) {
  const allocated = [hsbCase.socialWorkerId, hsbCase.yosPractitionerId, ...hsbCase.managerIds];
  const elsewhere = new Set(users.filter((u) => u.username.startsWith('team:')).map((u) => u.id));
  return [...new Set(allocated)]
    .filter((id) => elsewhere.has(id))
    .map((id) => {
      const known = status.members.find((m) => m.id === id);
      const name = known?.name ?? users.find((u) => u.id === id)?.name ?? 'Unknown person';
      return { id, name, waitingToGo: known ? known.waitingToGo : null };
    });
}

/**
 * The sync panel of a case ("Working with other computers"): when it was last brought up to date and
 * last sent, what is waiting to go to whom, "Send case to…", conflicts to decide and the case's history
 * from every computer.
 */
export function SyncScreen({ caseId }: { caseId: string }) {
  const [loaded, reload] = useLoad(async () => {
    const results = all<[CaseSyncStatus, { case: HsbCase; child: Child }, UserSummary[]]>(
      await Promise.all([
        call('sync.caseStatus', { caseId }),
        call('cases.get', { id: caseId }),
        call('users.list', {}),
      ]),
    );
    if (!results.ok) return results;
    const [status, got, users] = results.data;
    const recipients = recipientsOf(got.case, users, status);
    return { ok: true as const, data: { status, recipients } satisfies Loaded };
  });
  const ready = loaded.state === 'ready' ? loaded.data : null;
  const status = ready?.status ?? null;
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
      {ready && status ? (
        <>
          <UpToDate status={status} recipients={ready.recipients} />
          <SendCaseForm caseId={caseId} recipients={ready.recipients} onSent={() => void reload()} />
          <ConflictsSection status={status} onResolved={() => void reload()} />
          <CaseHistoryTable history={status.history} />
        </>
      ) : null}
    </>
  );
}

function UpToDate({ status, recipients }: { status: CaseSyncStatus; recipients: Recipient[] }) {
  return (
    <section aria-labelledby="sync-state-title" className="section">
      <h2 id="sync-state-title" className="heading-m">
        Where this case stands
      </h2>
      <dl className="summary-list">
        <SummaryRow label="Last brought up to date">
          {status.broughtUpToDateAt ? (
            <InstantText value={status.broughtUpToDateAt} withTime />
          ) : (
            <span className="hint">Not yet: no case bundle for it has been opened here</span>
          )}
        </SummaryRow>
        <SummaryRow label="Last sent">
          {status.lastSentAt ? (
            <InstantText value={status.lastSentAt} withTime />
          ) : (
            <span className="hint">Not sent from this computer yet</span>
          )}
        </SummaryRow>
        <ServerRow />
        {status.missing.length > 0 ? (
          <SummaryRow label="Not received">
            {status.missing.map((m) => `${changeSets(m.count)} from ${m.name}`).join('; ')}: later ones have
            arrived, so these were left out on the way. Ask them to send the case again.
          </SummaryRow>
        ) : null}
        {status.keptForLater > 0 ? (
          <SummaryRow label="Kept for a newer version">
            {changeSets(status.keptForLater)} written by a newer version of the workbench. They are kept and
            passed on, and used once this computer’s workbench is updated.
          </SummaryRow>
        ) : null}
      </dl>
      {recipients.length === 0 ? (
        <p className="body">
          Everyone allocated to this case works on this computer, so there is no one to send it to.
        </p>
      ) : (
        <DataTable
          caption="Waiting to go"
          captionClassName="table-caption"
          columns={['Allocated person', 'Changes they do not have yet']}
        >
          {recipients.map((m) => (
            <tr key={m.id}>
              <td>{m.name}</td>
              <td>{waiting(m.waitingToGo)}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}

/** The team server's connection, as the main process holds it (the screen makes no network request). */
function ServerRow() {
  const [loaded] = useLoad(() => call('sync.serverStatus', {}));
  if (loaded.state !== 'ready') return null;
  return <SummaryRow label="Team server">{CONNECTION_WORDS[loaded.data.state]}</SummaryRow>;
}

const waiting = (n: number | null) =>
  n === null
    ? 'The whole case: it has not been sent to them yet'
    : n === 0
      ? 'Nothing waiting'
      : changeSets(n);
