import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendAudit, checkAuditTrail } from '#store/audit-trail.ts';
import { randomKey } from '#store/crypto.ts';
import type { Db } from '#store/database.ts';
import { keyedDatabase } from '../support/raw-store.ts';
import { tempFolder } from '../support/temp.ts';

let folder: ReturnType<typeof tempFolder>;
let db: Db;
const auditKey = randomKey();

beforeEach(() => {
  folder = tempFolder();
  db = keyedDatabase(join(folder.path, 'audit.db')).db;
  for (let i = 1; i <= 10; i++) {
    appendAudit(db, auditKey, {
      at: `2026-11-26T10:${String(i).padStart(2, '0')}:00.000Z`,
      userId: 'user-1',
      action: i === 1 ? 'workbench.set-up' : 'child.update',
      recordType: 'child',
      recordId: `child-${i}`,
      summary: `change number ${i}`,
    });
  }
});
afterEach(() => {
  db.close();
  folder.remove();
});

describe('the audit chain', () => {
  it('is intact as written', () => {
    expect(checkAuditTrail(db, auditKey)).toEqual({ intact: true, entriesChecked: 10, firstProblem: null });
  });

  it('detects an altered entry at that entry', () => {
    db.prepare("UPDATE audit_log SET summary = 'nothing happened' WHERE seq = 4").run();
    expect(checkAuditTrail(db, auditKey).firstProblem).toMatchObject({ seq: 4, problem: 'altered' });
  });

  it('detects an altered author or time at that entry', () => {
    db.prepare("UPDATE audit_log SET user_id = 'someone-else' WHERE seq = 7").run();
    expect(checkAuditTrail(db, auditKey).firstProblem).toMatchObject({ seq: 7, problem: 'altered' });
  });

  it('detects a deleted entry where it was', () => {
    db.prepare('DELETE FROM audit_log WHERE seq = 6').run();
    expect(checkAuditTrail(db, auditKey).firstProblem).toMatchObject({ seq: 6, problem: 'removed' });
  });

  it('detects a deleted and renumbered entry', () => {
    db.prepare('DELETE FROM audit_log WHERE seq = 6').run();
    db.prepare('UPDATE audit_log SET seq = seq - 1 WHERE seq > 6').run();
    const problem = checkAuditTrail(db, auditKey).firstProblem;
    expect(problem?.seq).toBe(6);
  });

  it('detects reordered entries at the first moved one', () => {
    db.prepare('UPDATE audit_log SET seq = -3 WHERE seq = 3').run();
    db.prepare('UPDATE audit_log SET seq = 3 WHERE seq = 5').run();
    db.prepare('UPDATE audit_log SET seq = 5 WHERE seq = -3').run();
    expect(checkAuditTrail(db, auditKey).firstProblem).toMatchObject({ seq: 3, problem: 'reordered' });
  });

  it('detects entries removed from the end', () => {
    db.prepare('DELETE FROM audit_log WHERE seq >= 9').run();
    expect(checkAuditTrail(db, auditKey).firstProblem).toMatchObject({ seq: 9, problem: 'tail-removed' });
  });

  it('notices a trail wiped completely', () => {
    db.exec('DELETE FROM audit_log; DELETE FROM audit_head;');
    expect(checkAuditTrail(db, auditKey)).toMatchObject({
      intact: false,
      firstProblem: { seq: 1, problem: 'removed' },
    });
  });

  it('cannot be checked, or forged, without the key from the keyring', () => {
    expect(checkAuditTrail(db, randomKey()).firstProblem).toMatchObject({ seq: 1, problem: 'altered' });
  });

  it('is not intact when a wiped trail was begun again: the first entry must be the setting up', () => {
    db.exec('DELETE FROM audit_log; DELETE FROM audit_head;');
    appendAudit(db, auditKey, {
      at: '2026-11-26T11:00:00.000Z',
      userId: 'user-1',
      action: 'session.sign-in',
      recordType: 'user',
      recordId: 'user-1',
      summary: 'signed in',
    });
    expect(checkAuditTrail(db, auditKey)).toMatchObject({
      intact: false,
      firstProblem: {
        seq: 1,
        problem: 'removed',
        message: expect.stringMatching(/does not begin with the setting up/),
      },
    });
  });
});
