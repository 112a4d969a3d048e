import type { CallResponse, ParsedRequest } from '#contract/calls.ts';
import type { pathwayCalls } from '#contract/pathway-calls.ts';
import type { Workbench } from '../workbench.ts';
import { recordCategory, suggest } from './category.ts';
import { checkEligibility, recordConcern } from './concern.ts';
import { recordConsultationMeeting, requestConsultation, screenConsultation } from './consultations.ts';
import { recordEvent } from './events.ts';
import { nfaList } from './nfa.ts';
import { recordPlan } from './plans.ts';
import { moveProfileVersion } from './profile-version.ts';
import { recordStrategyMeeting, updateActions } from './strategy-meetings.ts';
import { pathwaySummary } from './summary.ts';
import { timeline } from './timeline.ts';

type Name = keyof typeof pathwayCalls;

/** One handler per call of the HSB pathway (src/contract/pathway-calls.ts). */
export const pathwayHandlers: {
  [K in Name]: (wb: Workbench, req: ParsedRequest<K>) => CallResponse<K> | Promise<CallResponse<K>>;
} = {
  'pathway.summary': (wb, req) => pathwaySummary(wb, req.caseId),
  'pathway.timeline': (wb, req) => timeline(wb, req.caseId),
  'pathway.checkEligibility': checkEligibility,
  'pathway.recordConcern': recordConcern,
  'pathway.suggestCategory': suggest,
  'pathway.recordCategory': recordCategory,
  'pathway.recordEvent': recordEvent,
  'pathway.recordStrategyMeeting': recordStrategyMeeting,
  'pathway.updateMeetingActions': updateActions,
  'pathway.nfaList': (wb) => nfaList(wb),
  'pathway.moveProfileVersion': moveProfileVersion,
  'consultations.request': requestConsultation,
  'consultations.screen': screenConsultation,
  'consultations.recordMeeting': recordConsultationMeeting,
  'plans.record': recordPlan,
};
