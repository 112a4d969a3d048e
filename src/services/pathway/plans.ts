import { randomUUID } from 'node:crypto';
import type { ParsedRequest } from '#contract/calls.ts';
import { WorkbenchError } from '#contract/errors.ts';
import { findCase } from '#store/cases.ts';
import { insertPlanRecord } from '#store/pathway.ts';
import { refuseFutureDay } from '../not-in-future.ts';
import type { Workbench } from '../workbench.ts';
import { pathwaySummary } from './summary.ts';

/** A safety, diversion or direct-work plan, a multi-professional meeting or a MASE step, dated and described. */
export function recordPlan(wb: Workbench, req: ParsedRequest<'plans.record'>) {
  const { user } = wb.signedIn();
  const now = wb.now().toISOString();
  wb.write((db, audit) => {
    if (!findCase(db, req.caseId)) throw new WorkbenchError('not-found', 'That case was not found.');
    refuseFutureDay(req.dated, now, 'dated', 'The date cannot be in the future.');
    insertPlanRecord(db, {
      id: randomUUID(),
      caseId: req.caseId,
      kind: req.kind,
      dated: req.dated,
      title: req.title,
      details: req.details,
      withWhom: req.withWhom,
      recordedAt: now,
      recordedBy: user.id,
    });
    audit({
      action: 'pathway.plan',
      recordType: 'case',
      recordId: req.caseId,
      summary: `recorded a ${req.kind.replace(/-/g, ' ')} dated ${req.dated}`,
    });
  });
  return pathwaySummary(wb, req.caseId);
}
