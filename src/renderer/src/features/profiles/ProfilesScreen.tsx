import type { ProfileListItem } from '#contract/timescale-schemas.ts';
import { call } from '../../app/api.ts';
import { RouteLink } from '../../app/router.tsx';
import { isAdministrator, useSession } from '../../app/session.tsx';
import { DataTable } from '../../ui/DataTable.tsx';
import { Pending } from '../../ui/LoadFailed.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { useLoad } from '../../ui/useLoad.ts';
import { NATION_LABELS, SOURCE_LABELS } from './describe.ts';
import { ImportProfileSection } from './ImportProfileSection.tsx';

/** Every protocol profile in the workbench; administrators can import one. */
export function ProfilesScreen() {
  const { user } = useSession();
  const [loaded, reload] = useLoad(() => call('profiles.list', {}));
  return (
    <>
      <PageHeading>Protocol profiles</PageHeading>
      <p className="body measure">
        A protocol profile is one authority’s HSB pathway written as data: its timescales, risk matrix and the
        names it uses. A case runs under one version of one profile. A new version never changes the deadlines
        of open cases unless a case is moved to it.
      </p>
      <section aria-labelledby="profiles-table-title" className="section">
        <h2 id="profiles-table-title" className="visually-hidden">
          Profiles
        </h2>
        <Pending loaded={loaded} what="profiles" onRetry={reload} />
        {loaded.state === 'ready' ? <ProfileTable profiles={loaded.data} /> : null}
      </section>
      {isAdministrator(user) ? <ImportProfileSection onImported={() => void reload()} /> : null}
    </>
  );
}

function ProfileTable({ profiles }: { profiles: ProfileListItem[] }) {
  return (
    <DataTable
      empty={<p className="body">There are no profiles.</p>}
      caption="Protocol profiles"
      columns={['Name', 'Authority', 'Nation', 'Version', 'All versions', 'Source']}
    >
      {profiles.map((p) => (
        <tr key={p.id}>
          <td>
            <RouteLink to={{ name: 'profile', profileId: p.id, version: p.version }}>{p.name}</RouteLink>
          </td>
          <td>{p.authority}</td>
          <td className="nowrap">{NATION_LABELS[p.nation]}</td>
          <td>{p.version}</td>
          <td>
            <VersionLinks profile={p} />
          </td>
          <td className="nowrap">
            <span className={`tag tag--${p.source}`}>{SOURCE_LABELS[p.source]}</span>
          </td>
        </tr>
      ))}
    </DataTable>
  );
}

/** Links to each version of a profile, e.g. '1, 2'. */
export function VersionLinks({
  profile,
  current,
}: {
  profile: Pick<ProfileListItem, 'id' | 'name' | 'versions'>;
  current?: number;
}) {
  return (
    <ul className="inline-list">
      {profile.versions.map((v) => (
        <li key={v}>
          {v === current ? (
            <span aria-current="page">
              <span className="visually-hidden">{profile.name} </span>version {v}
            </span>
          ) : (
            <RouteLink to={{ name: 'profile', profileId: profile.id, version: v }}>
              <span className="visually-hidden">{profile.name} </span>
              {current === undefined ? <span className="visually-hidden">version </span> : 'version '}
              {v}
            </RouteLink>
          )}
        </li>
      ))}
    </ul>
  );
}
