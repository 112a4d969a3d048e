import type { CallResponse, ParsedRequest } from '#contract/calls.ts';
import type { signOffCalls } from '#contract/sign-off-calls.ts';
import type { Workbench } from '../workbench.ts';
import { exportCaseChronology, exportReport, reportTemplate, updateReportTemplate } from './export.ts';
import { exportConsultation, exportStrategyMeeting } from './record-exports.ts';
import { approve, returnToDraft, signOffStatus, signReport, submit } from './sign-off.ts';

type Name = keyof typeof signOffCalls;

export const signOffHandlers: {
  [K in Name]: (wb: Workbench, req: ParsedRequest<K>) => CallResponse<K> | Promise<CallResponse<K>>;
} = {
  'signOff.status': (wb, req) => signOffStatus(wb, req.assessmentId),
  'signOff.submit': submit,
  'signOff.return': returnToDraft,
  'signOff.approve': approve,
  'signOff.sign': signReport,
  'reports.export': exportReport,
  'reports.exportChronology': exportCaseChronology,
  'reports.exportStrategyMeeting': exportStrategyMeeting,
  'reports.exportConsultation': exportConsultation,
  'reports.template': (wb) => reportTemplate(wb.db()),
  'reports.updateTemplate': updateReportTemplate,
};
