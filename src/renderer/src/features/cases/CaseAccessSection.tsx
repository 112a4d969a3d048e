import type { CaseAccessRecords } from '#contract/schemas.ts';
import { call } from '../../app/api.ts';
import { InstantText } from '../../ui/DateText.tsx';
import { Pending } from '../../ui/LoadFailed.tsx';
import { Section } from '../../ui/Section.tsx';
import { useLoad } from '../../ui/useLoad.ts';

/** Who broke the glass on the case and who asked for access, with their reasons: for its managers and social worker. */
export function CaseAccessSection({ caseId }: { caseId: string }) {
  const [loaded, reload] = useLoad(() => call('cases.accessRecords', { caseId }));
  return (
    <Section id="access-title" title="Access by people not allocated">
      <Pending loaded={loaded} what="access records" onRetry={reload} />
      {loaded.state === 'ready' ? <AccessLists records={loaded.data} /> : null}
    </Section>
  );
}

function AccessLists({ records }: { records: CaseAccessRecords }) {
  const current = records.grants.filter((g) => g.current);
  return (
    <>
      <h3 className="heading-s">Current break-glass access</h3>
      {current.length === 0 ? (
        <p className="body hint">Nobody has break-glass access now.</p>
      ) : (
        <ul className="list">
          {current.map((g) => (
            <li key={g.id}>
              {g.userName}, from <InstantText value={g.grantedAt} /> until <InstantText value={g.expiresAt} />
              : {g.reason}
            </li>
          ))}
        </ul>
      )}
      <h3 className="heading-s">Requests for access</h3>
      {records.requests.length === 0 ? (
        <p className="body hint">Nobody has asked for access.</p>
      ) : (
        <ul className="list">
          {records.requests.map((r) => (
            <li key={r.id}>
              {r.userName}, <InstantText value={r.requestedAt} />: {r.reason}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
