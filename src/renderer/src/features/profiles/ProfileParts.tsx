import { AGENCY_LABELS, type Agency } from '#contract/vocabulary.ts';
import { consentFor, type TrainedAssessors, trainedAssessors } from '#domain/profiles/practice.ts';
import type { Profile } from '#domain/profiles/schema.ts';
import { NOT_STATED, NOT_STATED_TEXT } from '#domain/profiles/schema-parts.ts';
import { CONSENT_FROM, describeCriterion, termsOf } from './describe.ts';
import { Bullets, CitationText, Part, Row } from './parts.tsx';

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

/** The words the authority uses for the practice domain. */
export function TerminologyPart({ profile }: { profile: Profile }) {
  return (
    <Part id="terminology" title="Terminology">
      <dl className="summary-list summary-list--compact">
        {termsOf(profile).map(({ key, label, term }) => (
          <Row key={key} label={label}>
            {term}
          </Row>
        ))}
      </dl>
    </Part>
  );
}

/** The steps whose recording starts a clock. */
export function StepsPart({ profile }: { profile: Profile }) {
  return (
    <Part id="steps" title="Steps that can start a clock">
      <Bullets items={profile.triggerEvents}>{(e) => <li key={e.id}>{e.label}</li>}</Bullets>
    </Part>
  );
}

/** Who the pathway is for: its purpose and referral criteria. */
export function EligibilityPart({ profile }: { profile: Profile }) {
  return (
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
  );
}

/** Who chairs and attends the strategy meeting, its agenda and outcomes. */
export function StrategyMeetingPart({ profile }: { profile: Profile }) {
  if (!profile.strategyMeeting) return null;
  const meeting = profile.strategyMeeting;
  return (
    <Part id="strategy-meeting" title="Strategy meeting">
      <dl className="summary-list summary-list--compact">
        {meeting.chair ? <Row label="Chair">{meeting.chair}</Row> : null}
        <Row label="Attendees">
          <Bullets items={meeting.attendees} flush>
            {(a) => <li key={a}>{a}</li>}
          </Bullets>
        </Row>
        <Row label="Agenda">
          <Bullets items={meeting.agenda} flush>
            {(a) => <li key={a}>{a}</li>}
          </Bullets>
        </Row>
        <Row label="Outcomes">
          <Bullets items={meeting.outcomes} flush>
            {(o) => <li key={o.id}>{o.label}</li>}
          </Bullets>
        </Row>
      </dl>
      <p className="body hint">
        Source: <CitationText citation={meeting.citation} />
      </p>
    </Part>
  );
}

/** What must be recorded, and for which categories. */
export function RecordingPart({ profile }: { profile: Profile }) {
  return (
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
  );
}

/** Who screens consultation requests. */
export function ConsultationPart({ profile }: { profile: Profile }) {
  if (!profile.consultation) return null;
  return (
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
  );
}

/** Whose consent each step needs. */
export function ConsentPart({ profile }: { profile: Profile }) {
  return (
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
  );
}

/** AIM training, routes, quality assurance and sign-off. */
export function AimPart({ profile }: { profile: Profile }) {
  if (!profile.aim) return null;
  return (
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
  );
}

/** Who every “no further action” decision is reported to. */
export function NfaPart({ profile }: { profile: Profile }) {
  if (!profile.nfaReportedTo) return null;
  return (
    <Part id="nfa" title="No further action decisions">
      <p className="body">
        Every “no further action” decision is reported to the {profile.nfaReportedTo.role}.{' '}
        <CitationText citation={profile.nfaReportedTo.citation} small />
      </p>
    </Part>
  );
}
