import { describe, expect, it } from 'vitest';
import { requireAssessment } from '#services/assessments/view.ts';
import { buildReportContent } from '#services/report/report-content.ts';
import { aimAssessment } from '../support/case-steps.ts';
import { seededWorkbenchEachTest } from '../support/each-test.ts';
import { auditRows, tableFingerprint } from '../support/store-dump.ts';
import { type Harness, openCaseFor, signInAs, type Team } from '../support/workbench.ts';

// Issue 14: items both co-assessors rated the same are agreed in one step, naming the items.

let h: Harness;
let team: Team;
seededWorkbenchEachTest({ start: new Date('2026-05-06T09:00:00+01:00') }, (w) => ({ h, team } = w));

const DOMAIN = 'sexual-behaviours';

/** Three items in one domain, rated by Sam and Yas ("some", "some"; "clear", "clear"; "some", "clear"), both finished. */
async function ratedByBoth() {
  const hsbCase = await openCaseFor(h, team, { name: 'Riley Assessed', dateOfBirth: '2013-03-14' });
  const a = await h.call(
    'assessments.start',
    aimAssessment(hsbCase.id, team, {
      reasons: 'Concerning sexual behaviour towards a younger child at school.',
      decisionAt: '2026-05-05T10:00:00+01:00',
      referralDate: '2026-05-01',
      lastBehaviourDate: '2026-04-20',
    }),
  );
  await signInAs(h, 'sam.sw');
  for (const label of ['Use of coercion', 'Secrecy', 'Age gap'])
    await h.call('assessments.addItem', { assessmentId: a.id, domainId: DOMAIN, kind: 'concern', label });
  const items = (await h.call('assessments.get', { id: a.id })).domains[0]?.items ?? [];
  const ids = Object.fromEntries(items.map((i) => [i.label, i.id])) as Record<string, string>;
  const ratings: Record<string, [string, string]> = {
    'Use of coercion': ['some', 'some'],
    Secrecy: ['clear', 'clear'],
    'Age gap': ['some', 'clear'],
  };
  for (const [who, at] of [
    ['sam.sw', 0],
    ['yas.yos', 1],
  ] as const) {
    await signInAs(h, who);
    for (const [label, pair] of Object.entries(ratings))
      await h.call('assessments.rate', {
        itemId: ids[label] as string,
        rating: pair[at],
        evidence: 'School report',
        source: 'School DSL',
      });
    await h.call('assessments.finishDomain', { assessmentId: a.id, domainId: DOMAIN });
  }
  return { a, ids };
}

const db = () => h.wb.db();

describe('agreeing identical ratings in one step', () => {
  it('records the agreed position for each named item in one call and one audit entry naming them', async () => {
    // Fails before the change: the call does not exist (each item needed a proposal and a confirmation).
    const { a, ids } = await ratedByBoth();
    const before = auditRows(db()).rows.length;
    const view = await h.call('assessments.agreeMatchingRatings', {
      assessmentId: a.id,
      domainId: DOMAIN,
      itemIds: [ids['Use of coercion'] as string, ids.Secrecy as string],
    });
    const byLabel = new Map(view.domains[0]?.items.map((i) => [i.label, i]));
    expect(byLabel.get('Use of coercion')).toMatchObject({
      state: 'agreed',
      agreed: { rating: 'some', confirmedByName: 'Yas Youth Justice' },
    });
    expect(byLabel.get('Secrecy')?.state).toBe('agreed');
    expect(byLabel.get('Secrecy')?.agreed?.rationale).toContain('each rated this');
    // The differing item still waits for a proposal and a confirmation.
    expect(byLabel.get('Age gap')).toMatchObject({ state: 'differ', agreed: null });
    // The Word report names the one person who recorded it once, not "agreed by X and X".
    const report = buildReportContent(db(), requireAssessment(db(), a.id));
    const inReport = report.owned.domains
      .find((d) => d.name === 'Sexual behaviours')
      ?.items.find((i) => i.label === 'Secrecy')?.agreed;
    expect(inReport?.agreedByIds).toEqual([team.yos.id]);
    const added = auditRows(db()).rows.slice(before);
    expect(added).toHaveLength(1);
    expect(added[0]?.action).toBe('assessment.agree-matching');
    expect(added[0]?.summary).toBe(
      `agreed 2 items in Sexual behaviours as both assessors rated them: item ${ids['Use of coercion']} (Some evidence); item ${ids.Secrecy} (Clear evidence)`,
    );
  });

  it('refuses plainly and saves nothing if any named item’s ratings differ or it is already agreed', async () => {
    // Fails before the change: there was no one-step agreement to refuse.
    const { a, ids } = await ratedByBoth();
    const fingerprint = tableFingerprint(db());
    const differ = await h.refuse('assessments.agreeMatchingRatings', {
      assessmentId: a.id,
      domainId: DOMAIN,
      itemIds: [ids['Use of coercion'], ids['Age gap']],
    });
    expect(differ.message).toBe(
      '“Age gap” cannot be agreed as you both rated it: the two ratings differ: propose an agreed position for it instead. Nothing was saved.',
    );
    expect(tableFingerprint(db())).toBe(fingerprint);

    await h.call('assessments.agreeMatchingRatings', {
      assessmentId: a.id,
      domainId: DOMAIN,
      itemIds: [ids.Secrecy as string],
    });
    const after = tableFingerprint(db());
    const again = await h.refuse('assessments.agreeMatchingRatings', {
      assessmentId: a.id,
      domainId: DOMAIN,
      itemIds: [ids['Use of coercion'], ids.Secrecy],
    });
    expect(again.message).toMatch(/“Secrecy” cannot be agreed .*already recorded\. Nothing was saved\./);
    expect(tableFingerprint(db())).toBe(after);
  });

  it('refuses someone who is not a co-assessor, and a domain not finished by both', async () => {
    const { a, ids } = await ratedByBoth();
    const request = { assessmentId: a.id, domainId: DOMAIN, itemIds: [ids.Secrecy as string] };
    await signInAs(h, 'admin');
    const fingerprint = tableFingerprint(db());
    expect((await h.refuse('assessments.agreeMatchingRatings', request)).code).toBe('forbidden');
    expect(tableFingerprint(db())).toBe(fingerprint);

    // A second domain Sam has finished and Yas has not.
    await signInAs(h, 'sam.sw');
    const football = { domainId: 'developmental', kind: 'strength', label: 'Football' } as const;
    let view = await h.call('assessments.addItem', { assessmentId: a.id, ...football });
    const itemId = view.domains.find((d) => d.id === 'developmental')?.items[0]?.id as string;
    await h.call('assessments.rate', { itemId, rating: 'clear', evidence: 'x', source: 'x' });
    view = await h.call('assessments.finishDomain', { assessmentId: a.id, domainId: 'developmental' });
    const unfinished = await h.refuse('assessments.agreeMatchingRatings', {
      assessmentId: a.id,
      domainId: 'developmental',
      itemIds: [itemId],
    });
    expect(unfinished.message).toBe(
      'Both assessors must finish their independent ratings of this domain before agreeing a position.',
    );
    const now = tableFingerprint(db());
    await h.refuse('assessments.agreeMatchingRatings', {
      assessmentId: a.id,
      domainId: 'developmental',
      itemIds: [itemId],
    });
    expect(tableFingerprint(db())).toBe(now);
  });
});
