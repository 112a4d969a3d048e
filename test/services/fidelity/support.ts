import type { Harness, Team } from '../../support/workbench.ts';
import {
  addYouthJusticeManager,
  openCaseFor,
  PAT_PASSWORD,
  signInAs,
  TEAM_PASSWORDS,
  YOS_PASSWORD,
} from '../../support/workbench.ts';

// Shared set-up for the practice-fidelity tests (issue 12): cases under any profile, signing in as the
// seeded team, a youth justice manager, and the AIM training of the seeded practitioners.

export type { Team };

const PASSWORDS: Record<string, string> = { ...TEAM_PASSWORDS, 'pat.manager': PAT_PASSWORD };

export const as = (h: Harness, username: keyof typeof PASSWORDS) =>
  signInAs(h, username, PASSWORDS[username]);

/** Opens a case under a profile for the seeded team, as the administrator (also its manager). */
export async function openCase(
  h: Harness,
  team: Team,
  profileId: string,
  dateOfBirth = '2012-02-02',
  managerIds: string[] = [team.admin.id],
) {
  return (await openCaseFor(h, team, { name: `Child ${profileId}`, dateOfBirth }, { profileId, managerIds }))
    .id;
}

export { addYouthJusticeManager };

/** Sets whether a seeded practitioner is AIM-trained, as the administrator. */
export async function setTrained(h: Harness, person: Team['yos'], aimTrained: boolean) {
  await h.call('users.update', {
    id: person.id,
    name: person.name,
    agency: person.agency,
    roles: ['practitioner'],
    aimTrained,
    active: true,
  });
}

export const startRequest = (
  caseId: string,
  lead: string,
  co: string,
  facts: Record<string, unknown> = {},
) => ({
  caseId,
  frameworkId: 'aim3',
  route: 'welfare' as const,
  reasons: 'Harmful behaviour towards a peer',
  qualityReviewNotified: 'E-mailed on 20/11/2026',
  decisionAt: '2026-11-20T10:00:00Z',
  facts: {
    referralDate: '2026-11-02',
    lastBehaviourDate: '2026-10-20',
    residesInArea: true,
    ongoingPoliceInvestigation: false,
    openToChildrensSocialCare: true,
    openToYouthJusticeService: false,
    ...facts,
  },
  proceedReason: '',
  leadAssessorId: lead,
  coAssessorId: co,
});

/** A strategy meeting as the pathway form records it. */
export const strategyMeeting = (
  caseId: string,
  heldAt: string,
  outcomes: string[],
  extra: { category?: string; categoryRationale?: string; details?: Record<string, unknown> } = {},
) => ({
  caseId,
  type: 'meeting' as const,
  trigger: 'Concern about harmful sexual behaviour',
  heldAt,
  chair: 'Team manager',
  attendees: [
    { name: 'Sam Social Worker', role: 'Social worker', agency: 'CSC', attendance: 'attended' as const },
  ],
  agenda: [],
  outcomes,
  details: {
    rationale: '',
    leadAgency: '',
    s47Type: '' as const,
    followUpWorkingDays: null,
    ...extra.details,
  },
  category: extra.category ?? '',
  categoryRationale: extra.categoryRationale ?? '',
  actions: [],
});

/** Pat's approval, reviewed jointly with Chris, the CSC team manager (Lancashire). */
export const jointApproval = (assessmentId: string, comments = 'Clear analysis') => ({
  assessmentId,
  comments,
  jointReviewer: 'Chris Team Manager',
});

/** Pat approves the submitted assessment jointly with Chris; then Yas signs it, one co-assessor of two. */
export async function approveAndSign(h: Harness, assessmentId: string, comments: string) {
  await as(h, 'pat.manager');
  await h.call('signOff.approve', jointApproval(assessmentId, comments));
  await as(h, 'yas.yos');
  await h.call('signOff.sign', { assessmentId, password: YOS_PASSWORD });
}
