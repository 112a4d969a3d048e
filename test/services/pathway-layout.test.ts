import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CALL_NAMES } from '#contract/calls.ts';
import { pathwayCalls } from '#contract/pathway-calls.ts';
import { pathwayHandlers } from '#services/pathway/handlers.ts';

// The HSB pathway is built once at every layer: one contract module, one handler map, and in the
// window one form for each write.

const PATHWAY_PREFIXES = ['pathway.', 'consultations.', 'plans.'];
const pathwayNames = () => CALL_NAMES.filter((n) => PATHWAY_PREFIXES.some((p) => n.startsWith(p))).sort();
const RENDERER = join(import.meta.dirname, '../../src/renderer/src');

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** The renderer files that send this call. */
function sendersOf(name: string): string[] {
  return sourceFiles(RENDERER)
    .filter((file) => readFileSync(file, 'utf8').includes(`call('${name}'`))
    .map((file) => relative(RENDERER, file));
}

describe('the HSB pathway, built once', () => {
  it('declares every pathway call in the pathway contract module', () => {
    expect(pathwayNames().filter((n) => !Object.hasOwn(pathwayCalls, n))).toEqual([]);
    expect(Object.keys(pathwayCalls).sort()).toEqual(pathwayNames());
  });

  it('answers every pathway call from the pathway handler map', () => {
    expect(Object.keys(pathwayHandlers).sort()).toEqual(pathwayNames());
  });

  it('sends each pathway write from one form only', () => {
    expect(sendersOf('pathway.recordCategory')).toEqual(['features/pathway/useCategoryForm.ts']);
    expect(sendersOf('pathway.recordEvent')).toEqual(['features/pathway/useStepForm.ts']);
    expect(sendersOf('pathway.recordConcern')).toEqual(['features/pathway/useConcernForm.ts']);
    expect(sendersOf('pathway.recordStrategyMeeting')).toEqual(['features/pathway/useMeetingForm.ts']);
  });

  it('keeps the renderer’s pathway code in one folder', () => {
    const folders = readdirSync(join(RENDERER, 'features'));
    expect(folders.filter((f) => f.includes('pathway'))).toEqual(['pathway']);
  });
});
