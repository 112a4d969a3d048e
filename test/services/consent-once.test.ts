import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recentAudit } from '#store/audit-trail.ts';
import { consentRecord, consentToHubReferral, externalMapShare } from '../support/case-steps.ts';
import { type SeededWorkbench, seededWorkbenchEachTest } from '../support/each-test.ts';
import { type Harness, openTeamCase, SW_PASSWORD, type Team } from '../support/workbench.ts';

// Issue 14: consent said once. The consents given at referral are offered for sharing the map; a consent
// to share that rests on one names it, the share record says so, and a withdrawal blocks the sharing.

let folder: SeededWorkbench['folder'];
let h: Harness;
let team: Team;
let caseId: string;
let motherId: string;

seededWorkbenchEachTest({ start: new Date('2026-11-20T10:00:00Z') }, async (w) => {
  ({ folder, h, team } = w);
  caseId = await openTeamCase(h, team, { name: 'Jamie Example', dateOfBirth: '2013-03-14' });
  await h.call('session.signOut', {});
  await h.call('session.signIn', { username: 'sam.sw', password: SW_PASSWORD });
  motherId = (
    await consentToHubReferral(h, caseId, 'Sarah Example', { method: 'phone', givenOn: '2026-11-12' })
  ).id;
  await h.call('consents.record', mapConsent('social-worker-permission', null));
});

/** A consent to share the map, given, resting on `restsOn` where named. */
const mapConsent = (
  subject: 'child' | 'parent-carer' | 'social-worker-permission',
  personId: string | null,
  restsOn?: string | null,
) => consentRecord(caseId, subject, personId, restsOn !== undefined ? { restsOn } : {});

const referral = async (subject: 'child' | 'parent-carer') =>
  (await h.call('map.get', { caseId })).consents.find(
    (c) => c.purpose === 'hub-referral' && c.subject === subject,
  );

/** Records that the consent to the hub referral is withdrawn: the person now refuses it, for `reason`. */
const withdrawReferralConsent = (
  subject: 'child' | 'parent-carer',
  personId: string | null,
  reason: string,
) =>
  h.call(
    'consents.record',
    consentRecord(caseId, subject, personId, { purpose: 'hub-referral', status: 'refused', reason }),
  );

async function useReferralConsents() {
  for (const subject of ['child', 'parent-carer'] as const) {
    const earlier = await referral(subject);
    await h.call('consents.record', mapConsent(subject, earlier?.personId ?? null, earlier?.id ?? null));
  }
}

describe('consent to share the map, said once (issue 14)', () => {
  it('rests on the referral consents, names them with day and method, and the share record says so', async () => {
    await useReferralConsents();
    const map = await h.call('map.get', { caseId });
    const mine = map.consents.filter(
      (c) => c.purpose === 'map-sharing-external' && c.subject !== 'social-worker-permission',
    );
    expect(mine).toHaveLength(2);
    for (const c of mine) {
      const basis = map.consents.find((b) => b.id === c.restsOn);
      expect(basis).toMatchObject({ purpose: 'hub-referral', subject: c.subject, personId: c.personId });
      expect(c).toMatchObject({ status: 'given', method: 'phone', givenOn: '2026-11-12', withdrawnAt: null });
    }
    expect(map.sharing.missingForExternal).toEqual([]);

    h.host.saveFile = join(folder.path, 'shared.docx');
    expect(await h.call('map.export', externalMapShare(caseId))).toEqual({ savedTo: h.host.saveFile });
    const [share] = (await h.call('map.get', { caseId })).shares;
    expect(share?.consentBasis).toContain(
      'The child: consent rests on the consent given on 12/11/2026 by phone for the referral to the hub (recorded by Sam Social Worker on 20/11/2026',
    );
    expect(share?.consentBasis).toContain(
      'Mother: consent rests on the consent given on 12/11/2026 by phone',
    );
    expect(recentAudit(h.wb.db(), 10).find((e) => e.summary.startsWith('exported'))?.summary).toContain(
      'Mother: consent rests on the consent given on 12/11/2026 by phone',
    );
  });

  it('a withdrawal of the referral consent shows on the map sharing and blocks an external share; nothing is saved', async () => {
    await useReferralConsents();
    h.travelTo(new Date('2026-11-23T11:00:00Z'));
    await withdrawReferralConsent('parent-carer', motherId, 'Mother rang to withdraw her consent.');
    const map = await h.call('map.get', { caseId });
    expect((await referral('parent-carer'))?.withdrawnAt).toBe('2026-11-23T11:00:00.000Z');
    expect(map.sharing.missingForExternal).toEqual([
      'The consent of Mother (parent/carer) rested on the consent they gave earlier, which was withdrawn on 23/11/2026: ask them again and record their answer.',
    ]);
    h.host.saveFile = join(folder.path, 'withdrawn.docx');
    const refused = await h.refuse('map.export', externalMapShare(caseId));
    expect(refused.message).toContain('which was withdrawn on 23/11/2026');
    expect(existsSync(h.host.saveFile)).toBe(false);
    expect((await h.call('map.get', { caseId })).shares).toEqual([]);
  });

  it('refuses to rest on a withdrawn consent, on someone else’s, or a consent given on a day to come, saving nothing', async () => {
    const child = await referral('child');
    const before = (await h.call('map.get', { caseId })).consents.length;
    const wrongPerson = await h.refuse(
      'consents.record',
      mapConsent('parent-carer', motherId, child?.id ?? null),
    );
    expect(wrongPerson.message).toBe(
      'That consent was given by someone else. Choose the consent this person gave. Nothing was saved.',
    );
    await withdrawReferralConsent('child', null, 'Withdrawn at the review.');
    const withdrawn = await h.refuse('consents.record', mapConsent('child', null, child?.id ?? null));
    expect(withdrawn.message).toBe(
      'That consent is no longer given: ask them again and record their answer. Nothing was saved.',
    );
    const future = await h.refuse(
      'consents.record',
      consentRecord(caseId, 'child', null, { purpose: 'hub-referral', givenOn: '2026-11-21' }),
    );
    expect(future.problems?.[0]?.path).toBe('givenOn');
    // Found in a review: a day before the child was born, and how or when for a refusal, were kept.
    const beforeBirth = await h.refuse(
      'consents.record',
      consentRecord(caseId, 'child', null, { purpose: 'hub-referral', givenOn: '1900-01-01' }),
    );
    expect(beforeBirth).toMatchObject({
      message: 'Consent cannot have been given before the child was born: check the date. Nothing was saved.',
      problems: [{ path: 'givenOn', message: 'is before the child’s date of birth' }],
    });
    const refusedWithHow = await h.refuse(
      'consents.record',
      consentRecord(caseId, 'child', null, {
        purpose: 'hub-referral',
        status: 'refused',
        reason: 'Did not want it shared',
        method: 'phone',
      }),
    );
    expect(refusedWithHow).toMatchObject({
      message:
        'How and when consent was given are recorded only for a consent that was given. Nothing was saved.',
      problems: [{ path: 'method', message: 'is only for a consent given' }],
    });
    expect((await h.call('map.get', { caseId })).consents.length).toBe(before + 1);
  });
});
