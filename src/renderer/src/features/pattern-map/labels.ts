import { LINK_KIND_LABELS, type MapLink, type PatternMap } from '#contract/pattern-map-schemas.ts';
import { anonymiseText, initialsOf } from '#domain/pattern-map/anonymise.ts';

// How the map's words read in the chosen view. The Word export does the same on the Node side
// (src/export/chronology-docx.ts); the renderer cannot import it, so the few rules are repeated here.

export type MapView = 'named' | 'anonymised';

export const VIEW_LABELS: Record<MapView, string> = {
  named: 'Named view',
  anonymised: 'Anonymised view',
};

/** The lane that holds the child's incidents (the services' INCIDENT_LANE). */
export const INCIDENT_LANE = 'incidents';
export const INCIDENT_LANE_LABEL = 'Child’s incidents';

export interface ViewWords {
  /** The child's name, or initials in the anonymised view. */
  child: string;
  /** Any text on the map's face, with names replaced in the anonymised view. */
  text: (s: string) => string;
  /** A person on the case as this view shows them; harmed people always by their reference. */
  person: (id: string) => string;
}

export function viewWords(map: Pick<PatternMap, 'childName' | 'people' | 'knownNames'>, view: MapView) {
  const initials = initialsOf(map.childName);
  const byId = new Map(map.people.map((p) => [p.id, p]));
  const words: ViewWords = {
    child: view === 'anonymised' ? initials : map.childName,
    // Every name the case knows, not only its people's (the service lists them: anonymise.ts).
    text: (s) => (view === 'anonymised' ? anonymiseText(s, map.knownNames) : s),
    person: (id) => {
      const p = byId.get(id);
      if (!p) return 'Unknown person';
      if (view === 'anonymised' || p.kind.startsWith('harmed-') || !p.name) return p.anonymisedLabel;
      return `${p.name} (${p.anonymisedLabel})`;
    },
  };
  return words;
}

export function laneLabel(map: Pick<PatternMap, 'lifeEventTypes'>, lane: string): string {
  if (lane === INCIDENT_LANE) return INCIDENT_LANE_LABEL;
  return map.lifeEventTypes.find((t) => t.id === lane)?.label ?? lane;
}

/** "Category 1 (Problematic)" for a numbered category, otherwise the profile's label ("Normal"). */
export function categoryText(map: Pick<PatternMap, 'categories'>, id: string): string {
  if (!id) return '';
  const label = map.categories.find((c) => c.id === id)?.label ?? id;
  return /^\d/.test(id) ? `Category ${id} (${label})` : label;
}

/** The short form an item on the map has room for: "Cat. 1" or "Normal". */
export function categoryShort(map: Pick<PatternMap, 'categories'>, id: string): string {
  if (!id) return '';
  return /^\d/.test(id) ? `Cat. ${id}` : (map.categories.find((c) => c.id === id)?.label ?? id);
}

export function brookText(map: Pick<PatternMap, 'brookColours'>, id: string): string {
  if (!id) return '';
  return `Brook ${map.brookColours.find((c) => c.id === id)?.label.toLowerCase() ?? id}`;
}

/** The CSS modifier for a Brook colour's swatch; the colour is always also written out in words. */
export function brookSwatch(id: string): 'green' | 'amber' | 'red' | 'none' {
  if (id === 'green') return 'green';
  if (id === 'amber' || id === 'orange') return 'amber';
  if (id === 'red') return 'red';
  return 'none';
}

export function linkText(link: Pick<MapLink, 'kind' | 'label'>): string {
  const kind = LINK_KIND_LABELS[link.kind];
  if (!link.label) return kind;
  return link.kind === 'other' ? link.label : `${kind}: ${link.label}`;
}

/** The first words of a text, for labels and accessible names. */
export function shorten(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}
