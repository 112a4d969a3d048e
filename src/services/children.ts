import { randomUUID } from 'node:crypto';
import type { ParsedRequest } from '../contract/calls.ts';
import { WorkbenchError } from '../contract/errors.ts';
import type { Child } from '../contract/schemas.ts';
import { reindexCasesOfChild } from '../store/cases.ts';
import { findChild, insertChild, updateChild } from '../store/children.ts';
import { refuseFutureDay } from './not-in-future.ts';
import type { Workbench } from './workbench.ts';

type ChildFields = ParsedRequest<'children.create'>;

function checkDateOfBirth(dateOfBirth: string, now: string): void {
  refuseFutureDay(
    dateOfBirth,
    now,
    'dateOfBirth',
    'The date of birth cannot be in the future.',
    'cannot be in the future',
  );
  if (dateOfBirth < '1990-01-01') {
    throw new WorkbenchError('invalid-request', 'The date of birth looks wrong: check the year.', {
      problems: [{ path: 'dateOfBirth', message: 'is before 1990' }],
    });
  }
}

export function createChild(wb: Workbench, req: ChildFields): Child {
  const now = wb.now().toISOString();
  checkDateOfBirth(req.dateOfBirth, now);
  const userId = wb.signedIn().user.id;
  const child: Child = {
    id: randomUUID(),
    version: 1,
    ...req,
    createdAt: now,
    createdBy: userId,
    updatedAt: now,
  };
  return wb.write((db, audit) => {
    insertChild(db, child);
    audit({
      action: 'child.create',
      recordType: 'child',
      recordId: child.id,
      summary: 'created the child record',
    });
    return child;
  });
}

export function getChild(wb: Workbench, id: string): Child {
  const child = findChild(wb.db(), id);
  if (!child) throw new WorkbenchError('not-found', 'That child record was not found.');
  return child;
}

export function editChild(wb: Workbench, req: ParsedRequest<'children.update'>): Child {
  const now = wb.now().toISOString();
  checkDateOfBirth(req.dateOfBirth, now);
  const userId = wb.signedIn().user.id;
  return wb.write((db, audit) => {
    const before = findChild(db, req.id);
    if (!before) throw new WorkbenchError('not-found', 'That child record was not found.');
    const { expectedVersion, ...fields } = req;
    const after: Child = { ...before, ...fields, updatedAt: now };
    if (!updateChild(db, after, expectedVersion, userId)) {
      throw new WorkbenchError(
        'conflict',
        'Someone else changed this child’s details after you opened them. Your changes were not saved: reload to see theirs, then make yours again.',
      );
    }
    const changed = (Object.keys(fields) as (keyof typeof fields)[]).filter((k) => before[k] !== after[k]);
    reindexCasesOfChild(db, after.id);
    audit({
      action: 'child.update',
      recordType: 'child',
      recordId: after.id,
      summary: changed.length ? `changed ${changed.join(', ')}` : 'saved with no changes',
    });
    return { ...after, version: before.version + 1 };
  });
}
