import { randomUUID } from 'node:crypto';
import type { ParsedRequest } from '#contract/calls.ts';
import type { CaseNote } from '#contract/schemas.ts';
import { type CaseNoteRow, caseNotesOf, insertCaseNote } from '#store/case-notes.ts';
import type { Db } from '#store/database.ts';
import { namesById } from './deadlines.ts';
import { refuseFutureDay } from './not-in-future.ts';
import type { Workbench } from './workbench.ts';

// Case notes (issue 14): dated by the day of the event, attributed to the signed-in person, audited,
// and add-only: a correction is a new note saying what it corrects.

const toView = (n: CaseNoteRow, names: Map<string, string>): CaseNote => ({
  id: n.id,
  eventDay: n.eventDay,
  text: n.text,
  recordedAt: n.recordedAt,
  recordedByName: names.get(n.recordedBy) ?? 'Unknown person',
});

export function addCaseNote(wb: Workbench, req: ParsedRequest<'caseNotes.add'>): CaseNote {
  const now = wb.now().toISOString();
  refuseFutureDay(
    req.eventDay,
    now,
    'eventDay',
    'The date of the event cannot be in the future. Record a note once it has happened. Nothing was saved.',
  );
  const userId = wb.signedIn().user.id;
  const note: CaseNoteRow = {
    id: randomUUID(),
    caseId: req.caseId,
    eventDay: req.eventDay,
    text: req.text,
    recordedAt: now,
    recordedBy: userId,
  };
  return wb.write((db, audit) => {
    insertCaseNote(db, note);
    audit({
      action: 'case-note.add',
      recordType: 'case',
      recordId: req.caseId,
      summary: `added a case note dated ${req.eventDay}`,
    });
    return toView(note, namesById(db));
  });
}

export const caseNotesView = (db: Db, caseId: string): CaseNote[] => {
  const names = namesById(db);
  return caseNotesOf(db, caseId).map((n) => toView(n, names));
};

export const listCaseNotes = (wb: Workbench, req: ParsedRequest<'caseNotes.list'>) =>
  caseNotesView(wb.db(), req.caseId);
