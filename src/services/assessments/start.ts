import { randomUUID } from 'node:crypto';
import type { ParsedRequest } from '#contract/calls.ts';
import { WorkbenchError } from '#contract/errors.ts';
import { BUILT_IN_FRAMEWORKS, type Framework } from '#domain/assessment/frameworks.ts';
import { parseItemSet } from '#domain/assessment/item-sets.ts';
import { assessorsAreAllocated } from '#domain/case-access.ts';
import { evaluateEligibility, untrainedAssessor } from '#domain/profiles/index.ts';
import { insertAssessment, itemSetFor, saveItemSet } from '#store/assessments.ts';
import { findCase } from '#store/cases.ts';
import { findChild } from '#store/children.ts';
import type { Db } from '#store/database.ts';
import { caseEvents } from '#store/deadlines.ts';
import { findUser } from '#store/users.ts';
import { requireCaseAccess } from '../case-access.ts';
import { raiseEvent } from '../pathway/events.ts';
import { requireProfile } from '../profiles.ts';
import type { Workbench } from '../workbench.ts';
import { readAssessment } from './view.ts';

export function listFrameworks(db: Db) {
  return BUILT_IN_FRAMEWORKS.map((f) => {
    const set = itemSetFor(db, f.id);
    return {
      id: f.id,
      name: f.name,
      version: f.version,
      description: f.description,
      domains: f.domains.map((d) => ({ id: d.id, name: d.name })),
      itemSet: set ? { name: set.name, licence: set.licence, itemCount: set.items.length } : null,
    };
  });
}

function requireFramework(id: string): Framework {
  const f = BUILT_IN_FRAMEWORKS.find((x) => x.id === id);
  if (!f) {
    throw new WorkbenchError('invalid-request', 'Choose one of the assessment frameworks listed.', {
      problems: [{ path: 'frameworkId', message: 'is not a known framework' }],
    });
  }
  return f;
}

/** An organisation loads its own licensed item wording into a template; an invalid file is refused with the path of each fault. */
export function importItemSet(wb: Workbench, req: ParsedRequest<'frameworks.importItemSet'>) {
  const userId = wb.signedIn().user.id;
  const framework = requireFramework(req.frameworkId);
  let json: unknown;
  try {
    json = JSON.parse(req.text);
  } catch (error) {
    throw new WorkbenchError(
      'invalid-request',
      'The item set was not imported: the file is not valid JSON. Nothing has been changed.',
      {
        problems: [{ path: '(file)', message: (error as Error).message }],
      },
    );
  }
  const parsed = parseItemSet(json, framework);
  if (!parsed.ok) {
    throw new WorkbenchError(
      'invalid-request',
      `The item set was not imported: ${parsed.errors.length} problem${parsed.errors.length === 1 ? '' : 's'} found. Nothing has been changed.`,
      { problems: parsed.errors },
    );
  }
  return wb.write((db, audit) => {
    saveItemSet(db, parsed.itemSet, userId, wb.now().toISOString());
    audit({
      action: 'framework.import-items',
      recordType: 'framework',
      recordId: framework.id,
      summary: `imported the licensed item set “${parsed.itemSet.name}” (${parsed.itemSet.items.length} items) into ${framework.name}`,
    });
    return listFrameworks(db).find((f) => f.id === framework.id) as ReturnType<typeof listFrameworks>[number];
  });
}

const refuse = (path: string, message: string, summary: string): never => {
  throw new WorkbenchError('rule-broken', summary, { problems: [{ path, message }] });
};

/**
 * The decision to assess: route and reasons, eligibility from the profile (proceeding against it needs a
 * recorded reason), two co-assessors from different agencies with the training the profile requires.
 */
export function startAssessment(wb: Workbench, req: ParsedRequest<'assessments.start'>) {
  const { user } = wb.signedIn();
  const now = wb.now().toISOString();
  const framework = requireFramework(req.frameworkId);
  const id = randomUUID();
  wb.write((db, audit) => {
    const hsbCase = findCase(db, req.caseId);
    const child = hsbCase && findChild(db, hsbCase.childId);
    if (!hsbCase || !child) throw new WorkbenchError('not-found', 'That case was not found.');
    // Only people allocated to the case start its assessment, and the assessors are its allocated workers.
    requireCaseAccess(wb, db, hsbCase.id);
    if (!assessorsAreAllocated(hsbCase, [req.leadAssessorId, req.coAssessorId]))
      refuse(
        assessorsAreAllocated(hsbCase, [req.leadAssessorId]) ? 'coAssessorId' : 'leadAssessorId',
        'is not allocated to this case',
        'The assessors must be the case’s allocated social worker and YOS practitioner. If someone else should assess, ask a case manager to change the allocation first.',
      );
    const profile = requireProfile(db, hsbCase.profileId, hsbCase.profileVersion);
    const lead = findUser(db, req.leadAssessorId);
    const co = findUser(db, req.coAssessorId);
    if (!lead?.active || !lead.roles.includes('practitioner'))
      refuse(
        'leadAssessorId',
        'is not an active practitioner',
        'The lead assessor must be an active practitioner.',
      );
    if (!co?.active || !co.roles.includes('practitioner'))
      refuse(
        'coAssessorId',
        'is not an active practitioner',
        'The co-assessor must be an active practitioner.',
      );
    if (!lead || !co) return;
    if (lead.id === co.id)
      refuse(
        'coAssessorId',
        'must be a different person',
        'An AIM assessment is done by two practitioners: choose two different people.',
      );
    if (lead.agency === co.agency) {
      refuse(
        'coAssessorId',
        'is from the same agency as the lead',
        'The co-assessors must come from different agencies (for example a CSC social worker and a YOS practitioner).',
      );
    }
    // Who must be AIM-trained is the profile's (Lancashire step 6: the CYJS practitioner, lead or not).
    const untrained = untrainedAssessor(profile, lead, co);
    if (untrained) refuse(untrained.field, 'is not AIM-trained', untrained.message);
    const evaluation = evaluateEligibility(profile, { ...req.facts, dateOfBirth: child.dateOfBirth });
    const blocked = evaluation.aimBlockedBy[0];
    // A criterion the profile makes a block (Lancashire: an ongoing police investigation) cannot be
    // overridden with a reason.
    if (blocked) {
      throw new WorkbenchError(
        'rule-broken',
        `The AIM assessment cannot start under the ${profile.name} profile. ${blocked.why} Nothing has been saved.`,
        {
          problems: [
            {
              path: `facts.${blocked.fact}`,
              message: 'stops an AIM assessment under this profile',
            },
          ],
        },
      );
    }
    const eligible = evaluation.outcome === 'eligible-for-aim' || evaluation.outcome === 'no-criteria';
    if (!eligible && !req.proceedReason) {
      throw new WorkbenchError(
        'rule-broken',
        `${evaluation.summary} To go ahead with an AIM assessment anyway, record the reason.`,
        { problems: [{ path: 'proceedReason', message: 'is required when the criteria are not met' }] },
      );
    }
    const qualityReview = profile.terminology.qualityReview;
    if (qualityReview && !req.qualityReviewNotified) {
      refuse(
        'qualityReviewNotified',
        'is required',
        `Record how and when the ${qualityReview} service was notified of the decision.`,
      );
    }
    const itemSet = itemSetFor(db, framework.id) ?? null;
    insertAssessment(db, {
      id,
      caseId: hsbCase.id,
      versionNo: 1,
      previousId: null,
      framework: { ...framework, itemSet },
      route: req.route,
      reasons: req.reasons,
      qualityReviewNotified: req.qualityReviewNotified,
      decisionAt: new Date(req.decisionAt).toISOString(),
      eligibility: {
        outcomeLabel: evaluation.outcomeLabel,
        summary: evaluation.summary,
        criteria: evaluation.criteria.map((c) => ({
          label: c.label,
          result: c.result,
          explanation: c.explanation,
        })),
      },
      proceedReason: req.proceedReason,
      leadAssessorId: lead.id,
      coAssessorId: co.id,
      outcome: null,
      state: 'in-progress',
      startedAt: now,
      startedBy: user.id,
      version: 1,
    });
    audit({
      action: 'assessment.start',
      recordType: 'assessment',
      recordId: id,
      summary: `decided to assess (${framework.name}, ${req.route} route)${eligible ? '' : '; proceeding against the criteria, reason recorded'}`,
    });
    // Blackpool: the 6–8 week window runs from the decision to assess.
    const decision = profile.triggerEvents.find((e) => e.id === 'aim-decision');
    if (decision && !caseEvents(db, hsbCase.id).some((e) => e.event === decision.id)) {
      raiseEvent(db, audit, {
        caseId: hsbCase.id,
        profile,
        event: decision,
        occurredAt: new Date(req.decisionAt).toISOString(),
        note: `${framework.name} assessment decided (${req.route} route)`,
        brookColour: null,
        userId: user.id,
        now,
      });
    }
  });
  return readAssessment(wb.db(), id, user.id, now);
}
