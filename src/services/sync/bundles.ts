import { rmSync } from 'node:fs';
import type { CallResponse, ParsedRequest } from '#contract/calls.ts';
import { WorkbenchError } from '#contract/errors.ts';
import type { Db } from '#store/database.ts';
import { writeFileAtomic } from '#store/files.ts';
import { caseKeysOf, changeSetsOfCase, hasChangeSet, keepCaseKey } from '#store/sync/state.ts';
import { prepared } from '#store/sync/statements.ts';
import {
  type BundleContents,
  BundleRefused,
  readBundle,
  unwrapCaseKey,
  wrapCaseKey,
  writeBundle,
} from '#sync/bundle.ts';
import { MembershipRefused } from '#sync/membership.ts';
import { RosterRefused } from '#sync/roster.ts';
import type { Workbench } from '../workbench.ts';
import { applyEnvelopes } from './apply.ts';
import { baselineOps, SYNC_SCHEMA, sealAndKeep } from './capture.ts';
import { deviceOf, readChosenFile } from './team.ts';
import {
  acceptMembershipInto,
  acceptRosterInto,
  heldRoster,
  membershipOfKey,
  membershipsOf,
  refreshMembership,
  rosterOfStore,
} from './trust.ts';

const referenceOf = (db: Db, caseId: string): string =>
  (prepared(db, 'SELECT reference FROM cases WHERE id = ?').get(caseId) as { reference: string } | undefined)
    ?.reference ?? caseId;

function markSent(db: Db, caseId: string, memberId: string, ids: string[]): void {
  const insert = prepared(
    db,
    'INSERT OR IGNORE INTO sync_sent (case_id, member_id, change_set_id) VALUES (?, ?, ?)',
  );
  for (const id of ids) insert.run(caseId, memberId, id);
}

function setStatus(
  db: Db,
  caseId: string,
  column: 'brought_up_to_date_at' | 'last_sent_at',
  at: string,
): void {
  prepared(
    db,
    `INSERT INTO sync_case_status (case_id, ${column}) VALUES (?, ?)
     ON CONFLICT (case_id) DO UPDATE SET ${column} = excluded.${column}`,
  ).run(caseId, at);
}

/** Change sets of a case that `memberId` does not have yet, as far as this computer knows. */
export function lackedBy(db: Db, caseId: string, memberId: string) {
  const sent = new Set(
    (
      prepared(db, 'SELECT change_set_id AS id FROM sync_sent WHERE case_id = ? AND member_id = ?').all(
        caseId,
        memberId,
      ) as { id: string }[]
    ).map((r) => r.id),
  );
  return changeSetsOfCase(db, caseId).filter((cs) => cs.author !== memberId && !sent.has(cs.id));
}

/**
 * "Send case to…": one file holding the change sets the recipients lack, encrypted to them, signed by
 * this person's device. Recipients must be allocated to the case (the case key is sealed only to
 * them); a case written before sync first gets a baseline change set of everything on it.
 */
export async function sendCase(
  wb: Workbench,
  req: ParsedRequest<'sync.sendCase'>,
): Promise<CallResponse<'sync.sendCase'>> {
  const device = deviceOf(wb);
  const reference = referenceOf(wb.db(), req.caseId);
  const path = await wb.host.chooseSaveFile(`${reference}.hsbcase`);
  if (!path) return { savedTo: null, changeSets: 0 };
  // 1. Sign who may see the case and seal what was never captured, then make the bundle's bytes.
  const made = wb.write((db) => {
    const roster = rosterOfStore(db);
    if (!roster) {
      throw new WorkbenchError(
        'conflict',
        'This computer has not joined a team yet. Ask your administrator to set it up under Administration → Team.',
      );
    }
    const now = wb.now();
    const membership = refreshMembership(db, req.caseId, device, now).membership;
    const recipients = [...new Set(req.recipientIds)].map((id) => {
      const member = roster.members.find((m) => m.id === id);
      if (!member)
        throw new WorkbenchError('invalid-request', 'One of the people chosen is not in the team roster.');
      if (!membership.members.includes(id)) {
        throw new WorkbenchError(
          'conflict',
          `${member.name} is not allocated to this case, so it cannot be sent to them. Allocate them first.`,
        );
      }
      if (id === device.memberId)
        throw new WorkbenchError('invalid-request', 'Choose someone other than yourself.');
      return member;
    });
    const baseline = baselineOps(db, device, req.caseId, now);
    if (baseline.length > 0) sealAndKeep(db, device, req.caseId, baseline, [], now);
    const ids = new Set<string>();
    const envelopes = recipients
      .flatMap((r) => lackedBy(db, req.caseId, r.id))
      .filter((cs) => {
        if (ids.has(cs.id)) return false;
        ids.add(cs.id);
        return true;
      });
    const current = membership.caseKeyId;
    const caseKeys = caseKeysOf(db, req.caseId)
      .filter((k) => k.keyId !== current)
      .flatMap((k) => recipients.map((r) => wrapCaseKey(req.caseId, k.keyId, k.key, r)));
    const bytes = writeBundle(
      {
        caseId: req.caseId,
        envelopes: envelopes.map((e) => e.envelope),
        caseKeys,
        roster: heldRoster(db) ?? undefined,
        memberships: membershipsOf(db, req.caseId),
      },
      { memberId: device.memberId, deviceId: device.deviceId, signingKey: device.privateKey },
      recipients,
      now,
    );
    return { bytes, ids: [...ids], recipients: recipients.map((r) => ({ id: r.id, name: r.name })), now };
  });
  // 2. The file, outside any transaction: if it cannot be written, nothing is recorded as sent.
  try {
    writeFileAtomic(path, made.bytes);
  } catch (error) {
    throw new WorkbenchError(
      'store-refused',
      `The case bundle could not be saved there (${(error as NodeJS.ErrnoException).code ?? 'the disk refused it'}). No bundle was saved and nothing is recorded as sent: choose another place and try again.`,
    );
  }
  // 3. Recorded as sent, with its audit entry; if that cannot be committed, the file goes too.
  try {
    wb.write((db, audit) => {
      for (const r of made.recipients) markSent(db, req.caseId, r.id, made.ids);
      setStatus(db, req.caseId, 'last_sent_at', made.now.toISOString());
      audit({
        action: 'sync.send-case',
        recordType: 'case',
        recordId: req.caseId,
        summary: `sent ${made.ids.length} change set${made.ids.length === 1 ? '' : 's'} of case ${reference} to ${made.recipients.map((r) => r.name).join(' and ')} in a case bundle`,
      });
    });
  } catch (error) {
    rmSync(path, { force: true });
    throw error;
  }
  return { savedTo: path, changeSets: made.ids.length };
}

/** Reads and checks a bundle addressed to this person; a bad one is refused with the reason. */
function openedBundle(wb: Workbench, bytes: Buffer, memberId: string, boxKey: Buffer) {
  const roster = rosterOfStore(wb.db());
  if (!roster) throw refusal('this computer has not joined a team yet.');
  try {
    return readBundle(bytes, { memberId, boxPrivateKey: boxKey }, roster);
  } catch (error) {
    if (error instanceof BundleRefused)
      throw refusal(error.message.charAt(0).toLowerCase() + error.message.slice(1));
    throw refusal('it is not a case bundle.');
  }
}

/** Whether everything in a bundle is already held here: its change sets, allocations and roster. */
function nothingNew(db: Db, contents: BundleContents): boolean {
  const roster = rosterOfStore(db);
  if ((contents.roster?.roster?.version ?? 0) > (roster?.version ?? 0)) return false;
  const held = new Set(membershipsOf(db, contents.caseId).map((m) => m.membership.caseKeyId));
  if ((contents.memberships ?? []).some((m) => !held.has(m.membership?.caseKeyId))) return false;
  return (contents.envelopes ?? []).every((e) => hasChangeSet(db, e?.header?.id));
}

const refusal = (why: string) =>
  new WorkbenchError('conflict', `This case bundle was not used: ${why} Nothing has been changed.`);

/** Opens a case bundle addressed to this person and merges it; a bad one changes nothing and says why. */
export async function openBundle(wb: Workbench): Promise<CallResponse<'sync.openBundle'>> {
  const session = wb.signedIn();
  const path = await wb.host.chooseOpenFile('Open a case bundle');
  if (!path) {
    return {
      applied: 0,
      alreadyHad: 0,
      keptForLater: 0,
      refused: [],
      message: 'No file was chosen.',
      caseId: null,
    };
  }
  const bytes = readChosenFile(path);
  if (!session.boxKey) {
    throw new WorkbenchError(
      'conflict',
      'Your keys for opening case bundles are not available in this session. Sign out and sign in again with your password.',
    );
  }
  const opened = openedBundle(wb, bytes, session.user.id, session.boxKey);
  const { contents } = opened;
  if (nothingNew(wb.db(), contents)) {
    // A bundle already applied changes nothing at all, not even the trail: it only says so.
    const db = wb.db();
    const fromName = rosterOfStore(db)?.members.find((m) => m.id === opened.from)?.name ?? 'a team member';
    return {
      applied: 0,
      alreadyHad: contents.envelopes?.length ?? 0,
      keptForLater: 0,
      refused: [],
      message: `Case ${referenceOf(db, contents.caseId)} was already up to date: nothing in this bundle from ${fromName} was new.`,
      caseId: contents.caseId,
    };
  }
  return wb.write((db, audit) => {
    const roster = rosterOfStore(db) as NonNullable<ReturnType<typeof rosterOfStore>>;
    const now = wb.now();
    try {
      const theirs = contents.roster;
      if (theirs && theirs.roster?.version > roster.version) acceptRosterInto(db, theirs, now);
      for (const m of contents.memberships ?? []) {
        acceptMembershipInto(db, m, { memberId: session.user.id, boxKey: session.boxKey });
      }
    } catch (error) {
      if (error instanceof RosterRefused || error instanceof MembershipRefused) {
        throw refusal(error.message.charAt(0).toLowerCase() + error.message.slice(1));
      }
      throw error;
    }
    for (const wrapped of contents.caseKeys ?? []) {
      if (wrapped.memberId !== session.user.id || wrapped.caseId !== contents.caseId) continue;
      const generation = membershipOfKey(db, wrapped.caseId, wrapped.caseKeyId)?.generation;
      const key = generation ? unwrapCaseKey(wrapped, session.boxKey as Buffer) : null;
      if (key && generation)
        keepCaseKey(db, { caseId: wrapped.caseId, keyId: wrapped.caseKeyId, generation, key });
    }
    const report = applyEnvelopes(db, contents.envelopes ?? [], {
      roster: rosterOfStore(db),
      knownSchema: wb.syncSchema ?? SYNC_SCHEMA,
      now,
      auditKey: session.keys.auditKey,
    });
    markSent(
      db,
      contents.caseId,
      opened.from,
      (contents.envelopes ?? []).map((e) => e.header.id),
    );
    setStatus(db, contents.caseId, 'brought_up_to_date_at', now.toISOString());
    const fromName = roster.members.find((m) => m.id === opened.from)?.name ?? 'a team member';
    const reference = referenceOf(db, contents.caseId);
    const message =
      report.applied === 0 && report.keptForLater === 0 && report.held === 0 && report.refused.length === 0
        ? `Case ${reference} was already up to date: nothing in this bundle from ${fromName} was new.`
        : `Brought case ${reference} up to date with ${report.applied} change set${report.applied === 1 ? '' : 's'} from ${fromName}.` +
          (report.keptForLater
            ? ` ${report.keptForLater} written by a newer version of the workbench are kept until this one is updated.`
            : '') +
          (report.held
            ? ` ${report.held} change ${report.held === 1 ? 'set edits records that have' : 'sets edit records that have'} not reached this computer yet: ${report.held === 1 ? 'it is' : 'they are'} kept apart and used once those records arrive.`
            : '') +
          (report.refused.length
            ? ` ${report.refused.length} could not be used and were left out: ${report.refused[0]?.reason}`
            : '');
    audit({
      action: 'sync.open-bundle',
      recordType: 'case',
      recordId: contents.caseId,
      summary: `opened a case bundle from ${fromName}: ${report.applied} applied, ${report.alreadyHad} already held, ${report.keptForLater} kept for later, ${report.held} held until their records arrive, ${report.refused.length} refused`,
    });
    const { applied, alreadyHad, keptForLater, refused } = report;
    return { applied, alreadyHad, keptForLater, refused, message, caseId: contents.caseId };
  });
}
