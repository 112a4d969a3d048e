import { describe, expect, it } from 'vitest';
import type { Profile } from '#domain/profiles/schema.ts';
import {
  type CaseRules,
  caseRulesOf,
  mayWrite,
  RULED_TABLES,
  type SyncAuthor,
  type SyncWrite,
} from '#domain/sync/write-rules.ts';
import { SYNCED_TABLES } from '#store/sync/tables.ts';

// Who may write what in a received change set: each table group against the local rule it mirrors.

const nobody: SyncAuthor = {
  roles: ['practitioner'],
  agency: 'childrens-social-care',
  socialWorker: false,
  caseManager: false,
  assessor: false,
  lastingPlace: false,
};
/** The allocated social worker, co-assessing the case's assessment. */
const sw: SyncAuthor = { ...nobody, socialWorker: true, assessor: true, lastingPlace: true };
/** A youth justice practitioner with access only through an open hub consultation. */
const hub: SyncAuthor = { ...nobody, agency: 'youth-justice' };
/** A manager of the case from the youth justice service. */
const mgr: SyncAuthor = {
  ...nobody,
  roles: ['manager'],
  agency: 'youth-justice',
  caseManager: true,
  lastingPlace: true,
};
/** A manager (and practitioner) reaching the case only through the hub. */
const hubMgr: SyncAuthor = { ...hub, roles: ['practitioner', 'manager'] };
const cscMgr: SyncAuthor = { ...mgr, agency: 'childrens-social-care' };
const assessingMgr: SyncAuthor = { ...mgr, assessor: true };
const admin: SyncAuthor = { ...nobody, roles: ['administrator'] };
/** The social worker who also holds the manager role, not one of the case's managers. */
const swManager: SyncAuthor = { ...sw, roles: ['practitioner', 'manager'] };
/** A manager of another team who broke the glass on the case. */
const glassMgr: SyncAuthor = { ...nobody, roles: ['manager'], agency: 'youth-justice' };

const lancashire: CaseRules = {
  qualityAssuranceAgencies: ['youth-justice'],
  screeningAgencies: ['youth-justice'],
};
const anyone: CaseRules = { qualityAssuranceAgencies: [], screeningAgencies: null };

/** A field written: `+` before the table means the change set makes the record, `++` the case too. */
function w(table: string, field: string, value: unknown = 'x'): SyncWrite {
  const made = table.startsWith('+');
  return {
    table: table.replace(/^\++/, ''),
    field,
    value,
    creates: made,
    withNewCase: table.startsWith('++'),
  };
}

const OK = 'allowed';
const NOT_CASE_MANAGER = (what: string) => `Its author is not a manager of the case, so could not ${what}.`;
const NOT_MANAGER = (what: string) => `Its author is not a manager, so could not ${what}.`;
const NOT_ASSESSOR = (what: string) => `Its author is not a co-assessor on the case, so could not ${what}.`;
const NOT_SW = (what: string) =>
  `Its author is not the case’s allocated social worker, so could not ${what}.`;

type Row = [SyncAuthor, SyncWrite, string] | [SyncAuthor, SyncWrite, string, CaseRules];

/** Each row: who, what they write, and the decision (the reason refused, or OK), under Lancashire's rules unless given. */
const GROUPS: Record<string, Row[]> = {
  'anyone on the case writes the child’s record, pathway records, notes and the map (hub staff too)': [
    'children',
    'case_notes',
    'map_items',
    'referrals',
    'case_consents',
    'deadlines',
  ].map((table): Row => [hub, w(table, 'what'), OK]),
  'only a manager with a place on the case reallocates, closes or reopens it (cases.allocate, case-closure.ts)':
    [
      [sw, w('cases', 'social_worker_id'), NOT_CASE_MANAGER('change who is allocated to it')],
      [sw, w('cases', 'status', 'closed'), NOT_CASE_MANAGER('close it')],
      [hubMgr, w('cases', 'status', 'open'), NOT_CASE_MANAGER('reopen it')],
      [mgr, w('cases', 'status', 'closed'), OK],
      // Closing is for one of the case's managers, not its social worker who holds the manager role.
      [swManager, w('cases', 'status', 'closed'), NOT_CASE_MANAGER('close it')],
      [sw, w('+cases', 'status', 'open'), OK],
      [sw, w('cases', 'profile_version', 2), OK],
      [sw, w('+cases', 'status', 'closed'), NOT_CASE_MANAGER('close it')],
      [sw, w('case_managers', 'user_id'), NOT_CASE_MANAGER('change the case’s managers')],
      [sw, w('++case_managers', 'user_id'), OK],
    ],
  'only managers and administrators break the glass (cases.breakGlass)': [
    [
      sw,
      w('+case_access_grants', 'user_id'),
      'Its author is not a manager or administrator, so could not break the glass on a case.',
    ],
    [admin, w('+case_access_grants', 'user_id'), OK],
  ],
  'only the social worker requests a consultation, only the screening service screens it (consultations.ts)':
    [
      [hub, w('+consultations', 'state', 'requested'), NOT_SW('request a consultation with the hub')],
      [sw, w('+consultations', 'state', 'requested'), OK],
      [
        sw,
        w('consultations', 'state', 'accepted'),
        'Its author is not in the service that screens consultation requests, so could not screen one.',
      ],
      [hub, w('consultations', 'state', 'declined'), OK],
      // Making the record does not skip the screening.
      [
        sw,
        w('+consultations', 'state', 'accepted'),
        'Its author is not in the service that screens consultation requests, so could not screen one.',
      ],
      [sw, w('+consultations', 'screening', null), OK],
      [sw, w('consultations', 'screening', '{}'), OK, anyone],
      [sw, w('consultations', 'state', 'held'), OK],
    ],
  'only the social worker records, and a manager of the case approves, sharing without consent (consent-exceptions.ts)':
    [
      [hub, w('+consent_exceptions', 'reason'), NOT_SW('record that a parent cannot be asked')],
      [
        sw,
        w('consent_exceptions', 'approved_by'),
        NOT_CASE_MANAGER('approve sharing the map without a parent’s consent'),
      ],
      [mgr, w('consent_exceptions', 'approved_by'), OK],
      [
        mgr,
        { ...w('consent_exceptions', 'approved_by'), recordedByAuthor: true },
        'Its author recorded why the parent or carer cannot be asked, so could not also approve it.',
      ],
      [
        { ...mgr, roles: ['practitioner'] },
        w('consent_exceptions', 'approved_by'),
        NOT_CASE_MANAGER('approve sharing the map without a parent’s consent'),
      ],
      [sw, w('+consent_exceptions', 'approved_by', null), OK],
      [
        sw,
        w('+consent_exceptions', 'approved_by', 'u1'),
        NOT_CASE_MANAGER('approve sharing the map without a parent’s consent'),
      ],
    ],
  'quality assurance is a manager’s who did not assess, from an agency the profile names (states.ts)': [
    [sw, w('+report_transitions', 'action', 'approve'), NOT_MANAGER('sign off an assessment')],
    [sw, w('assessments', 'state', 'approved'), NOT_MANAGER('sign off an assessment')],
    [sw, w('+assessments', 'state', 'approved'), NOT_MANAGER('sign off an assessment')],
    [sw, w('assessments', 'state', 'in-progress'), NOT_MANAGER('return an assessment')],
    [sw, w('report_transitions', 'action', 'return'), NOT_MANAGER('return an assessment')],
    [sw, w('report_snapshots', 'content', '{}'), NOT_MANAGER('sign off an assessment')],
    [
      assessingMgr,
      w('+report_transitions', 'action', 'approve'),
      'Its author co-assessed on the case, so could not sign off an assessment.',
    ],
    [
      cscMgr,
      w('+report_transitions', 'action', 'approve'),
      'Under the case’s profile its author’s agency does not quality-assure AIM assessments, so could not sign off an assessment.',
    ],
    [cscMgr, w('+report_transitions', 'action', 'approve'), OK, anyone],
    [mgr, w('+report_transitions', 'action', 'approve'), OK],
    [mgr, w('report_snapshots', 'content', '{}'), OK],
    [
      glassMgr,
      w('+report_transitions', 'action', 'approve'),
      'Its author had only emergency or hub access to the case, so could not sign off an assessment.',
    ],
  ],
  'submitting, signing and every part of an assessment are its co-assessors’ (requireAssessor)': [
    [mgr, w('report_transitions', 'action', 'sign'), NOT_ASSESSOR('submit or sign an assessment')],
    [mgr, w('report_signatures', 'signature'), NOT_ASSESSOR('sign an assessment')],
    [sw, w('assessments', 'state', 'submitted'), OK],
    [hub, w('+assessments', 'state', 'in-progress'), OK],
    [hub, w('+assessments', 'state', 'final'), NOT_ASSESSOR('submit or sign an assessment')],
    [sw, w('assessments', 'state', 'superseded'), OK],
    ...[
      'assessments',
      'assessment_items',
      'item_ratings',
      'agreed_positions',
      'domain_progress',
      'assessment_sections',
      'section_holds',
      'assessment_sources',
      'assessment_sessions',
      'assessment_meetings',
    ].flatMap((table): Row[] => [
      [hub, w(table, 'content'), NOT_ASSESSOR('change an assessment')],
      [sw, w(table, 'content'), OK],
      // Who last touched a record is bookkeeping; a deletion is a change like any other.
      [hub, w(table, 'updated_at'), OK],
      [hub, w(table, '_deleted', true), NOT_ASSESSOR('change an assessment')],
    ]),
  ],
};

describe('the write rules for received change sets', () => {
  it('decide every synced table, and refuse a table they do not know', () => {
    expect([...RULED_TABLES].sort()).toEqual(SYNCED_TABLES.map((t) => t.name).sort());
    expect(mayWrite(mgr, w('users', 'roles'), lancashire)).toEqual({
      allowed: false,
      reason: 'It writes records this workbench does not take from other computers.',
    });
  });

  for (const [name, rows] of Object.entries(GROUPS)) {
    it(name, () => {
      const decided = rows.map(([author, write, , rules]) => {
        const d = mayWrite(author, write, rules ?? lancashire);
        return d.allowed ? OK : d.reason;
      });
      expect(decided).toEqual(rows.map((r) => r[2]));
    });
  }

  it('read the case profile’s quality-assurance and screening agencies, with the local defaults', () => {
    expect(caseRulesOf(undefined)).toEqual({
      qualityAssuranceAgencies: [],
      screeningAgencies: ['youth-justice'],
    });
    const silent = { consultation: { screeningAgencies: 'not-stated' }, aim: {} } as unknown as Profile;
    expect(caseRulesOf(silent)).toEqual({ qualityAssuranceAgencies: [], screeningAgencies: null });
    const named = {
      consultation: { screeningAgencies: ['youth-justice'] },
      aim: { qualityAssuranceAgencies: ['youth-justice'] },
    } as unknown as Profile;
    expect(caseRulesOf(named)).toEqual(lancashire);
  });
});
