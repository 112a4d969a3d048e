import type { FieldProblem } from '../contract/errors.ts';

// One bounded walk over a request as it arrives (structured clone can deliver anything it can copy):
// it refuses, as soon as a budget is spent, huge or sparse arrays, too many values, too much nesting,
// too much text, values that are not plain data, forbidden field names and text that is not
// well-formed UTF-16. Nothing else looks at the request before this walk has passed it.

/** Requests larger than this (roughly as JSON) are refused before they are parsed. */
export const MAX_REQUEST_BYTES = 256 * 1024;
/** No call takes a list longer than this; a sparse array's length is its cost, so it is checked first. */
export const MAX_ARRAY_LENGTH = 10_000;
/** Values of every kind (objects, arrays, strings, numbers…) in one request. */
export const MAX_NODES = 100_000;
/** Objects and arrays inside one another. */
export const MAX_DEPTH = 20;

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export type WalkRefusal =
  | { kind: 'too-large' }
  | { kind: 'too-complex'; path: string }
  | { kind: 'not-plain'; path: string }
  | { kind: 'forbidden-key'; path: string }
  | { kind: 'broken-text'; path: string };

const showKey = (key: string) => (key.isWellFormed() ? key : key.toWellFormed());
const child = (path: string, key: string) => (path ? `${path}.${showKey(key)}` : showKey(key));
const item = (path: string, index: number) => `${path}[${index}]`;

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Walks the request once, within the budgets; null when it may go on to be parsed. */
export function walkRequest(request: unknown, maxBytes = MAX_REQUEST_BYTES): WalkRefusal | null {
  let nodes = 0;
  let bytes = 0;
  const visit = (value: unknown, path: string, depth: number): WalkRefusal | null => {
    nodes += 1;
    if (nodes > MAX_NODES) return { kind: 'too-complex', path: path || '(request)' };
    switch (typeof value) {
      case 'string':
        bytes += value.length + 2;
        if (bytes > maxBytes) return { kind: 'too-large' };
        return value.isWellFormed() ? null : { kind: 'broken-text', path: path || '(request)' };
      case 'number':
      case 'boolean':
      case 'undefined':
        bytes += 8;
        return bytes > maxBytes ? { kind: 'too-large' } : null;
      case 'object':
        break;
      default:
        // functions, symbols and big integers are never part of a request
        return { kind: 'not-plain', path: path || '(request)' };
    }
    if (value === null) {
      bytes += 4;
      return bytes > maxBytes ? { kind: 'too-large' } : null;
    }
    if (depth >= MAX_DEPTH) return { kind: 'too-complex', path: path || '(request)' };
    if (Array.isArray(value)) {
      if (Object.getPrototypeOf(value) !== Array.prototype) return { kind: 'not-plain', path };
      const length = value.length;
      if (length > MAX_ARRAY_LENGTH) return { kind: 'too-complex', path: path || '(request)' };
      // An array carries nothing but its items ('length' is its one other own key).
      const keys = Reflect.ownKeys(value);
      if (keys.length > length + 1) {
        const extra = keys.find(
          (k) => k !== 'length' && !(typeof k === 'string' && /^(0|[1-9]\d*)$/.test(k)),
        );
        return { kind: 'forbidden-key', path: child(path, String(extra)) };
      }
      bytes += 2 + length;
      if (bytes > maxBytes) return { kind: 'too-large' };
      for (let i = 0; i < length; i += 1) {
        const found = visit(value[i], item(path, i), depth + 1);
        if (found) return found;
      }
      return null;
    }
    if (!isPlainObject(value)) return { kind: 'not-plain', path: path || '(request)' };
    const keys = Reflect.ownKeys(value);
    if (nodes + keys.length > MAX_NODES) return { kind: 'too-complex', path: path || '(request)' };
    bytes += 2;
    for (const key of keys) {
      if (typeof key !== 'string') return { kind: 'forbidden-key', path: child(path, String(key)) };
      const here = child(path, key);
      if (FORBIDDEN_KEYS.has(key)) return { kind: 'forbidden-key', path: here };
      if (!key.isWellFormed()) return { kind: 'broken-text', path: here };
      bytes += key.length + 4;
      if (bytes > maxBytes) return { kind: 'too-large' };
      const descriptor = Reflect.getOwnPropertyDescriptor(value, key);
      // Only data properties: a getter would run code of the sender's choosing on every read.
      if (!descriptor || !('value' in descriptor)) return { kind: 'not-plain', path: here };
      const found = visit(descriptor.value, here, depth + 1);
      if (found) return found;
    }
    return null;
  };
  return visit(request, '', 0);
}

/** The plain message and field problems for a refusal. */
export function describeRefusal(refusal: WalkRefusal): { message: string; problems?: FieldProblem[] } {
  if (refusal.kind === 'too-large')
    return { message: 'The request is too large. Shorten the text and try again.' };
  const [message, problem] = REFUSALS[refusal.kind];
  return { message, problems: [{ path: refusal.path, message: problem }] };
}

/** For each refusal at a path: the message, and the problem at that path. */
const REFUSALS: Record<Exclude<WalkRefusal['kind'], 'too-large'>, [string, string]> = {
  'too-complex': [
    'The request has too many items or is nested too deeply to be read. Nothing was saved: reload the workbench and try again.',
    'has too many items or is nested too deeply',
  ],
  'not-plain': [
    'The request contains a value of a kind the workbench does not accept. Nothing was saved: reload the workbench and try again.',
    'is not plain text, a number, a list or a set of fields',
  ],
  'forbidden-key': ['The request contains a field name that is not allowed.', 'is not an allowed field name'],
  'broken-text': [
    'Some text contains a broken character (half of a character pair), so nothing was saved. Retype the text in the field named and try again.',
    'contains a broken character',
  ],
};
