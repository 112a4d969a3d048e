// How one field of one record merges edits from many machines, so that no acknowledged edit is lost.
//
// Every edit names the time of the value it replaced, as its author saw it (`replaces`). An edit
// that replaced the current value supersedes it. Two edits that replaced the same value, or where
// neither author had seen the other's, are concurrent: both are kept, the later is shown and the
// other is kept as a conflict version for a person to resolve, and the resolution is itself an edit
// that replaces both. The state is a function of the *set* of edits, not of the order they arrive in,
// so every replica that holds the same edits shows the same thing (convergence), and applying an edit
// twice changes nothing (idempotence).

import { compareHlc } from './hlc.ts';

/** A stored value; bytes (a map picture) travel as base64. */
export type FieldValue = string | number | boolean | null | { base64: string };

export interface FieldEdit {
  /** Hybrid-logical-clock time of this edit (unique per edit). */
  at: string;
  /** Times of the versions this edit replaced, as its author saw them: none for a first value. */
  replaces: string[];
  value: FieldValue;
  /** Who made it (team member id), for the conflict view. */
  by: string;
}

export interface FieldState {
  /** The edits no other edit has replaced, latest first: one normally, more when there is a conflict. */
  current: FieldEdit[];
  /** Times of every edit that has been replaced, so an old edit arriving late stays replaced. */
  replaced: string[];
}

export const EMPTY_FIELD: FieldState = { current: [], replaced: [] };

const byTimeDescending = (a: FieldEdit, b: FieldEdit) => compareHlc(b.at, a.at);

/**
 * Applies one edit; returns the same object when it changes nothing. An edit that arrives after a
 * later one replaced it still counts for what *it* replaced, so the order of arrival never matters.
 */
export function applyEdit(state: FieldState, edit: FieldEdit): FieldState {
  const newlyReplaced = [...new Set(edit.replaces)].filter((t) => !state.replaced.includes(t));
  const isNew = !state.replaced.includes(edit.at) && !state.current.some((e) => e.at === edit.at);
  if (!isNew && newlyReplaced.length === 0) return state;
  const replaced = [...state.replaced, ...newlyReplaced].sort(compareHlc);
  const current = (isNew ? [...state.current, edit] : state.current)
    .filter((e) => !replaced.includes(e.at))
    .sort(byTimeDescending);
  return { current, replaced };
}

/** The value shown: the latest of the current versions (undefined for a field never set). */
export const shownValue = (state: FieldState): FieldValue | undefined => state.current[0]?.value;

/** Concurrent versions to resolve, other than the one shown. Versions with equal values are not a conflict. */
export function conflictVersions(state: FieldState): FieldEdit[] {
  const [shown, ...others] = state.current;
  if (!shown) return [];
  return others.filter((e) => JSON.stringify(e.value) !== JSON.stringify(shown.value));
}

/** The `replaces` list for a new local edit: everything currently shown, so it resolves any conflict. */
export const replacesFor = (state: FieldState): string[] => state.current.map((e) => e.at);
