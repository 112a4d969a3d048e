import type { Profile } from '../profiles/schema.ts';
import { NOT_STATED } from '../profiles/schema-parts.ts';

// Who may write what in a change set received from another computer: the same rules the calls on
// this computer enforce (the contract's roles, case-scope.ts and the checks in the services), applied
// again on arrival, since a change set is signed by its author's device but was made by software this
// computer does not control. Pure: the caller reads the facts (the author's roles and agency as the
// signed roster gives them, their place on the case, the case profile's rules) and passes them in.

/** What the receiving computer knows about a change set's author on the case it was sealed for. */
export interface SyncAuthor {
  /** As signed by the team administrator in the roster the change set was verified against. */
  roles: readonly string[];
  agency: string;
  /** The case's allocated social worker. */
  socialWorker: boolean;
  /** One of the case's managers (case_managers). */
  caseManager: boolean;
  /** Lead or co-assessor of an assessment on the case. */
  assessor: boolean;
  /** Allocated social worker, YOS practitioner, case manager or co-assessor: not hub or break-glass. */
  lastingPlace: boolean;
}

/** The case profile's rules the local checks read. */
export interface CaseRules {
  /** Agencies whose managers quality-assure AIM assessments; empty means any manager. */
  qualityAssuranceAgencies: readonly string[];
  /** Agencies that screen hub consultation requests; null when the procedure does not say. */
  screeningAgencies: readonly string[] | null;
}

/** One field written by a change set. */
export interface SyncWrite {
  table: string;
  field: string;
  value: unknown;
  /** The change set makes the record (it carries the record's insert), rather than changing it. */
  creates: boolean;
  /** The change set also makes the case itself (a case opened on the author's computer). */
  withNewCase: boolean;
  /** Whether the record written was recorded by the change set's author (read for consent exceptions). */
  recordedByAuthor?: boolean;
}

export type WriteDecision = { allowed: true } | { allowed: false; reason: string };

const ALLOWED: WriteDecision = { allowed: true };
const no = (reason: string): WriteDecision => ({ allowed: false, reason });

/** Fields that only say when and by whom a record was last touched (every write sets them). */
const BOOKKEEPING = ['updated_at', 'updated_by'];

type Rule = (w: SyncWrite, author: SyncAuthor, rules: CaseRules) => WriteDecision;

const anyMember: Rule = () => ALLOWED;

const isManager = (a: SyncAuthor) => a.roles.includes('manager');

/** A manager who stands in the given relation to the case. */
const managerWho =
  (stands: (a: SyncAuthor) => boolean) =>
  (what: string): Rule =>
  (_w, a) =>
    isManager(a) && stands(a)
      ? ALLOWED
      : no(`Its author is not a manager of the case, so could not ${what}.`);

/** A manager with a place on the case (not break-glass or hub access). */
const caseManagerOnly = managerWho((a) => a.lastingPlace);

/** One of the case's own managers (case-closure.ts: not any manager who has a place on it). */
const ownManagerOnly = managerWho((a) => a.caseManager);

/** Only the two named co-assessors write an assessment. */
const assessorsOnly =
  (what: string): Rule =>
  (_w, a) =>
    a.assessor ? ALLOWED : no(`Its author is not a co-assessor on the case, so could not ${what}.`);

/** Quality assurance: a manager, not one of the assessors, from an agency the profile lets approve. */
const qualityAssurance =
  (what: string): Rule =>
  (_w, a, rules) => {
    if (!isManager(a)) return no(`Its author is not a manager, so could not ${what}.`);
    if (a.assessor) return no(`Its author co-assessed on the case, so could not ${what}.`);
    if (!a.lastingPlace)
      return no(`Its author had only emergency or hub access to the case, so could not ${what}.`);
    if (rules.qualityAssuranceAgencies.length > 0 && !rules.qualityAssuranceAgencies.includes(a.agency))
      return no(
        `Under the case’s profile its author’s agency does not quality-assure AIM assessments, so could not ${what}.`,
      );
    return ALLOWED;
  };

const ASSESSMENT_CONTENT = 'change an assessment';

/**
 * The rule for each synced table, each mirroring a local check (named in its comment). A table not
 * listed here is refused: a new synced table needs a decision, as a new call needs one in case-scope.ts.
 */
const TABLE_RULES: Record<string, Rule> = {
  // Anyone who may work on the case (case-scope.ts resolves these calls to the case, access CASEWORK,
  // and the services check nothing more): the child's record, referral, events and deadlines, pathway
  // records, people, consents, identifying words, case notes, the pattern map, report map images and
  // exports. Membership of the case is checked before this rule.
  children: anyMember,
  case_access_requests: anyMember,
  case_events: anyMember,
  deadlines: anyMember,
  deadline_adjustments: anyMember,
  referrals: anyMember,
  strategy_meetings: anyMember,
  plan_records: anyMember,
  case_people: anyMember,
  case_consents: anyMember,
  case_identifying_words: anyMember,
  case_notes: anyMember,
  map_items: anyMember,
  map_links: anyMember,
  map_themes: anyMember,
  map_meetings: anyMember,
  map_exports: anyMember,
  map_item_removals: anyMember,
  report_map_images: anyMember,
  report_exports: anyMember,

  // cases.open (CASEWORK) makes the case; cases.allocate (access ['manager'], and refused for hub or
  // break-glass access in services/cases.ts) changes its workers; cases.close and cases.reopen (a
  // manager who is one of the case's managers, case-closure.ts) change its status; the rest (profile
  // version, bookkeeping) any member (pathway.moveProfileVersion is CASEWORK).
  cases: (w, a, r) => {
    if (w.field === 'status' && !(w.creates && w.value === 'open'))
      return ownManagerOnly(w.value === 'closed' ? 'close it' : 'reopen it')(w, a, r);
    if (w.creates) return ALLOWED;
    if (w.field === 'social_worker_id' || w.field === 'yos_practitioner_id')
      return caseManagerOnly('change who is allocated to it')(w, a, r);
    return ALLOWED;
  },
  // Named when the case is opened (cases.open); changed only by cases.allocate, as above.
  case_managers: (w, a, r) =>
    w.withNewCase ? ALLOWED : caseManagerOnly('change the case’s managers')(w, a, r),

  // cases.breakGlass: access ['manager', 'administrator'] (mayBreakGlass in domain/case-access.ts).
  case_access_grants: (_w, a) =>
    a.roles.includes('manager') || a.roles.includes('administrator')
      ? ALLOWED
      : no('Its author is not a manager or administrator, so could not break the glass on a case.'),

  // consultations.ts: only the allocated social worker requests; the profile's screening agencies
  // (mayScreenConsultations) accept or decline; recording the meeting needs only access to the case.
  consultations: (w, a, r) => {
    const screens =
      (w.field === 'state' && (w.value === 'accepted' || w.value === 'declined')) ||
      (w.field === 'screening' && w.value !== null);
    if (screens && r.screeningAgencies !== null && !r.screeningAgencies.includes(a.agency))
      return no(
        'Its author is not in the service that screens consultation requests, so could not screen one.',
      );
    if (w.creates && !a.socialWorker)
      return no(
        'Its author is not the case’s allocated social worker, so could not request a consultation with the hub.',
      );
    return ALLOWED;
  },

  // consent-exceptions.ts: only the allocated social worker records that a parent or carer cannot be
  // asked; only a manager on the case (holding the manager role), not the one who recorded it, approves.
  consent_exceptions: (w, a) => {
    const approves = (w.field === 'approved_at' || w.field === 'approved_by') && w.value !== null;
    if (approves && !(a.caseManager && isManager(a)))
      return no(
        'Its author is not a manager of the case, so could not approve sharing the map without a parent’s consent.',
      );
    if (approves && w.recordedByAuthor)
      return no('Its author recorded why the parent or carer cannot be asked, so could not also approve it.');
    if (w.creates && !a.socialWorker)
      return no(
        'Its author is not the case’s allocated social worker, so could not record that a parent cannot be asked.',
      );
    return ALLOWED;
  },

  // assessments.start (CASEWORK, requireCaseAccess) makes an assessment; its content only the two
  // co-assessors change (requireAssessor in assessments/work.ts, startReview); its state follows
  // domain/sign-off/states.ts: submitted and signed (final) by the co-assessors, approved or returned
  // (back in progress) in quality assurance.
  assessments: (w, a, r) => {
    if (w.field === 'state' && w.value === 'approved')
      return qualityAssurance('sign off an assessment')(w, a, r);
    // Back in progress: a return in quality assurance, unless the assessment is being started.
    if (w.field === 'state' && w.value === 'in-progress' && !w.creates)
      return qualityAssurance('return an assessment')(w, a, r);
    if (w.field === 'state' && (w.value === 'submitted' || w.value === 'final'))
      return assessorsOnly('submit or sign an assessment')(w, a, r);
    if (w.creates) return ALLOWED;
    return assessorsOnly(ASSESSMENT_CONTENT)(w, a, r);
  },
  // signOff.approve and signOff.return (decide in domain/sign-off/states.ts) by quality assurance;
  // signOff.submit and signOff.sign by the co-assessors.
  report_transitions: (w, a, r) => {
    const action = w.field === 'action' ? w.value : null;
    if (action === 'approve' || action === 'return')
      return qualityAssurance(action === 'approve' ? 'sign off an assessment' : 'return an assessment')(
        w,
        a,
        r,
      );
    if (action !== null) return assessorsOnly('submit or sign an assessment')(w, a, r);
    return ALLOWED;
  },
  // The approved content is kept when the assessment is approved (signOff.approve).
  report_snapshots: qualityAssurance('sign off an assessment'),
  // signOff.sign: only the two named co-assessors sign.
  report_signatures: assessorsOnly('sign an assessment'),
  // requireAssessor (assessments/work.ts) for every change to an assessment's items, ratings, agreed
  // positions, progress, sections and their holds, sources, sessions and meetings.
  assessment_items: assessorsOnly(ASSESSMENT_CONTENT),
  item_ratings: assessorsOnly(ASSESSMENT_CONTENT),
  agreed_positions: assessorsOnly(ASSESSMENT_CONTENT),
  domain_progress: assessorsOnly(ASSESSMENT_CONTENT),
  assessment_sections: assessorsOnly(ASSESSMENT_CONTENT),
  section_holds: assessorsOnly(ASSESSMENT_CONTENT),
  assessment_sources: assessorsOnly(ASSESSMENT_CONTENT),
  assessment_sessions: assessorsOnly(ASSESSMENT_CONTENT),
  assessment_meetings: assessorsOnly(ASSESSMENT_CONTENT),
};

/** The tables this rule decides (a test checks it covers every synced table). */
export const RULED_TABLES: readonly string[] = Object.keys(TABLE_RULES);

/** Whether a change set's author may write this field: the local rules, applied on arrival. */
export function mayWrite(author: SyncAuthor, write: SyncWrite, rules: CaseRules): WriteDecision {
  const rule = TABLE_RULES[write.table];
  if (!rule) return no('It writes records this workbench does not take from other computers.');
  if (BOOKKEEPING.includes(write.field) && !write.creates) return ALLOWED;
  return rule(write, author, rules);
}

/** The case profile's rules as the local checks read them (a profile not on this machine: the defaults). */
export function caseRulesOf(profile: Profile | undefined): CaseRules {
  const screening = profile?.consultation?.screeningAgencies ?? ['youth-justice'];
  return {
    qualityAssuranceAgencies: profile?.aim?.qualityAssuranceAgencies ?? [],
    screeningAgencies: screening === NOT_STATED ? null : screening,
  };
}
