import { describe, expect, it } from 'vitest';
import {
  type EvidenceRule,
  type RecordedFacts,
  recordingEvidence,
} from '#domain/pathway/recording-evidence.ts';
import { BUILT_IN_PROFILES } from '#domain/profiles/built-in/index.ts';

// Issue 17: every recording requirement of every built-in profile gets a true verdict. The table names
// the rule each must meet; a requirement added to a profile without a row here fails, so none falls to
// the generic "check it by hand" fallback unnoticed.

const NOTHING: RecordedFacts = {
  hub: 'CYJS HSB Hub',
  plans: [],
  consultations: [],
  assessments: [],
  category: null,
};
const EVERYTHING: RecordedFacts = {
  hub: 'CYJS HSB Hub',
  plans: [
    'safety-plan',
    'diversion-plan',
    'direct-work-plan',
    'multi-professional-meeting',
    'mase-nomination',
    'mase-feedback',
  ].map((kind) => ({ kind, dated: '2026-11-20' })),
  consultations: [
    { requestedAt: '2026-11-02T09:00:00.000Z', declined: true, heldAt: null },
    { requestedAt: '2026-11-04T09:00:00.000Z', declined: false, heldAt: '2026-11-05T09:30:00.000Z' },
  ],
  assessments: [
    {
      decidedAt: '2026-11-10T10:00:00.000Z',
      reasons: 'Problematic behaviour',
      notified: 'SQR service e-mailed on 10/11/2026',
      sessionDays: ['2026-11-24', '2026-11-17'],
    },
  ],
  category: { label: 'Category 2', agreedAt: '2026-11-03T12:00:00.000Z' },
};

type Row = { rule: EvidenceRule; nothing: string; everything: string };
const EXPECTED: Record<string, Record<string, Row>> = {
  blackpool: {
    'aim-decision-reasons': { rule: 'aim-reasons', nothing: 'missing', everything: 'recorded' },
  },
  'england-generic': {},
  hounslow: {
    'risk-category-outcome': { rule: 'risk-category', nothing: 'missing', everything: 'recorded' },
  },
  islington: {
    'safety-plans': { rule: 'plans', nothing: 'missing', everything: 'recorded' },
    'consultation-rationale': { rule: 'consultation-outcome', nothing: 'missing', everything: 'recorded' },
    'multi-professional-meetings': { rule: 'plans', nothing: 'missing', everything: 'recorded' },
    'diversion-plans': { rule: 'plans', nothing: 'missing', everything: 'recorded' },
    'intervention-plans': { rule: 'plans', nothing: 'missing', everything: 'recorded' },
    'mase-records': { rule: 'plans', nothing: 'missing', everything: 'recorded' },
  },
  lancashire: {
    'consultation-request-recorded': {
      rule: 'other-system',
      nothing: 'not-tracked',
      everything: 'not-tracked',
    },
    'decline-rationale': { rule: 'decline', nothing: 'not-needed', everything: 'not-tracked' },
    'consultation-outcome': { rule: 'consultation-outcome', nothing: 'missing', everything: 'recorded' },
    'aim-appointments': { rule: 'aim-sessions', nothing: 'missing', everything: 'recorded' },
  },
};

describe('the recording checklist of every built-in profile', () => {
  it('has a row for every profile and every requirement, and nothing else', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(BUILT_IN_PROFILES.map((p) => p.id).sort());
    for (const p of BUILT_IN_PROFILES)
      expect(Object.keys(EXPECTED[p.id] ?? {}).sort(), p.id).toEqual(
        p.recordingRequirements.map((r) => r.id).sort(),
      );
  });

  const rows = BUILT_IN_PROFILES.flatMap((p) => p.recordingRequirements.map((r) => [p.id, r.id, r] as const));
  it.each(rows)('%s: %s is matched by its own rule, never the fallback', (profileId, id, requirement) => {
    const row = EXPECTED[profileId]?.[id];
    const empty = recordingEvidence(requirement, NOTHING);
    const full = recordingEvidence(requirement, EVERYTHING);
    expect(empty.rule).toBe(row?.rule);
    expect(empty.rule).not.toBe('fallback');
    expect(empty.state).toBe(row?.nothing);
    expect(full.state).toBe(row?.everything);
  });

  it('never says "Recorded here" for a requirement that names another system', () => {
    for (const p of BUILT_IN_PROFILES)
      for (const r of p.recordingRequirements)
        if (/\bLCS\b|case management system|case note|liquidlogic|mosaic/i.test(r.label))
          expect(recordingEvidence(r, EVERYTHING).state, `${p.id} ${r.id}`).not.toBe('recorded');
  });
});

describe('the two lines issue 17 found wrong (Lancashire)', () => {
  const lancashire = BUILT_IN_PROFILES.find((p) => p.id === 'lancashire');
  const requirement = (id: string) => {
    const r = lancashire?.recordingRequirements.find((x) => x.id === id);
    if (!r) throw new Error(`no requirement ${id}`);
    return r;
  };

  it('AIM appointments are the assessment’s sessions, with their count and dates', () => {
    expect(recordingEvidence(requirement('aim-appointments'), EVERYTHING)).toEqual({
      rule: 'aim-sessions',
      state: 'recorded',
      detail: '2 sessions recorded with the AIM assessment: 17/11/2026, 24/11/2026.',
    });
    const noSessions = {
      ...EVERYTHING,
      assessments: [{ ...EVERYTHING.assessments[0], sessionDays: [] }],
    } as RecordedFacts;
    expect(recordingEvidence(requirement('aim-appointments'), noSessions)).toMatchObject({
      state: 'missing',
      detail: 'No session is recorded with the AIM assessment yet.',
    });
  });

  it('the consultation request "recorded on LCS" is never recorded here, even with a request on the case', () => {
    expect(recordingEvidence(requirement('consultation-request-recorded'), EVERYTHING)).toEqual({
      rule: 'other-system',
      state: 'not-tracked',
      detail: 'Record this on LCS: the workbench cannot see it.',
    });
  });

  it('a declined request’s case note is for the case management system', () => {
    expect(recordingEvidence(requirement('decline-rationale'), EVERYTHING).detail).toBe(
      'Record this on the case management system (case note): the workbench cannot see it. The decline rationale for 1 request is on the consultation record here.',
    );
  });
});

describe('Blackpool: the reasons with the notification to the SQR service', () => {
  const requirement = BUILT_IN_PROFILES.find((p) => p.id === 'blackpool')?.recordingRequirements[0] ?? {
    id: '',
    label: '',
  };
  it('is recorded when the assessment holds both, and says which is missing otherwise', () => {
    expect(recordingEvidence(requirement, EVERYTHING).detail).toBe(
      'The reasons and the notification (SQR service e-mailed on 10/11/2026) are recorded with the AIM assessment decided on 10/11/2026.',
    );
    const unnotified = {
      ...EVERYTHING,
      assessments: EVERYTHING.assessments.map((a) => ({ ...a, notified: '' })),
    };
    expect(recordingEvidence(requirement, unnotified)).toMatchObject({
      state: 'missing',
      detail:
        'The reasons are recorded with the AIM assessment decided on 10/11/2026, but not the notification: record how and when it was sent.',
    });
  });
});

describe('other systems named by an imported profile', () => {
  it.each([
    ['Strategy meeting minutes uploaded to Mosaic', 'Mosaic'],
    ['Referral recorded on Liquidlogic', 'Liquidlogic'],
    ['Safety plan recorded on the case management system', 'the case management system'],
  ])('%s → Record this on %s', (label, system) => {
    expect(recordingEvidence({ id: 'x', label }, EVERYTHING)).toMatchObject({
      state: 'not-tracked',
      detail: `Record this on ${system}: the workbench cannot see it.`,
    });
  });

  it('something the workbench cannot see at all falls to the fallback, said plainly', () => {
    expect(
      recordingEvidence({ id: 'x', label: 'Parents told of the outcome in writing' }, EVERYTHING),
    ).toEqual({
      rule: 'fallback',
      state: 'not-tracked',
      detail: 'The workbench does not record this: check it by hand.',
    });
  });
});
