import { randomInt } from 'node:crypto';

/**
 * Random choices a failing test can replay: a small seeded generator (mulberry32) whose seed is taken
 * from an environment variable when set, or chosen at random and printed, so that any failure can be
 * run again with the same delays (`CRASH_SEED=1234 npx vitest run test/store/crash.test.ts`).
 */
export interface SeededRandom {
  readonly seed: number;
  /** How to replay this run, for failure messages. */
  readonly replay: string;
  /** A number in [0, 1). */
  next(): number;
  /** A whole number in [0, below). */
  below(below: number): number;
}

/** The mulberry32 generator: 32 bits of state, full period, plenty for choosing kill delays. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Reads the seed from `envName` (a whole number from 0 to 4294967295) or picks one, and prints it. */
export function seededRandom(
  envName: string,
  env: Record<string, string | undefined> = process.env,
  log: (line: string) => void = console.log,
): SeededRandom {
  const given = env[envName];
  let seed: number;
  if (given === undefined || given === '') {
    seed = randomInt(0, 2 ** 32 - 1);
  } else {
    seed = Number(given);
    if (!/^\d+$/.test(given.trim()) || !Number.isSafeInteger(seed) || seed > 0xffffffff) {
      throw new Error(`${envName} must be a whole number from 0 to 4294967295, not “${given}”.`);
    }
  }
  const replay = `${envName}=${seed}`;
  log(`random seed ${seed}: replay with ${replay}`);
  const next = mulberry32(seed);
  return { seed, replay, next, below: (below) => Math.floor(next() * below) };
}
