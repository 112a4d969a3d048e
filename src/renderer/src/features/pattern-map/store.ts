import { applyNodeChanges, type NodeChange, type NodePositionChange } from '@xyflow/react';
import { createContext, useContext } from 'react';
import { createStore, type StoreApi, useStore } from 'zustand';
import type { PatternMap } from '#contract/pattern-map-schemas.ts';
import type { ScaleMode } from '#domain/pattern-map/time-scale.ts';
import type { MapView } from './labels.ts';
import { type ItemNode, type MapFilters, NO_FILTERS, type Projection, project } from './projection.ts';

// One store per open map: the chronology as loaded, the view and filters chosen, the projection
// React Flow draws, and the selected item in a field of its own (never folded into the nodes, so
// selecting an item re-renders two nodes, not two thousand).

export interface Notice {
  kind: 'success' | 'problem';
  text: string;
}

export interface MapState {
  map: PatternMap;
  view: MapView;
  filters: MapFilters;
  /** Compressed (each item gets room, long empty periods cut short) or strictly proportional. */
  scaleMode: ScaleMode;
  projection: Projection;
  /** The nodes as drawn: the projection's, except while one is being dragged. */
  nodes: ItemNode[];
  selectedId: string | null;
  notice: Notice | null;

  setMap: (map: PatternMap) => void;
  setView: (view: MapView) => void;
  setFilters: (filters: MapFilters) => void;
  setScaleMode: (mode: ScaleMode) => void;
  select: (id: string | null) => void;
  onNodesChange: (changes: NodeChange<ItemNode>[]) => void;
  /** Puts dragged nodes back where the chronology places them. */
  settle: () => void;
  say: (notice: Notice | null) => void;
}

export type MapStore = StoreApi<MapState>;

export function createMapStore(map: PatternMap, view: MapView = 'named'): MapStore {
  const projection = project(map, view, NO_FILTERS);
  return createStore<MapState>()((set, get) => {
    const reproject = (next: Partial<Pick<MapState, 'map' | 'view' | 'filters' | 'scaleMode'>>) => {
      const { map: m, view: v, filters: f, scaleMode } = { ...get(), ...next };
      const projection = project(m, v, f, scaleMode);
      set({ ...next, projection, nodes: projection.nodes });
    };
    return {
      map,
      view,
      filters: NO_FILTERS,
      scaleMode: 'compressed',
      projection,
      nodes: projection.nodes,
      selectedId: null,
      notice: null,
      setMap: (next) => {
        const { selectedId } = get();
        reproject({ map: next });
        if (selectedId && !next.items.some((i) => i.id === selectedId)) set({ selectedId: null });
      },
      setView: (next) => reproject({ view: next }),
      setFilters: (next) => reproject({ filters: next }),
      setScaleMode: (next) => reproject({ scaleMode: next }),
      select: (id) => set({ selectedId: id }),
      onNodesChange: (changes) => {
        const { projection, selectedId } = get();
        let selected = selectedId;
        const moves: NodePositionChange[] = [];
        for (const change of changes) {
          if (change.type === 'select' && change.selected) selected = change.id;
          // Dragging only changes the lane: the date (x) stays where the chronology puts it.
          if (change.type === 'position' && change.position) {
            const home = projection.home.get(change.id);
            moves.push({ ...change, position: { x: home?.x ?? change.position.x, y: change.position.y } });
          }
        }
        if (moves.length > 0) set({ nodes: applyNodeChanges(moves, get().nodes) as ItemNode[] });
        if (selected !== selectedId) set({ selectedId: selected });
      },
      settle: () => set({ nodes: get().projection.nodes }),
      say: (notice) => set({ notice }),
    };
  });
}

export const MapStoreContext = createContext<MapStore | null>(null);

export function useMapStoreApi(): MapStore {
  const store = useContext(MapStoreContext);
  if (!store) throw new Error('useMapStore outside a MapStoreContext');
  return store;
}

/** Read the map store; wrap selectors that build objects in `useShallow`. */
export function useMapStore<T>(selector: (state: MapState) => T): T {
  return useStore(useMapStoreApi(), selector);
}
