import { createHash, createPrivateKey, createPublicKey, randomUUID, sign, verify } from 'node:crypto';
import type { ParsedRequest } from '#contract/calls.ts';
import { WorkbenchError } from '#contract/errors.ts';
import type { UserSummary } from '#contract/schemas.ts';
import type { SignOffStatus } from '#contract/sign-off-calls.ts';
import { AGENCY_LABELS, type Agency } from '#contract/vocabulary.ts';
import {
  type ReturnComment,
  returnCommentsText,
  returnParts,
  WHOLE_ASSESSMENT,
} from '#domain/assessment/returns.ts';
import { isLastingAccess } from '#domain/case-access.ts';
import { formatDay, londonDay, londonTime } from '#domain/dates.ts';
import { approvalComments, jointReviewRole, signerRefusal } from '#domain/profiles/practice.ts';
import type { Profile } from '#domain/profiles/schema.ts';
import { canonicalJson } from '#domain/sign-off/canonical-json.ts';
import {
  decide,
  type ReportAction,
  type ReportParties,
  type ReportState,
  STATE_LABELS,
} from '#domain/sign-off/states.ts';
import { type AssessmentRow, setAssessmentField } from '#store/assessments.ts';
import { findCase } from '#store/cases.ts';
import { hmac, sameHex } from '#store/crypto.ts';
import type { Db } from '#store/database.ts';
import {
  currentSigningKey,
  insertSignature,
  insertTransition,
  saveSnapshot,
  signaturesOf,
  signingKeyById,
  snapshotOf,
  transitionsOf,
} from '#store/sign-off.ts';
import { findUser } from '#store/users.ts';
import { requireAssessment } from '../assessments/view.ts';
import { caseAccessFor } from '../case-access.ts';
import { meetDeadlinesBy, namesById } from '../deadlines.ts';
import { requireProfile } from '../profiles.ts';
import { confirmPassword } from '../session.ts';
import type { Workbench } from '../workbench.ts';
import { buildReportContent, type ReportContent } from './report-content.ts';

// Quality assurance and cryptographic sign-off (Lancashire steps 9–10). Each co-assessor signs, with
// their own Ed25519 key, the SHA-256 of the canonical JSON of the exact report content approved.

export const contentHash = (content: unknown) =>
  createHash('sha256').update(canonicalJson(content), 'utf8').digest('hex');

/** Binds a signature to the signer's registered key and person under the keyring's audit key. */
export const keyMac = (auditKey: Buffer, signingKeyId: string, userId: string, publicKey: string) =>
  hmac(auditKey, `signing-key:${signingKeyId}:${userId}:${publicKey}`);

function profileOf(db: Db, a: AssessmentRow): Profile | undefined {
  const hsbCase = findCase(db, a.caseId);
  return hsbCase ? requireProfile(db, hsbCase.profileId, hsbCase.profileVersion) : undefined;
}

function parties(
  db: Db,
  a: AssessmentRow,
  actor: Pick<UserSummary, 'id' | 'roles' | 'agency'>,
  now: string,
): ReportParties {
  const hsbCase = findCase(db, a.caseId);
  const profile = profileOf(db, a);
  return {
    actorHasLastingAccess: isLastingAccess(caseAccessFor(db, actor, a.caseId, now)),
    state: a.state as ReportState,
    leadAssessorId: a.leadAssessorId,
    coAssessorId: a.coAssessorId,
    qualityAssuranceAgencies: profile?.aim?.qualityAssuranceAgencies ?? [],
    signedBy: signaturesOf(db, a.id).map((s) => s.signerId),
    signerRefusal: hsbCase && profile ? signerRefusal(profile, actor, hsbCase.socialWorkerId) : null,
  };
}

interface SignaturePayload {
  format: 'hsb-aim-signature/1';
  assessmentId: string;
  versionNo: number;
  contentHash: string;
  signer: { id: string; name: string };
  role: string;
  signedAt: string;
}

/**
 * Verifies every signature against the approved content, and that content against the assessment's own
 * records now — so editing the database directly (a section, a signature, a public key) is noticed.
 */
export function verifySignatures(db: Db, a: AssessmentRow, auditKey: Buffer) {
  const names = namesById(db);
  const snapshot = snapshotOf(db, a.id);
  const signatures = signaturesOf(db, a.id);
  const problems: string[] = [];
  let storedContent: ReportContent | null = null;
  if (snapshot) {
    storedContent = JSON.parse(snapshot.content) as ReportContent;
    if (contentHash(storedContent) !== snapshot.contentHash)
      problems.push('the approved report content has been altered');
    else if (canonicalJson(buildReportContent(db, a).owned) !== canonicalJson(storedContent.owned)) {
      problems.push('the assessment’s records no longer match the approved report');
    }
  }
  const results = signatures.map((s) => {
    const signerName = names.get(s.signerId) ?? s.signerId;
    let payload: SignaturePayload | null = null;
    try {
      payload = JSON.parse(s.payload) as SignaturePayload;
    } catch {
      payload = null;
    }
    const key = signingKeyById(db, s.signingKeyId);
    let problem = '';
    if (!payload || !snapshot) problem = 'the signed statement is unreadable';
    else if (
      !key ||
      key.userId !== s.signerId ||
      !sameHex(keyMac(auditKey, key.id, key.userId, key.publicKey), s.keyMac)
    )
      problem = 'the signer’s public key has been changed';
    else if (
      !verify(
        null,
        Buffer.from(canonicalJson(payload)),
        createPublicKey({ key: Buffer.from(key.publicKey, 'base64'), format: 'der', type: 'spki' }),
        Buffer.from(s.signature, 'base64'),
      )
    ) {
      problem = 'the signature does not match the signed statement';
    } else if (
      payload.contentHash !== snapshot.contentHash ||
      payload.assessmentId !== a.id ||
      payload.versionNo !== a.versionNo ||
      payload.signer.id !== s.signerId
    ) {
      problem = 'the signature is for different content';
    }
    if (problem) problems.push(`${signerName}’s signature: ${problem}`);
    return { signerName, role: payload?.role ?? '', signedAt: s.signedAt, verified: problem === '', problem };
  });
  // Every signing recorded in the report's history must still have its valid signature, and a final
  // report needs both co-assessors': deleting signature rows is noticed too.
  const signings = transitionsOf(db, a.id)
    .filter((t) => t.action === 'sign')
    .map((t) => t.by);
  const validSigners = new Set(signatures.filter((_, i) => results[i]?.verified).map((sig) => sig.signerId));
  const missing = signings.filter((who) => !signatures.some((s) => s.signerId === who));
  if (missing.length)
    problems.push(
      `${missing.map((id) => names.get(id) ?? id).join(' and ')} signed, but the signature is missing`,
    );
  if (a.state === 'final' && !(validSigners.has(a.leadAssessorId) && validSigners.has(a.coAssessorId))) {
    problems.push('a final report needs both co-assessors’ signatures');
  }
  const when = (iso: string) => `${formatDay(londonDay(iso))} at ${londonTime(iso)}`;
  const signedText = results.map((r) => `${r.signerName} (${r.role}) on ${when(r.signedAt)}`).join(' and ');
  const verification: SignOffStatus['verification'] = problems.length
    ? { status: 'changed', message: `Changed after sign-off: ${problems.join('; ')}.` }
    : results.length === 0
      ? { status: 'not-signed', message: 'Not signed yet.' }
      : a.state === 'final'
        ? { status: 'verified', message: `Signed by ${signedText}, unchanged since.` }
        : {
            status: 'partly-signed',
            message: `Signed by ${signedText}, unchanged since; waiting for the other co-assessor.`,
          };
  return { verification, signatures: results, snapshot, storedContent };
}

export function signOffStatus(wb: Workbench, assessmentId: string): SignOffStatus {
  const { user, keys } = wb.signedIn();
  const db = wb.db();
  const a = requireAssessment(db, assessmentId);
  const names = namesById(db);
  const actor = { id: user.id, roles: user.roles, agency: user.agency };
  const p = parties(db, a, actor, wb.now().toISOString());
  const profile = profileOf(db, a);
  const check = (action: ReportAction) => decide(action, actor, p);
  const verified = verifySignatures(db, a, keys.auditKey);
  const reasonOf = (action: ReportAction) => {
    const d = check(action);
    return d.allowed ? '' : d.reason;
  };
  return {
    assessmentId: a.id,
    versionNo: a.versionNo,
    state: a.state,
    stateLabel: STATE_LABELS[a.state as ReportState] ?? a.state,
    contentHash: verified.snapshot?.contentHash ?? null,
    verification: verified.verification,
    signatures: verified.signatures,
    transitions: transitionsOf(db, a.id).map((t) => ({
      action: t.action,
      fromState: t.fromState,
      toState: t.toState,
      comments: t.comments,
      at: t.at,
      byName: names.get(t.by) ?? t.by,
    })),
    allowed: {
      submit: check('submit').allowed,
      approve: check('approve').allowed,
      return: check('return').allowed,
      sign: check('sign').allowed,
    },
    reasons: {
      submit: reasonOf('submit'),
      approve: reasonOf('approve'),
      return: reasonOf('return'),
      sign: reasonOf('sign'),
    },
    jointReviewRole: profile ? jointReviewRole(profile) : '',
  };
}

const ACTION_WORDS: Record<ReportAction, string> = {
  submit: 'submitted the assessment for quality assurance',
  return: 'returned the assessment to the co-assessors with comments',
  approve: 'approved the assessment in quality assurance',
  sign: 'signed the assessment',
};

/** Makes one transition, enforced here (never only in the screens), audited with who, when and comments. */
function transition(
  wb: Workbench,
  assessmentId: string,
  action: ReportAction,
  comments: string,
  extra?: (db: Db, a: AssessmentRow, next: ReportState, now: string) => void,
  summaryNote?: string,
  sectionComments = '[]',
) {
  const { user } = wb.signedIn();
  const now = wb.now().toISOString();
  wb.write((db, audit) => {
    const a = requireAssessment(db, assessmentId);
    const actor = { id: user.id, roles: user.roles, agency: user.agency };
    const decision = decide(action, actor, parties(db, a, actor, now));
    if (!decision.allowed) throw new WorkbenchError('forbidden', decision.reason);
    extra?.(db, a, decision.next, now);
    if (decision.next !== a.state) setAssessmentField(db, a.id, 'state', decision.next);
    if (decision.next === 'final' && a.state !== 'final') {
      // The last signature completes the assessment: the deadline it meets closes itself.
      meetDeadlinesBy(db, audit, {
        caseId: a.caseId,
        stop: { step: 'final-sign-off' },
        at: now,
        note: 'final sign-off of the assessment',
        userId: user.id,
        now,
      });
    }
    insertTransition(db, {
      id: randomUUID(),
      assessmentId: a.id,
      action,
      fromState: a.state,
      toState: decision.next,
      comments,
      sectionComments,
      at: now,
      by: user.id,
    });
    audit({
      action: `sign-off.${action}`,
      recordType: 'assessment',
      recordId: a.id,
      summary: `${ACTION_WORDS[action]} (version ${a.versionNo})${summaryNote ?? (comments ? '; comments recorded' : '')}`,
    });
  });
  return signOffStatus(wb, assessmentId);
}

export const submit = (wb: Workbench, req: ParsedRequest<'signOff.submit'>) =>
  transition(wb, req.assessmentId, 'submit', req.comments);

/**
 * Returns the work with comments, each on the part of the assessment it is about (the general comments are
 * about the whole assessment); the assessment page shows each beside its part until it is resubmitted.
 */
export function returnToDraft(wb: Workbench, req: ParsedRequest<'signOff.return'>) {
  const a = requireAssessment(wb.db(), req.assessmentId);
  const parts = returnParts(a.framework);
  const labelOf = (about: string) => parts.find((p) => p.about === about)?.label ?? about;
  const general = req.comments.trim() ? [{ about: WHOLE_ASSESSMENT, comment: req.comments.trim() }] : [];
  const onParts = (req.sectionComments ?? []).map((c) => ({ about: c.about, comment: c.comment.trim() }));
  const comments: ReturnComment[] = [...general, ...onParts.filter((c) => c.comment)];
  const text = req.sectionComments?.length ? returnCommentsText(comments, labelOf) : req.comments;
  const partCount = new Set(comments.map((c) => c.about)).size;
  return transition(
    wb,
    req.assessmentId,
    'return',
    text,
    () => {
      // Checked once the person may return it, so someone who may not is told that first.
      if (comments.length === 0)
        throw new WorkbenchError(
          'invalid-request',
          'Say what needs to change before you return the assessment. Nothing was saved.',
          { problems: [{ path: 'comments', message: 'say what needs to change' }] },
        );
      const unknown = onParts.findIndex((c) => !parts.some((p) => p.about === c.about));
      if (unknown >= 0)
        throw new WorkbenchError(
          'invalid-request',
          'A comment is about a part that is not in this assessment. Choose the section or domain again. Nothing was saved.',
          {
            problems: [
              { path: `sectionComments[${unknown}].about`, message: 'is not a part of this assessment' },
            ],
          },
        );
    },
    req.sectionComments?.length
      ? `; ${comments.length} ${comments.length === 1 ? 'comment' : 'comments'} on ${partCount} ${partCount === 1 ? 'part' : 'parts'} recorded`
      : undefined,
    JSON.stringify(comments),
  );
}

/**
 * Approval freezes the report: its content is kept as approved, and the signatures will cover exactly that.
 * Where the profile names a joint review (Lancashire step 9: with the CSC Team Manager), who reviewed it
 * jointly is required and recorded first in the approval's comments.
 */
export function approve(wb: Workbench, req: ParsedRequest<'signOff.approve'>) {
  const profile = profileOf(wb.db(), requireAssessment(wb.db(), req.assessmentId));
  const role = profile ? jointReviewRole(profile) : '';
  const reviewer = req.jointReviewer ?? '';
  return transition(
    wb,
    req.assessmentId,
    'approve',
    approvalComments(role, reviewer, req.comments),
    (db, a, _next, now) => {
      // Checked once the person may approve, so a practitioner is told that first.
      if (role && !reviewer)
        throw new WorkbenchError(
          'invalid-request',
          `Under the ${profile?.name} profile the assessment is reviewed jointly with the ${role}. Enter who reviewed it with you, then approve it. Nothing was saved.`,
          { problems: [{ path: 'jointReviewer', message: `Enter the ${role} who reviewed it with you` }] },
        );
      const content = buildReportContent(db, a);
      saveSnapshot(db, a.id, canonicalJson(content), contentHash(content), now);
    },
    `${reviewer ? `; reviewed jointly with the ${role || 'joint reviewer'} (recorded)` : ''}${req.comments ? '; comments recorded' : ''}`,
  );
}

export function signReport(wb: Workbench, req: ParsedRequest<'signOff.sign'>) {
  const signingKey = confirmPassword(
    wb,
    req.password,
    'That password is not right. The assessment has not been signed.',
  );
  try {
    return signWith(wb, req.assessmentId, signingKey);
  } finally {
    signingKey.fill(0);
  }
}

/** Signs with the private key just unwrapped by the person's password; it is wiped straight after. */
function signWith(wb: Workbench, assessmentId: string, signingKey: Buffer) {
  const session = wb.signedIn();
  return transition(wb, assessmentId, 'sign', '', (db, a, _next, now) => {
    const snapshot = snapshotOf(db, a.id);
    if (!snapshot) throw new WorkbenchError('rule-broken', 'There is no approved report to sign.');
    const key = currentSigningKey(db, session.user.id);
    if (!key)
      throw new WorkbenchError(
        'rule-broken',
        'You have no signing key. Ask your administrator to reset your password, then sign.',
      );
    const user = findUser(db, session.user.id);
    const role = `${session.user.id === a.leadAssessorId ? 'Lead assessor' : 'Co-assessor'}, ${AGENCY_LABELS[(user?.agency ?? 'other') as Agency]}`;
    const payload: SignaturePayload = {
      format: 'hsb-aim-signature/1',
      assessmentId: a.id,
      versionNo: a.versionNo,
      contentHash: snapshot.contentHash,
      signer: { id: session.user.id, name: session.user.name },
      role,
      signedAt: now,
    };
    const privateKey = createPrivateKey({ key: signingKey, format: 'der', type: 'pkcs8' });
    const signature = sign(null, Buffer.from(canonicalJson(payload)), privateKey).toString('base64');
    // The key in the session must be the one registered for this person.
    if (
      !verify(
        null,
        Buffer.from(canonicalJson(payload)),
        createPublicKey({ key: Buffer.from(key.publicKey, 'base64'), format: 'der', type: 'spki' }),
        Buffer.from(signature, 'base64'),
      )
    ) {
      throw new WorkbenchError(
        'rule-broken',
        'Your signing key does not match the one on record. Sign out, sign in again and retry.',
      );
    }
    insertSignature(db, {
      id: randomUUID(),
      assessmentId: a.id,
      signerId: session.user.id,
      signingKeyId: key.id,
      payload: canonicalJson(payload),
      signature,
      keyMac: keyMac(session.keys.auditKey, key.id, session.user.id, key.publicKey),
      signedAt: now,
    });
  });
}
