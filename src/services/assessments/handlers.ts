import type { assessmentCalls } from '#contract/assessment-calls.ts';
import type { CallResponse, ParsedRequest } from '#contract/calls.ts';
import { assessmentsOfCase } from '#store/assessments.ts';
import { namesById } from '../deadlines.ts';
import type { Workbench } from '../workbench.ts';
import { agreeMatchingRatings } from './agree-matching.ts';
import { compareVersions, startReview } from './review.ts';
import { autosave, holdSection, releaseSection, saveSection } from './sections.ts';
import { importItemSet, listFrameworks, startAssessment } from './start.ts';
import { readAssessment } from './view.ts';
import {
  addItem,
  addLicensedItems,
  addSession,
  addSource,
  confirmAgreement,
  finishIndependentRatings,
  proposeAgreement,
  rate,
  saveMeeting,
  setOutcome,
} from './work.ts';

type Name = keyof typeof assessmentCalls;

export const assessmentHandlers: {
  [K in Name]: (wb: Workbench, req: ParsedRequest<K>) => CallResponse<K> | Promise<CallResponse<K>>;
} = {
  'frameworks.list': (wb) => listFrameworks(wb.db()),
  'frameworks.importItemSet': importItemSet,
  'assessments.forCase': (wb, req) => {
    const db = wb.db();
    const names = namesById(db);
    return assessmentsOfCase(db, req.caseId).map((a) => ({
      id: a.id,
      versionNo: a.versionNo,
      frameworkName: a.framework.name,
      state: a.state,
      startedAt: a.startedAt,
      leadAssessorName: names.get(a.leadAssessorId) ?? a.leadAssessorId,
      coAssessorName: names.get(a.coAssessorId) ?? a.coAssessorId,
    }));
  },
  'assessments.start': startAssessment,
  'assessments.get': (wb, req) =>
    readAssessment(wb.db(), req.id, wb.signedIn().user.id, wb.now().toISOString()),
  'assessments.addSource': addSource,
  'assessments.addSession': addSession,
  'assessments.saveMeeting': saveMeeting,
  'assessments.addItem': addItem,
  'assessments.addLicensedItems': addLicensedItems,
  'assessments.rate': rate,
  'assessments.finishDomain': finishIndependentRatings,
  'assessments.proposeAgreement': proposeAgreement,
  'assessments.confirmAgreement': confirmAgreement,
  'assessments.agreeMatchingRatings': agreeMatchingRatings,
  'assessments.holdSection': holdSection,
  'assessments.releaseSection': releaseSection,
  'assessments.autosave': autosave,
  'assessments.saveSection': saveSection,
  'assessments.setOutcome': setOutcome,
  'assessments.startReview': startReview,
  'assessments.compareVersions': compareVersions,
};
