import { describe, expect, it } from 'vitest';
import { mulberry32, seededRandom } from './seeded-random.ts';

describe('the seeded random delays of the crash tests', () => {
  it('replays the same delays from the seed given in the environment, and prints how', () => {
    const lines: string[] = [];
    const first = seededRandom('CRASH_SEED', { CRASH_SEED: '1234' }, (l) => lines.push(l));
    const again = seededRandom('CRASH_SEED', { CRASH_SEED: '1234' }, (l) => lines.push(l));
    const delays = Array.from({ length: 50 }, () => first.below(40));
    expect(Array.from({ length: 50 }, () => again.below(40))).toEqual(delays);
    expect(first.replay).toBe('CRASH_SEED=1234');
    expect(lines).toEqual([
      'random seed 1234: replay with CRASH_SEED=1234',
      'random seed 1234: replay with CRASH_SEED=1234',
    ]);
    // The delays spread over the whole range rather than sticking to one value.
    expect(new Set(delays).size).toBeGreaterThan(20);
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...delays)).toBeLessThan(40);
  });

  it('picks and prints a seed when none is given; that seed replays the run', () => {
    const lines: string[] = [];
    const chosen = seededRandom('AUTOSAVE_SEED', {}, (l) => lines.push(l));
    expect(lines).toEqual([`random seed ${chosen.seed}: replay with AUTOSAVE_SEED=${chosen.seed}`]);
    const replayed = seededRandom('AUTOSAVE_SEED', { AUTOSAVE_SEED: String(chosen.seed) }, () => {});
    const a = Array.from({ length: 20 }, () => chosen.next());
    expect(Array.from({ length: 20 }, () => replayed.next())).toEqual(a);
  });

  it('gives different sequences for different seeds (mulberry32 reference values)', () => {
    // The output of the published reference implementation (bryc’s JavaScript mulberry32) for seed 0.
    const zero = mulberry32(0);
    expect(Array.from({ length: 3 }, () => Math.floor(zero() * 2 ** 32))).toEqual([
      1144304738, 1416247, 958946056,
    ]);
    const one = mulberry32(1);
    expect(one()).not.toBe(mulberry32(0)());
  });

  it('refuses a seed that is not a whole number, rather than silently picking another', () => {
    for (const bad of ['12ab', '-1', '1.5', '4294967296'])
      expect(() => seededRandom('CRASH_SEED', { CRASH_SEED: bad }, () => {})).toThrow(
        /CRASH_SEED must be a whole number from 0 to 4294967295/,
      );
  });
});
