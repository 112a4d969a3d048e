import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lancashireProfile } from '#domain/profiles/index.ts';
import { type SeededWorkbench, seededWorkbenchEachTest } from '../../support/each-test.ts';
import { type Harness, openCaseFor, openTeamCase, type Team } from '../../support/workbench.ts';

// Issue 12, "Citations a practitioner can read": a practitioner sees "Lancashire Joint Working Protocol,
// step 8", never the file name a source procedure happens to be stored under, and each citation points
// at the document that really holds the rule.

const SOURCE_FILE = /\d{3}_[^ ]*\.txt/;

let folder: SeededWorkbench['folder'];
let h: Harness;
let team: Team;

seededWorkbenchEachTest({ start: new Date('2026-11-26T10:00:00Z') }, (w) => ({ folder, h, team } = w));

/** Every { source, section } pair anywhere in a value. */
function citations(value: unknown, out: { source: string; section: string }[] = []) {
  if (Array.isArray(value)) for (const v of value) citations(v, out);
  else if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.source === 'string' && typeof o.section === 'string')
      out.push({ source: o.source, section: o.section });
    for (const v of Object.values(o)) citations(v, out);
  }
  return out;
}

describe('citations a practitioner can read', () => {
  it('no built-in profile shows a source file name in any citation, and Lancashire reads "Lancashire Joint Working Protocol, step 8"', async () => {
    // Caught before: every built-in cited e.g. { source: "003_7c39ffc82d4d8dc9.txt", … }.
    const list = await h.call('profiles.list', {});
    expect(list.length).toBeGreaterThanOrEqual(5);
    for (const p of list) {
      const got = await h.call('profiles.get', { id: p.id, version: p.version });
      const all = citations(got.document);
      expect(all.length, p.id).toBeGreaterThan(0);
      for (const c of all) expect(`${c.source} ${c.section}`, p.id).not.toMatch(SOURCE_FILE);
    }
    const lancs = await h.call('profiles.get', { id: 'lancashire', version: lancashireProfile.version });
    const window = lancs.document.timescales.find((t) => t.id === 'aim-assessment-completed');
    expect(`${window?.citation.source}, ${window?.citation.section}`).toMatch(
      /^Lancashire Joint Working Protocol, step 8: /,
    );
  });

  it('the Hounslow Brook colour and tier rows cite the HSB work-flow matrix, not the referral pathway', async () => {
    // Caught before: the whole Hounslow matrix cited the Hounslow pathway (seed 000), which holds the
    // descriptors but no Brook colours or child-protection tiers; those are in the work-flow matrix (seed 001).
    const list = await h.call('profiles.list', {});
    const hounslow = list.find((p) => p.id === 'hounslow');
    const got = await h.call('profiles.get', { id: 'hounslow', version: hounslow?.version ?? 0 });
    for (const row of got.document.riskMatrix.rows) {
      expect(row.brookColour).toBeTruthy();
      expect(row.citation?.source, `category ${row.category}`).toBe('London HSB Work-Flow matrix');
      expect(row.citation?.section).toMatch(/Brook Traffic Light Tool and Child Protection Threshold/);
    }
    expect(got.document.riskMatrix.citation.source).toMatch(/^Hounslow/);
  });

  it('an exported profile and the deadlines of a case carry readable citations, even from a file that named a source file', async () => {
    // An administrator imports a local profile written before titles were used: its citations name the file.
    const local = structuredClone(lancashireProfile) as unknown as Record<string, unknown>;
    Object.assign(local, { id: 'lancashire-local', name: 'Lancashire (local)', version: 1 });
    const timescales = local.timescales as { citation: { source: string; section: string } }[];
    for (const t of timescales)
      t.citation = { source: '003_7c39ffc82d4d8dc9.txt', section: 'Joint Working Process, step 8' };
    await h.call('profiles.import', { text: JSON.stringify(local) });

    // Shown on the profile screen and exported as a file: the title, never the file name.
    const shown = await h.call('profiles.get', { id: 'lancashire-local', version: 1 });
    expect(shown.document.timescales[0]?.citation.source).toBe('Lancashire Joint Working Protocol');
    for (const [id, version] of [
      ['lancashire-local', 1],
      ['lancashire', lancashireProfile.version],
    ] as const) {
      h.host.saveFile = join(folder.path, `${id}.json`);
      await h.call('profiles.export', { id, version });
      const text = readFileSync(h.host.saveFile, 'utf8');
      expect(text).not.toMatch(SOURCE_FILE);
      expect(text).toContain('Lancashire Joint Working Protocol');
    }

    // A case under the local profile: the deadline started from it is shown with the title too.
    const opened = await openCaseFor(
      h,
      team,
      { name: 'Cit Ation', dateOfBirth: '2013-04-01' },
      { profileId: 'lancashire-local' },
    );
    const timeline = await h.call('pathway.recordEvent', {
      caseId: opened.id,
      event: 'first-meeting-with-child',
      occurredAt: '2026-11-26T09:00:00Z',
      note: '',
    });
    const d = timeline.deadlines[0];
    expect(d?.citation).toEqual({
      source: 'Lancashire Joint Working Protocol',
      section: 'Joint Working Process, step 8',
    });
    expect(JSON.stringify(timeline)).not.toMatch(SOURCE_FILE);
    // And the built-in case page (the seeded team's Lancashire case) likewise.
    const builtIn = await openTeamCase(h, team, { name: 'Bui Lt', dateOfBirth: '2013-04-01' });
    const t2 = await h.call('pathway.recordEvent', {
      caseId: builtIn,
      event: 'first-meeting-with-child',
      occurredAt: '2026-11-26T09:00:00Z',
      note: '',
    });
    expect(JSON.stringify(t2)).not.toMatch(SOURCE_FILE);
    expect(JSON.stringify(await h.call('pathway.summary', { caseId: builtIn }))).not.toMatch(SOURCE_FILE);
  });
});
