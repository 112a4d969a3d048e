import { AGENCY_LABELS, type Agency } from '#contract/vocabulary.ts';
import { consentFor, type TrainedAssessors, trainedAssessors } from '#domain/profiles/practice.ts';
import type { Profile } from '#domain/profiles/schema.ts';
import { NOT_STATED, NOT_STATED_TEXT } from '#domain/profiles/schema-parts.ts';
import { CONSENT_FROM, describeCriterion } from './describe.ts';
import { Bullets, CitationText, Part, Row, SourceNote } from './parts.tsx';

// The profile's rules in words: each part of the profile screen after the tables.

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

/** The pathway: steps that start a clock, eligibility, the strategy meeting and what must be recorded. */
export function PathwayParts({ profile }: { profile: Profile }) {
  return (
    <>
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
          <SourceNote citation={profile.strategyMeeting.citation} />
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
    </>
  );
}

/** Practice rules: consultation, consent, the AIM assessment and “no further action” decisions. */
export function PracticeParts({ profile }: { profile: Profile }) {
  return (
    <>
      {profile.consultation ? (
        <Part id="consultation" title="Consultation requests">
          <dl className="summary-list summary-list--compact">
            <Row label="Screened by">{profile.consultation.screenedBy}</Row>
            <Row label="Who may screen">{screeningAgencies(profile.consultation.screeningAgencies)}</Row>
          </dl>
          <SourceNote citation={profile.consultation.citation} />
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
          <SourceNote citation={profile.aim.citation} />
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
