/**
 * The life of an assessment report: draft → submitted for quality assurance → returned with comments
 * (back to draft) or approved → signed by both co-assessors → final. Separation of duties is decided
 * here as data and enforced by the main process on every call (Lancashire steps 9–10).
 */

export type ReportState = 'in-progress' | 'submitted' | 'approved' | 'final' | 'superseded';
export type ReportAction = 'submit' | 'return' | 'approve' | 'sign';

export const STATE_LABELS: Record<ReportState, string> = {
  'in-progress': 'Draft',
  submitted: 'Submitted for quality assurance',
  approved: 'Approved, awaiting signatures',
  final: 'Final, signed by both co-assessors',
  superseded: 'Replaced by a later version',
};

export interface Actor {
  id: string;
  roles: readonly string[];
  agency: string;
}

export interface ReportParties {
  state: ReportState;
  leadAssessorId: string;
  coAssessorId: string;
  /** Agencies whose managers may quality-assure under the case's profile; empty means any manager. */
  qualityAssuranceAgencies: readonly string[];
  signedBy: readonly string[];
  /** Why the profile refuses the person asking to sign (e.g. not the allocated social worker), if it does. */
  signerRefusal?: string | null;
  /**
   * Whether the person asking has a place on the case (allocated, a manager on it, a co-assessor) rather
   * than only a break-glass grant or the hub's access during a consultation, which read and record.
   */
  actorHasLastingAccess: boolean;
}

export type Decision = { allowed: true; next: ReportState } | { allowed: false; reason: string };

const no = (reason: string): Decision => ({ allowed: false, reason });

export function decide(action: ReportAction, actor: Actor, p: ReportParties): Decision {
  const isAssessor = actor.id === p.leadAssessorId || actor.id === p.coAssessorId;
  switch (action) {
    case 'submit':
      if (p.state !== 'in-progress') return no('Only a draft can be submitted for quality assurance.');
      if (!isAssessor)
        return no('Only the two co-assessors can submit the assessment for quality assurance.');
      return { allowed: true, next: 'submitted' };
    case 'return':
    case 'approve': {
      if (p.state !== 'submitted')
        return no('Only an assessment submitted for quality assurance can be approved or returned.');
      if (!actor.roles.includes('manager'))
        return no('Only a manager can quality-assure an assessment; a practitioner cannot approve it.');
      if (isAssessor)
        return no('You co-assessed this assessment, so you cannot quality-assure it. Ask another manager.');
      if (!p.actorHasLastingAccess)
        return no(
          'Your access to this case is emergency or hub access, which lets you read and record but not quality-assure. A manager on the case must do it.',
        );
      if (p.qualityAssuranceAgencies.length > 0 && !p.qualityAssuranceAgencies.includes(actor.agency)) {
        return no('Under this profile, managers from your agency do not quality-assure AIM assessments.');
      }
      return { allowed: true, next: action === 'approve' ? 'approved' : 'in-progress' };
    }
    case 'sign': {
      if (p.state !== 'approved')
        return no('The assessment can be signed only after it has been approved in quality assurance.');
      if (!isAssessor) return no('Only the two named co-assessors can sign the assessment.');
      if (p.signedBy.includes(actor.id)) return no('You have already signed this version.');
      if (p.signerRefusal) return no(p.signerRefusal);
      const both = new Set([...p.signedBy, actor.id]);
      return {
        allowed: true,
        next: both.has(p.leadAssessorId) && both.has(p.coAssessorId) ? 'final' : 'approved',
      };
    }
  }
}
