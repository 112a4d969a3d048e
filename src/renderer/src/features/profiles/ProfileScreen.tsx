import type { ProfileListItem, ProfileVersionView } from '#contract/timescale-schemas.ts';
import type { Profile } from '#domain/profiles/schema.ts';
import { call } from '../../app/api.ts';
import { RouteLink } from '../../app/router.tsx';
import { isAdministrator, useSession } from '../../app/session.tsx';
import { BackLink } from '../../ui/BackLink.tsx';
import { Pending } from '../../ui/LoadFailed.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { all, useLoad } from '../../ui/useLoad.ts';
import { NATION_LABELS, SOURCE_LABELS, termsOf } from './describe.ts';
import { ProfileActions } from './ProfileActions.tsx';
import { PathwayParts, PracticeParts } from './ProfileParts.tsx';
import { BrookPart, RiskMatrixPart, TimescalesPart } from './ProfileTables.tsx';
import { Part, Row } from './parts.tsx';

interface Loaded {
  source: ProfileListItem['source'];
  profile: Profile;
  listing: ProfileListItem | undefined;
}

/** One version of a protocol profile, rendered readably; administrators can export or clone it. */
export function ProfileScreen({ profileId, version }: { profileId: string; version: number }) {
  const [loaded, reload] = useLoad<Loaded>(async () => {
    const results = all<[ProfileVersionView, ProfileListItem[]]>(
      await Promise.all([call('profiles.get', { id: profileId, version }), call('profiles.list', {})]),
    );
    if (!results.ok) return results;
    const [got, list] = results.data;
    return {
      ok: true,
      data: {
        source: got.source,
        // Checked against the profile schema by the router on its way here.
        profile: got.document,
        listing: list.find((p) => p.id === profileId),
      },
    };
  });

  const back = <BackLink to={{ name: 'profiles' }}>Back to profiles</BackLink>;
  if (loaded.state !== 'ready') {
    return (
      <>
        {back}
        <PageHeading caption="Protocol profile">Profile</PageHeading>
        <Pending loaded={loaded} what="the profile" onRetry={reload} />
      </>
    );
  }
  return (
    <>
      {back}
      <ProfileView data={loaded.data} />
    </>
  );
}

function ProfileView({ data }: { data: Loaded }) {
  const { user } = useSession();
  const { profile, source, listing } = data;
  return (
    <>
      <PageHeading caption={`Protocol profile, version ${profile.version}`}>{profile.name}</PageHeading>
      <dl className="summary-list">
        <Row label="Authority">{profile.authority}</Row>
        <Row label="Nation">
          {NATION_LABELS[profile.nation]}{' '}
          <span className="hint">(whose bank holidays the working-day clock leaves out)</span>
        </Row>
        <Row label="Version">
          {profile.version}
          <OtherVersions profile={profile} listing={listing} />
        </Row>
        <Row label="Source">{SOURCE_LABELS[source]}</Row>
        <Row label="Identifier">
          <code className="code">{profile.id}</code>
        </Row>
      </dl>

      {isAdministrator(user) ? <ProfileActions profile={profile} /> : null}

      <Part id="terminology" title="Terminology">
        <dl className="summary-list summary-list--compact">
          {termsOf(profile).map(({ key, label, term }) => (
            <Row key={key} label={label}>
              {term}
            </Row>
          ))}
        </dl>
      </Part>

      <TimescalesPart profile={profile} />
      <RiskMatrixPart profile={profile} />
      <BrookPart profile={profile} />
      <PathwayParts profile={profile} />
      <PracticeParts profile={profile} />
    </>
  );
}

/** The profile's other versions in the workbench, each a link (the one shown is marked current). */
function OtherVersions({ profile, listing }: { profile: Profile; listing: ProfileListItem | undefined }) {
  if (!listing || listing.versions.length <= 1) return null;
  return (
    <span className="hint">
      {' '}
      — versions in the workbench:{' '}
      {listing.versions.map((v, i) => (
        <span key={v}>
          {i > 0 ? ', ' : ''}
          {v === profile.version ? (
            <span aria-current="page">{v}</span>
          ) : (
            <RouteLink to={{ name: 'profile', profileId: profile.id, version: v }}>
              <span className="visually-hidden">version </span>
              {v}
            </RouteLink>
          )}
        </span>
      ))}
    </span>
  );
}
