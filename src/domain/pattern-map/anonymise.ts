/**
 * The anonymised view of a map: every name the case knows is replaced, in every text on the map's face
 * and in every anonymised export — the people on the case (by their role or initials), the
 * professionals (workbench users, meeting chairs and attendees, officers), the child's school and area,
 * the places items happened, and any word a practitioner has marked as identifying. Harmed people are
 * always shown by their reference. Pure.
 */

export interface KnownName {
  /** As recorded (may be empty for a harmed person known only by reference). */
  name: string;
  /** What the anonymised view shows, e.g. "Mother", "Child B (peer, 9)", "J.S.", "[school]". */
  anonymisedLabel: string;
  /** Which parts of the name are replaced on their own too: none, every part of three letters or
   * more (a person's first name, surname), or only the last (a professional's surname). */
  parts: 'none' | 'all' | 'last';
}

/** A name to replace; without `parts`, every part of three letters or more is replaced too. */
export type PersonOnMap = Omit<KnownName, 'parts'> & { id?: string; parts?: KnownName['parts'] };

export function initialsOf(name: string): string {
  const parts = name
    .trim()
    .split(/[\s-]+/)
    .filter(Boolean);
  return parts.length ? `${parts.map((p) => p[0]?.toUpperCase()).join('.')}.` : '';
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Words too common to be replaced on their own when they are part of a name. */
const COMMON = new Set(
  'the and of for at on in to with from by mr mrs ms miss dr dc ds pc sgt insp high school primary academy college road street lane house park centre center'.split(
    ' ',
  ),
);

/**
 * Replaces each full name, and then each name part the name allows, with its anonymised label. Longer
 * names are replaced first so "Jamie Smith" wins over "Jamie".
 */
export function anonymiseText(text: string, names: readonly PersonOnMap[]): string {
  const replacements: [string, string][] = [];
  for (const known of names) {
    const name = known.name.trim();
    if (!name) continue;
    replacements.push([name, known.anonymisedLabel]);
    const parts = name.split(/\s+/).filter((p) => p.length >= 3 && !COMMON.has(p.toLowerCase()));
    const which = known.parts ?? 'all';
    const chosen = which === 'all' ? parts : which === 'last' ? parts.slice(-1) : [];
    for (const part of chosen) if (part !== name) replacements.push([part, known.anonymisedLabel]);
  }
  replacements.sort((a, b) => b[0].length - a[0].length);
  let out = text;
  for (const [from, to] of replacements) {
    out = out.replace(new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(from)}(?![\\p{L}\\p{N}])`, 'giu'), to);
  }
  return out;
}

export interface CaseNames {
  child: {
    name: string;
    preferredName: string;
    school: string;
    areaOfResidence: string;
    /** Issue 14: identifying too, so hidden like the school and area. */
    homeAddress: string;
    gpPractice: string;
    gpContact: string;
  };
  people: readonly { name: string; anonymisedLabel: string }[];
  /** Workbench users, meeting chairs and attendees, officers: by their role where it is known. */
  professionals: readonly { name: string; role: string }[];
  /** Where items happened, as recorded. */
  places: readonly string[];
  /** Words a practitioner marked as identifying, and what to show instead. */
  marked: readonly { word: string; shownAs: string }[];
}

/** The whole text, then each line and each comma-separated part of it, longest first. */
function linesOf(text: string): string[] {
  const parts = text.split(/[\n,]/).map((p) => p.trim());
  return [text.trim(), ...parts].filter((p) => p.length > 2);
}

/** Every name the case knows, with what the anonymised view shows instead. */
export function namesTheCaseKnows(c: CaseNames): KnownName[] {
  const initials = initialsOf(c.child.name);
  const out: KnownName[] = [
    { name: c.child.name, anonymisedLabel: initials, parts: 'all' },
    { name: c.child.preferredName, anonymisedLabel: initials, parts: 'all' },
    ...c.people.map((p) => ({ name: p.name, anonymisedLabel: p.anonymisedLabel, parts: 'all' as const })),
    ...c.professionals.map((p) => ({
      name: p.name,
      anonymisedLabel: p.role ? `[${p.role.toLowerCase()}]` : '[professional]',
      parts: 'last' as const,
    })),
    { name: c.child.school, anonymisedLabel: '[school]', parts: 'none' },
    { name: c.child.areaOfResidence, anonymisedLabel: '[area]', parts: 'none' },
    // An address or GP's details may run over lines: each line is hidden on its own too.
    ...linesOf(c.child.homeAddress).map((line) => ({
      name: line,
      anonymisedLabel: '[address]',
      parts: 'none' as const,
    })),
    { name: c.child.gpPractice, anonymisedLabel: '[GP practice]', parts: 'none' },
    ...linesOf(c.child.gpContact).map((line) => ({
      name: line,
      anonymisedLabel: '[GP]',
      parts: 'none' as const,
    })),
    ...c.places.map((place) => ({ name: place, anonymisedLabel: '[place]', parts: 'none' as const })),
    ...c.marked.map((m) => ({
      name: m.word,
      anonymisedLabel: m.shownAs || '[withheld]',
      parts: 'none' as const,
    })),
  ];
  const seen = new Set<string>();
  return out.filter((n) => {
    const key = n.name.trim().toLowerCase();
    if (!key || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
