/**
 * The anonymised view of a map: each person on the case is shown by their role or initials instead of
 * their name, in every text on the map's face. Harmed people are always shown by their reference.
 */

export interface PersonOnMap {
  id: string;
  /** Full name as recorded (may be empty for a harmed person known only by reference). */
  name: string;
  /** What the anonymised view shows, e.g. "Mother", "Child B (peer, 9)", "J.S.". */
  anonymisedLabel: string;
}

export function initialsOf(name: string): string {
  const parts = name
    .trim()
    .split(/[\s-]+/)
    .filter(Boolean);
  return parts.length ? `${parts.map((p) => p[0]?.toUpperCase()).join('.')}.` : '';
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Replaces each person's full name, and then each name part of three letters or more, with their
 * anonymised label. Longer names are replaced first so "Jamie Smith" wins over "Jamie".
 */
export function anonymiseText(text: string, people: readonly PersonOnMap[]): string {
  const replacements: [string, string][] = [];
  for (const person of people) {
    const name = person.name.trim();
    if (!name) continue;
    replacements.push([name, person.anonymisedLabel]);
    for (const part of name.split(/\s+/))
      if (part.length >= 3) replacements.push([part, person.anonymisedLabel]);
  }
  replacements.sort((a, b) => b[0].length - a[0].length);
  let out = text;
  for (const [from, to] of replacements) {
    out = out.replace(new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(from)}(?![\\p{L}\\p{N}])`, 'giu'), to);
  }
  return out;
}
