import { z } from 'zod';
import type { Role } from './vocabulary.ts';

/**
 * Who may make a call: anyone (before sign-in), anyone signed in, or only holders of one of the roles.
 * The main process checks this on every call; the screens only follow it.
 */
export type Access = 'public' | 'signed-in' | readonly Role[];

export interface CallSpec<Req extends z.ZodType, Res extends z.ZodType> {
  access: Access;
  /** Whether the call changes the store (and so is audited and run in a transaction). */
  writes: boolean;
  request: Req;
  response: Res;
  /** A larger request ceiling for the few calls that carry a file (e.g. a map image); bytes of JSON. */
  maxRequestBytes?: number;
}

export const call = <Req extends z.ZodType, Res extends z.ZodType>(spec: CallSpec<Req, Res>) => spec;

export const empty = z.strictObject({});
export const nothing = z.null();
export const CASEWORK: readonly Role[] = ['practitioner', 'manager'];
export const ADMIN: readonly Role[] = ['administrator'];

/** A read-only call for practitioners and managers that asks for nothing: the person's own lists. */
export const caseworkRead = <Res extends z.ZodType>(response: Res) =>
  call({ access: CASEWORK, writes: false, request: empty, response });
