import '../sync/sync.css';
import type { CallResponse } from '#contract/calls.ts';
import { AGENCY_LABELS, type Agency, ROLE_LABELS, type Role } from '#contract/vocabulary.ts';
import { DataTable } from '../../ui/DataTable.tsx';
import { SummaryRow } from '../../ui/Fact.tsx';

type TeamView = CallResponse<'sync.team'>;

const agencyLabel = (agency: string) => AGENCY_LABELS[agency as Agency] ?? agency;
const roleLabel = (role: string) => ROLE_LABELS[role as Role] ?? role;

/** Groups a fingerprint in fours so that it can be read out over the telephone. */
export const spaced = (fingerprint: string) => fingerprint.match(/.{1,4}/g)?.join(' ') ?? fingerprint;

/** The team this computer is in: the roster's version, the key it trusts, and who is in the team. */
export function TeamDetails({ team }: { team: TeamView }) {
  return (
    <>
      <dl className="summary-list">
        <SummaryRow label="Team roster">Version {team.rosterVersion}</SummaryRow>
        <div className="summary-list__row">
          <dt className="summary-list__key" id="pinned-key-term">
            Administrator key this computer trusts
          </dt>
          <dd className="summary-list__value">
            <code className="fingerprint" role="note" aria-labelledby="pinned-key-term">
              {team.pinnedFingerprint ? spaced(team.pinnedFingerprint) : '—'}
            </code>
          </dd>
        </div>
        <SummaryRow label="Your key on this computer">
          {team.myFingerprint ? (
            <code className="fingerprint">{spaced(team.myFingerprint)}</code>
          ) : (
            <span className="hint">Not available until you sign in again with your password</span>
          )}
        </SummaryRow>
      </dl>
      <p className="body">
        Before trusting this team, telephone the administrator who set it up and compare the administrator key
        above with the one their workbench shows, character by character. If they differ, do not use the team:
        tell your information governance lead.
      </p>
      <DataTable
        caption="Team members"
        captionClassName="table-caption"
        columns={['Name', 'Agency', 'Roles', 'Computer', 'Device fingerprint']}
      >
        {team.members.map((m) => (
          <tr key={m.id}>
            <td>{m.name}</td>
            <td>{agencyLabel(m.agency)}</td>
            <td>{m.roles.map(roleLabel).join(', ')}</td>
            <td>{m.onThisComputer ? 'On this computer' : 'Another computer'}</td>
            <td className="nowrap">
              <code className="fingerprint">{spaced(m.fingerprint)}</code>
            </td>
          </tr>
        ))}
      </DataTable>
    </>
  );
}
