import type { CallResponse, ParsedRequest } from '../contract/calls.ts';
import type { pathwayCalls } from '../contract/pathway-calls.ts';
import {
  recordConsultationMeeting,
  recordPlan,
  requestConsultation,
  screenConsultation,
} from './consultations.ts';
import { pathwaySummary } from './pathway-summary.ts';
import {
  checkEligibility,
  nfaList,
  recordConcern,
  recordStrategyMeeting,
  suggest,
  updateActions,
} from './strategy.ts';
import type { Workbench } from './workbench.ts';

type Name = keyof typeof pathwayCalls;

export const pathwayHandlers: {
  [K in Name]: (wb: Workbench, req: ParsedRequest<K>) => CallResponse<K> | Promise<CallResponse<K>>;
} = {
  'pathway.summary': (wb, req) => pathwaySummary(wb, req.caseId),
  'pathway.checkEligibility': checkEligibility,
  'pathway.recordConcern': recordConcern,
  'pathway.suggestCategory': suggest,
  'pathway.recordStrategyMeeting': recordStrategyMeeting,
  'pathway.updateMeetingActions': updateActions,
  'pathway.nfaList': (wb) => nfaList(wb),
  'consultations.request': requestConsultation,
  'consultations.screen': screenConsultation,
  'consultations.recordMeeting': recordConsultationMeeting,
  'plans.record': recordPlan,
};
