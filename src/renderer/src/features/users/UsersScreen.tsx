import type { UserSummary } from '#contract/schemas.ts';
import { AGENCY_LABELS, ROLE_LABELS } from '#contract/vocabulary.ts';
import { call } from '../../app/api.ts';
import { RouteLink } from '../../app/router.tsx';
import { ACTIONS_COLUMN, DataTable } from '../../ui/DataTable.tsx';
import { Pending } from '../../ui/LoadFailed.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { Section } from '../../ui/Section.tsx';
import { useLoad } from '../../ui/useLoad.ts';
import { AddUserForm } from './AddUserForm.tsx';

/** Everyone who can use the workbench, and a form to add someone. Administrators only. */
export function UsersScreen() {
  const [loaded, reload] = useLoad(() => call('users.list', {}));
  return (
    <>
      <PageHeading>Users</PageHeading>
      <Section id="users-table-title" title="People who can use the workbench">
        <Pending loaded={loaded} what="users" onRetry={reload} />
        {loaded.state === 'ready' ? <UserTable users={loaded.data} /> : null}
      </Section>
      <AddUserForm onAdded={() => void reload()} />
    </>
  );
}

/**
 * People in the team roster who work on another computer: they have no account here (they cannot sign in
 * here), and their details come from the roster (Administration → Team).
 */
const fromTeam = (u: UserSummary) => u.username.startsWith('team:');

function UserTable({ users }: { users: UserSummary[] }) {
  if (users.length === 0) return <p className="body">There are no users.</p>;
  const sorted = [...users].sort(
    (a, b) => Number(b.active) - Number(a.active) || a.name.localeCompare(b.name, 'en-GB'),
  );
  return (
    <DataTable
      caption="Users"
      columns={['Name', 'Username', 'Agency', 'Roles', 'AIM-trained', 'Status', ACTIONS_COLUMN]}
    >
      {sorted.map((u) => (
        <tr key={u.id}>
          <th scope="row" className="table__row-header">
            {u.name}
          </th>
          <td>{fromTeam(u) ? <span className="hint">On another computer</span> : u.username}</td>
          <td>{AGENCY_LABELS[u.agency]}</td>
          <td>{u.roles.map((r) => ROLE_LABELS[r]).join(', ')}</td>
          <td>{u.aimTrained ? 'Yes' : 'No'}</td>
          <td>
            <span className={u.active ? 'tag tag--active' : 'tag tag--inactive'}>
              {u.active ? 'Active' : 'Deactivated'}
            </span>
          </td>
          <td>
            {fromTeam(u) ? (
              <span className="hint">In the team roster</span>
            ) : (
              <RouteLink to={{ name: 'user', userId: u.id }}>
                Edit<span className="visually-hidden"> {u.name}</span>
              </RouteLink>
            )}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
