import { useState } from 'react';
import type { AppError } from '#contract/errors.ts';
import type { AuditCheck, AuditEntry } from '#contract/schemas.ts';
import { call } from '../../app/api.ts';
import { DataTable } from '../../ui/DataTable.tsx';
import { InstantText } from '../../ui/DateText.tsx';
import { LoadFailed, Loading } from '../../ui/LoadFailed.tsx';
import { SuccessNotice } from '../../ui/Notice.tsx';
import { Section } from '../../ui/Section.tsx';
import { useLoad } from '../../ui/useLoad.ts';

const RECENT_LIMIT = 50;

/** Check that the audit trail has not been altered (`audit.check`) and show the latest entries. */
export function AuditSection() {
  const [recent, reloadRecent] = useLoad(() => call('audit.recent', { limit: RECENT_LIMIT }));
  const [check, setCheck] = useState<AuditCheck | null>(null);
  const [checkError, setCheckError] = useState<AppError | null>(null);
  const [checking, setChecking] = useState(false);

  async function runCheck() {
    if (checking) return;
    setChecking(true);
    setCheck(null);
    setCheckError(null);
    const result = await call('audit.check', {});
    setChecking(false);
    if (result.ok) setCheck(result.data);
    else setCheckError(result.error);
    void reloadRecent();
  }

  return (
    <Section id="audit-title" title="Audit trail" className="section section--divided">
      <p className="body">
        Every change is recorded in a chained audit trail. Checking it confirms that no entry has been
        altered, removed or reordered.
      </p>
      <button
        type="button"
        className="button button--secondary"
        onClick={() => void runCheck()}
        aria-disabled={checking || undefined}
      >
        Check audit trail
      </button>
      {checking ? (
        <p className="body hint" role="status">
          Checking the audit trail…
        </p>
      ) : null}
      {checkError ? <LoadFailed error={checkError} /> : null}
      {check ? <CheckResult check={check} /> : null}

      <h3 className="heading-s">Recent audit entries</h3>
      {recent.state === 'loading' ? <Loading what="audit entries" /> : null}
      {recent.state === 'failed' ? (
        <LoadFailed error={recent.error} onRetry={() => void reloadRecent()} />
      ) : null}
      {recent.state === 'ready' ? <AuditTable entries={recent.data} /> : null}
    </Section>
  );
}

function CheckResult({ check }: { check: AuditCheck }) {
  const entries = `${check.entriesChecked} ${check.entriesChecked === 1 ? 'entry' : 'entries'}`;
  if (check.intact) return <SuccessNotice title={`Audit trail intact: ${entries} checked`} />;
  return (
    <div className="error-summary" role="alert">
      <h3 className="error-summary__title">Audit trail problem found</h3>
      <p className="error-summary__message">
        {check.firstProblem
          ? check.firstProblem.seq > 0 && check.firstProblem.problem !== 'changes-lost'
            ? `${check.firstProblem.message} (entry ${check.firstProblem.seq}).`
            : check.firstProblem.message
          : 'The audit trail did not check out.'}
      </p>
      <p className="body">
        {entries} checked. Keep the workbench as it is and report this to your information governance lead: it
        can mean records were changed outside the workbench.
      </p>
    </div>
  );
}

function AuditTable({ entries }: { entries: AuditEntry[] }) {
  return (
    <DataTable
      empty={<p className="body">No audit entries yet.</p>}
      caption={<>The {RECENT_LIMIT} most recent audit entries, newest first</>}
      className="table table--small"
      columns={['No.', 'When', 'Who', 'Action', 'Record', 'Summary']}
    >
      {entries.map((e) => (
        <tr key={e.seq}>
          <td>{e.seq}</td>
          <td className="nowrap">
            <InstantText value={e.at} withTime />
          </td>
          <td>{e.userName}</td>
          <td>{e.action}</td>
          <td>{e.recordType}</td>
          <td>{e.summary}</td>
        </tr>
      ))}
    </DataTable>
  );
}
