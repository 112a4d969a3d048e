import type { ProfileListItem, ProfileVersionView } from '#contract/timescale-schemas.ts';
import { AGENCY_LABELS, type Agency } from '#contract/vocabulary.ts';
import { consentFor, type TrainedAssessors, trainedAssessors } from '#domain/profiles/practice.ts';
import type { Profile } from '#domain/profiles/schema.ts';
import { NOT_STATED, NOT_STATED_TEXT } from '#domain/profiles/schema-parts.ts';
import { call } from '../../app/api.ts';
import { RouteLink } from '../../app/router.tsx';
import { isAdministrator, useSession } from '../../app/session.tsx';
import { BackLink } from '../../ui/BackLink.tsx';
import { Pending } from '../../ui/LoadFailed.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { all, useLoad } from '../../ui/useLoad.ts';
import { CONSENT_FROM, describeCriterion, NATION_LABELS, SOURCE_LABELS, termsOf } from './describe.ts';
import { ProfileActions } from './ProfileActions.tsx';
import { BrookPart, RiskMatrixPart, TimescalesPart } from './ProfileTables.tsx';
import { Bullets, CitationText, Part, Row } from './parts.tsx';

interface Loaded {
  source: ProfileListItem['source'];
  profile: Profile;
  listing: ProfileListItem | undefined;
}

const TRAINING_TEXT: Record<TrainedAssessors, string> = {
  both: 'Both co-assessors must be AIM-trained',
  'youth-justice': 'The youth justice co-assessor must be AIM-trained',
  lead: 'The lead assessor must be AIM-trained',
  [NOT_STATED]: `${NOT_STATED_TEXT}: the workbench does not check training`,
};

function screeningAgencies(agencies: readonly string[] | typeof NOT_STATED): string {
  if (agencies === NOT_STATED)
    return `${NOT_STATED_TEXT}: anyone on the case other than the person who asked`;
  return `Staff in ${agencies.map((a) => AGENCY_LABELS[a as Agency] ?? a).join(' or ')}`;
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
          {listing && listing.versions.length > 1 ? (
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
          ) : null}
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

      <Part id="steps" title="Steps that can start a clock">
        <Bullets items={profile.triggerEvents}>{(e) => <li key={e.id}>{e.label}</li>}</Bullets>
      </Part>

      <Part id="eligibility" title="Eligibility">
        <p className="body">{profile.eligibility.purpose}</p>
        <Bullets items={profile.eligibility.criteria} none="No referral criteria are set.">
          {(c) => (
            <li key={c.id}>
              <strong>{c.label}.</strong> {describeCriterion(c)}{' '}
              {c.kind === 'yes-no' && c.blocksAim ? `Stops an AIM assessment: ${c.blocksAim} ` : ''}
              <CitationText citation={c.citation} small />
            </li>
          )}
        </Bullets>
      </Part>

      {profile.strategyMeeting ? (
        <Part id="strategy-meeting" title="Strategy meeting">
          <dl className="summary-list summary-list--compact">
            {profile.strategyMeeting.chair ? <Row label="Chair">{profile.strategyMeeting.chair}</Row> : null}
            <Row label="Attendees">
              <Bullets items={profile.strategyMeeting.attendees} flush>
                {(a) => <li key={a}>{a}</li>}
              </Bullets>
            </Row>
            <Row label="Agenda">
              <Bullets items={profile.strategyMeeting.agenda} flush>
                {(a) => <li key={a}>{a}</li>}
              </Bullets>
            </Row>
            <Row label="Outcomes">
              <Bullets items={profile.strategyMeeting.outcomes} flush>
                {(o) => <li key={o.id}>{o.label}</li>}
              </Bullets>
            </Row>
          </dl>
          <p className="body hint">
            Source: <CitationText citation={profile.strategyMeeting.citation} />
          </p>
        </Part>
      ) : null}

      <Part id="recording" title="Recording requirements">
        <Bullets items={profile.recordingRequirements} none="None stated.">
          {(r) => (
            <li key={r.id}>
              {r.label}
              {r.appliesTo ? ` (category ${r.appliesTo.categories.join(', ')})` : ''}.{' '}
              <CitationText citation={r.citation} small />
            </li>
          )}
        </Bullets>
      </Part>

      {profile.consultation ? (
        <Part id="consultation" title="Consultation requests">
          <dl className="summary-list summary-list--compact">
            <Row label="Screened by">{profile.consultation.screenedBy}</Row>
            <Row label="Who may screen">{screeningAgencies(profile.consultation.screeningAgencies)}</Row>
          </dl>
          {profile.consultation.citation ? (
            <p className="body hint">
              Source: <CitationText citation={profile.consultation.citation} />
            </p>
          ) : null}
        </Part>
      ) : null}

      <Part id="consent" title="Consent">
        <ul className="bullets">
          {profile.consent.map((c) => (
            <li key={c.id}>
              {c.label}: consent from {c.from.map((f) => CONSENT_FROM[f] ?? f).join(', ')}.{' '}
              <CitationText citation={c.citation} small />
            </li>
          ))}
          {consentFor(profile, 'pattern-map-sharing') ? null : (
            <li>
              Sharing the pattern map with external agencies: {NOT_STATED_TEXT.toLowerCase()}. The workbench
              asks for the allocated social worker’s permission.
            </li>
          )}
        </ul>
      </Part>

      {profile.aim ? (
        <Part id="aim" title="AIM assessment">
          <dl className="summary-list summary-list--compact">
            <Row label="AIM training">
              {TRAINING_TEXT[trainedAssessors(profile)]}
              {profile.aim.trainedAssessorsCitation ? (
                <>
                  {' '}
                  <CitationText citation={profile.aim.trainedAssessorsCitation} small />
                </>
              ) : null}
            </Row>
            {profile.aim.routes ? (
              <Row label="Routes">
                <ul className="bullets bullets--flush">
                  {profile.aim.routes.map((r) => (
                    <li key={r.id}>
                      {r.label}: led by {r.leadAgency}
                    </li>
                  ))}
                </ul>
              </Row>
            ) : null}
            <Row label="Quality assurance">
              {profile.aim.qualityAssuranceRoles.join('; ') || NOT_STATED_TEXT}
              {profile.aim.qualityAssuranceJointReview
                ? `, reviewed jointly with the ${profile.aim.qualityAssuranceJointReview}`
                : ''}
            </Row>
            <Row label="Sign-off">{profile.aim.signOffRoles.join('; ') || NOT_STATED_TEXT}</Row>
          </dl>
          <p className="body hint">
            Source: <CitationText citation={profile.aim.citation} />
          </p>
        </Part>
      ) : null}

      {profile.nfaReportedTo ? (
        <Part id="nfa" title="No further action decisions">
          <p className="body">
            Every “no further action” decision is reported to the {profile.nfaReportedTo.role}.{' '}
            <CitationText citation={profile.nfaReportedTo.citation} small />
          </p>
        </Part>
      ) : null}
    </>
  );
}
