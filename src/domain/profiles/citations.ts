/**
 * Citations a practitioner can read. The built-in profiles name their source documents by title; a
 * citation written before that (a stored deadline, an older profile version or an imported file) may
 * still name a source file, so every place that shows or exports a citation reads it through here.
 */
import type { Citation } from './schema.ts';

/** The source procedures by title (the file names are the workbench's own, never shown). */
export const SOURCE_TITLES = {
  hounslow: 'Hounslow HSB Referral Pathway and Workflow Guidance',
  workFlow: 'London HSB Work-Flow matrix',
  islington: 'Islington procedure: Safeguarding Children who Display HSB',
  lancashire: 'Lancashire Joint Working Protocol',
  blackpool: 'Blackpool Sexually Harmful Behaviour Pathway',
} as const;

const BY_FILE: Record<string, string> = {
  '000_1f98c99db1fbe142.txt': SOURCE_TITLES.hounslow,
  '001_9104b579aad9ca79.txt': SOURCE_TITLES.workFlow,
  '002_4b9374963bf5d862.txt': SOURCE_TITLES.islington,
  '003_7c39ffc82d4d8dc9.txt': SOURCE_TITLES.lancashire,
  '004_e4046258e00532ea.txt': SOURCE_TITLES.blackpool,
};

/** How a source file is named: three digits, an underscore, and ".txt". Never shown to a practitioner. */
export const SOURCE_FILE_NAME = /\d{3}_[^ ]*\.txt/g;

const readable = (text: string) =>
  text.replace(SOURCE_FILE_NAME, (name) => BY_FILE[name] ?? 'the source procedure');

/** The citation with any source file name replaced by the document's title. */
export function readableCitation(citation: Citation): Citation {
  return { source: readable(citation.source), section: readable(citation.section) };
}

/** "Lancashire Joint Working Protocol, step 8: …": the one way a citation is written out. */
export function citationText(citation: Citation): string {
  const c = readableCitation(citation);
  return `${c.source}, ${c.section}`;
}

const isCitation = (v: unknown): v is Citation =>
  typeof v === 'object' &&
  v !== null &&
  !Array.isArray(v) &&
  Object.keys(v).length === 2 &&
  typeof (v as Citation).source === 'string' &&
  typeof (v as Citation).section === 'string';

/** A copy of a profile (or any part of one) with every citation in it made readable. */
export function readableCitations<T>(value: T): T {
  if (isCitation(value)) return readableCitation(value) as T;
  if (Array.isArray(value)) return value.map((v) => readableCitations(v)) as T;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, readableCitations(v)])) as T;
  }
  return value;
}
