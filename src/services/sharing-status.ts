import { WorkbenchError } from '../contract/errors.ts';
import { formatDay, londonDay } from '../domain/dates.ts';
import {
  consentWithdrawnAt,
  parentConsentProblem,
  withdrawnLine,
} from '../domain/pattern-map/consent-rule.ts';
import { consentFor } from '../domain/profiles/index.ts';
import type { CannotBeAsked } from '../domain/profiles/schema-parts.ts';
import { findCase } from '../store/cases.ts';
import type { Db } from '../store/database.ts';
import { consentExceptionsOf, consentsOfCase, peopleOfCase } from '../store/pattern-map.ts';
import { namesById } from './deadlines.ts';
import { requireProfile } from './profiles.ts';

// Sharing the map with an external agency needs the consents the case's profile names (Lancashire step 5:
// the allocated social worker's permission and the consent of the child and their parents/carers). Where
// the procedure does not say, the workbench still asks for the allocated social worker's permission: the
// map is a social-care record and someone accountable must agree before it leaves.

const PURPOSE = 'map-sharing-external';

/** One plain sentence for each thing missing before the map may go to an external agency. */
export function sharingStatus(db: Db, caseId: string, names = namesById(db)) {
  const hsbCase = findCase(db, caseId);
  if (!hsbCase) throw new WorkbenchError('not-found', 'That case was not found.');
  const profile = requireProfile(db, hsbCase.profileId, hsbCase.profileVersion);
  const from: readonly string[] = consentFor(profile, 'pattern-map-sharing')?.from ?? [
    'allocated-social-worker',
  ];
  const all = consentsOfCase(db, caseId);
  const consents = all.filter((c) => c.purpose === PURPOSE);
  /** The day (dd/mm/yyyy) the consent a record rests on was withdrawn, if it was (issue 14). */
  const withdrawnOn = (record: { restsOn: string | null } | undefined) => {
    const basis = record?.restsOn ? all.find((c) => c.id === record.restsOn) : undefined;
    const at = basis ? consentWithdrawnAt(all, basis) : null;
    return at ? formatDay(londonDay(at)) : null;
  };
  // The allocated social worker's permission counts only while they are the allocated social worker.
  const latest = (subject: string, personId: string | null) =>
    consents
      .filter((c) => c.subject === subject && c.personId === personId)
      .filter((c) => subject !== 'social-worker-permission' || c.recordedBy === hsbCase.socialWorkerId)
      .at(-1);
  const missing: string[] = [];
  const describe = (who: string, record: { status: string; restsOn: string | null } | undefined) => {
    if (!record) return `${who} is not recorded.`;
    const withdrawn = withdrawnOn(record);
    if (record.status === 'given' && withdrawn)
      return withdrawnLine(who.replace(/^The consent of /, ''), withdrawn);
    if (record.status === 'refused') return `${who} was refused.`;
    if (record.status === 'not-sought') return `${who} was not sought.`;
    return null;
  };
  const swName = names.get(hsbCase.socialWorkerId) ?? 'the allocated social worker';
  const permission = describe(
    `The permission of the allocated social worker (${swName})`,
    latest('social-worker-permission', null),
  );
  if (permission && from.includes('allocated-social-worker')) missing.push(permission);
  const child = describe('The consent of the child', latest('child', null));
  if (child && from.includes('child')) missing.push(child);
  const carers = from.includes('parent-carer')
    ? peopleOfCase(db, caseId).filter((p) => p.kind === 'parent-carer')
    : [];
  if (carers.length === 0 && from.includes('parent-carer'))
    missing.push('No parent or carer is recorded on the case: add them and record their consent.');
  // A parent or carer who cannot be asked: what may happen is the profile consent entry's rule.
  const rule = consentFor(profile, 'pattern-map-sharing')?.whenParentCannotBeAsked;
  const exceptions = consentExceptionsOf(db, caseId).filter((e) => e.purpose === PURPOSE);
  for (const carer of carers) {
    const record = latest('parent-carer', carer.id);
    const exception = exceptions.filter((e) => e.personId === carer.id).at(-1);
    const line = parentConsentProblem({
      who: `${carer.anonymisedLabel} (parent/carer)`,
      consent: record ? { status: record.status, withdrawnOn: withdrawnOn(record) } : undefined,
      cannotBeAsked: exception
        ? { circumstance: exception.circumstance as CannotBeAsked, approved: exception.approvedAt !== null }
        : undefined,
      rule,
    });
    if (line) missing.push(line);
  }
  return {
    missingForExternal: missing,
    allocatedSocialWorkerId: hsbCase.socialWorkerId,
    allocatedSocialWorkerName: swName,
  };
}
