import type { MapItem } from '#contract/pattern-map-schemas.ts';

/** What is being added or changed on the map: a new item of a kind, or an existing one. */
export type Editing = { kind: MapItem['kind']; item: MapItem | null } | null;

/** The two ways to add to the map, on the map page and in meeting mode alike. */
export function AddItemButtons({ onAdd }: { onAdd: (kind: MapItem['kind']) => void }) {
  return (
    <div className="button-group">
      <button type="button" className="button button--secondary" onClick={() => onAdd('life-event')}>
        Add a life event
      </button>
      <button type="button" className="button button--secondary" onClick={() => onAdd('incident')}>
        Add an incident
      </button>
    </div>
  );
}
