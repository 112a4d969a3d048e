import { describe, expect, it } from 'vitest';
import { MAX_ARRAY_LENGTH, MAX_DEPTH, MAX_NODES, walkRequest } from '#services/request-walk.ts';

// The one walk every request gets before anything else reads it (the router tests cover it end to end).

const nested = (levels: number) => {
  let v: unknown = 'x';
  for (let i = 0; i < levels; i++) v = { a: v };
  return v;
};

describe('the request walk', () => {
  it('passes ordinary requests, including null-prototype objects, emoji and the deepest nesting allowed', () => {
    expect(walkRequest({ query: 'Robin 🦊', limit: 5, flags: [true, null, undefined] })).toBeNull();
    expect(walkRequest(Object.assign(Object.create(null), { a: 1 }))).toBeNull();
    expect(walkRequest(nested(MAX_DEPTH))).toBeNull();
    expect(
      walkRequest(
        Array.from({ length: MAX_ARRAY_LENGTH }, () => 1),
        10_000_000,
      ),
    ).toBeNull();
    expect(walkRequest(undefined)).toBeNull();
  });

  it('refuses one level too deep, one item too many, and one value over the budget', () => {
    expect(walkRequest(nested(MAX_DEPTH + 1))).toMatchObject({ kind: 'too-complex' });
    expect(walkRequest({ list: Array.from({ length: MAX_ARRAY_LENGTH + 1 }, () => 1) }, 10_000_000)).toEqual({
      kind: 'too-complex',
      path: 'list',
    });
    const wide = Array.from({ length: MAX_NODES / 10 }, () => Array.from({ length: 10 }, () => 0));
    expect(walkRequest(wide, 100_000_000)).toMatchObject({ kind: 'too-complex' });
    expect(walkRequest({ text: 'x'.repeat(100) }, 50)).toEqual({ kind: 'too-large' });
  });

  it('stops on a cycle that structured clone can deliver', () => {
    const cyclic: Record<string, unknown> = { name: 'a' };
    cyclic.self = cyclic;
    expect(walkRequest(cyclic)).toMatchObject({ kind: 'too-complex' });
  });

  it('refuses symbols, functions, big integers and getters, naming where', () => {
    expect(walkRequest({ [Symbol('s')]: 1 })).toEqual({ kind: 'forbidden-key', path: 'Symbol(s)' });
    expect(walkRequest({ a: () => 1 })).toEqual({ kind: 'not-plain', path: 'a' });
    expect(walkRequest({ a: [1n] })).toEqual({ kind: 'not-plain', path: 'a[0]' });
    let reads = 0;
    const withGetter = Object.defineProperty({}, 'name', {
      enumerable: true,
      get: () => {
        reads += 1;
        return 'x';
      },
    });
    expect(walkRequest(withGetter)).toEqual({ kind: 'not-plain', path: 'name' });
    expect(reads).toBe(0);
  });

  it('names a broken surrogate in a value or a key, at any depth', () => {
    expect(walkRequest({ a: [{ b: 'ok' }, { b: '\uDFFF' }] })).toEqual({
      kind: 'broken-text',
      path: 'a[1].b',
    });
    expect(walkRequest({ a: { 'k\uD83D': 1 } })).toEqual({ kind: 'broken-text', path: 'a.k\uFFFD' });
    expect(walkRequest('\uD83D')).toEqual({ kind: 'broken-text', path: '(request)' });
    expect(walkRequest({ ok: '\uD83D\uDE00' })).toBeNull();
  });
});
