import '@xyflow/react/dist/style.css';
import {
  type Connection,
  ControlButton,
  Controls,
  type OnNodeDrag,
  ReactFlow,
  ReactFlowProvider,
  useStore as useFlowStore,
  useReactFlow,
  useStoreApi,
  ViewportPortal,
} from '@xyflow/react';
import { type KeyboardEvent, useCallback, useEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { DETAIL_ZOOM, DetailContext, nodeTypes } from './ItemNode.tsx';
import { edgeTypes } from './LinkEdge.tsx';
import { INCIDENT_LANE } from './labels.ts';
import { AXIS_HEIGHT, LANE_LABEL_WIDTH, LaneLabels, MapBackdrop, TimeAxis } from './MapOverlays.tsx';
import { Overview } from './Overview.tsx';
import { type ItemNode, laneAt, NODE_HEIGHT, NODE_WIDTH, READABLE_ZOOM } from './projection.ts';
import { useMapStore, useMapStoreApi } from './store.ts';

// React Flow's own words, in ours (British English, what each control does for this map).
const ARIA_LABELS = {
  'node.a11yDescription.default':
    'Press Enter or Space to open this item’s details beside the map. The chronology table lists every item.',
  'node.a11yDescription.keyboardDisabled':
    'Press Enter or Space to open this item’s details beside the map. The chronology table lists every item.',
  'edge.a11yDescription.default': 'A link between two items.',
  'controls.ariaLabel': 'Map controls',
  'controls.zoomIn.ariaLabel': 'Zoom in',
  'controls.zoomOut.ariaLabel': 'Zoom out',
  'controls.fitView.ariaLabel': 'Fit the whole map in view',
  'controls.interactive.ariaLabel': 'Lock or unlock the map',
  'minimap.ariaLabel': 'Overview of the whole map',
  'handle.ariaLabel': 'Drag to another item to link them',
};

/** The fit never shrinks items past legibility (12 px text): a map too big opens at its start instead. */
const MIN_FIT_ZOOM = READABLE_ZOOM;
const NO_KEY = null;
const PRO_OPTIONS = { hideAttribution: true };

interface Props {
  /** The label of the region holding the map, for screen readers. */
  label: string;
  className?: string;
  /** The largest zoom "fit" uses: larger in meeting mode, on a shared screen. */
  maxFitZoom?: number;
  /** A life event was dropped in another lane. */
  onMove: (itemId: string, lane: string) => void;
  /** Two items were joined by dragging between their handles: offer the link form for them. */
  onConnectItems: (fromId: string, toId: string) => void;
}

/** The map: React Flow draws the projection in the store; dragging an item moves it between lanes. */
export function MapCanvas(props: Props) {
  return (
    <ReactFlowProvider>
      <Canvas {...props} />
    </ReactFlowProvider>
  );
}

function Canvas({ label, className, maxFitZoom = 1, onMove, onConnectItems }: Props) {
  const store = useMapStoreApi();
  const { nodes, edges, onNodesChange } = useMapStore(
    useShallow((s) => ({
      nodes: s.nodes,
      edges: s.projection.edges,
      onNodesChange: s.onNodesChange,
    })),
  );

  // A first guess at the fit from the window's size, so the first frame is already (nearly) right.
  const [defaultViewport] = useState(() =>
    fitViewport(
      store.getState().projection,
      Math.min(window.innerWidth - 60, 1800),
      window.innerHeight - 20,
      maxFitZoom,
    ),
  );
  const section = useRef<HTMLElement>(null);
  const fitToScreen = useFitMap(maxFitZoom);
  // The fit button also brings the whole map onto the screen.
  const fitMap = useCallback(() => {
    section.current?.scrollIntoView?.({ block: 'nearest' });
    fitToScreen();
  }, [fitToScreen]);
  const detailed = useFlowStore((s) => s.transform[2] >= DETAIL_ZOOM);
  useFollowSelection(fitToScreen);
  const onKeyDownCapture = useKeyboardSteps();

  const onNodeDragStop = useCallback<OnNodeDrag<ItemNode>>(
    (_event, node) => {
      const { projection, map, settle, say } = store.getState();
      const lane = laneAt(projection.lanes, node.position.y + NODE_HEIGHT / 2);
      const item = map.items.find((i) => i.id === node.id);
      settle();
      if (!lane || !item || lane.id === item.lane) return;
      if (lane.id === INCIDENT_LANE) {
        say({
          kind: 'problem',
          text: 'Only incidents of concerning sexual behaviour go in the child’s lane.',
        });
        return;
      }
      onMove(item.id, lane.id);
    },
    [store, onMove],
  );

  // An item that has the focus is selected, so its full text is in the details beside the map.
  const onFocus = useCallback(
    (event: { target: EventTarget }) => {
      const id = nodeIdOf(event.target);
      if (id && store.getState().selectedId !== id) store.getState().select(id);
    },
    [store],
  );

  const onNodeClick = useCallback(
    (_event: unknown, node: ItemNode) => store.getState().select(node.id),
    [store],
  );

  const onConnect = useCallback(
    (connection: Connection) => {
      if (connection.source && connection.target) onConnectItems(connection.source, connection.target);
    },
    [onConnectItems],
  );

  return (
    <section
      ref={section}
      onKeyDownCapture={onKeyDownCapture}
      onFocus={onFocus}
      className={`pm-canvas${className ? ` ${className}` : ''}`}
      aria-label={label}
    >
      <DetailContext.Provider value={detailed}>
        <ReactFlow<ItemNode>
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          onNodesChange={onNodesChange}
          onNodeDragStop={onNodeDragStop}
          onNodeClick={onNodeClick}
          onConnect={onConnect}
          onlyRenderVisibleElements
          defaultViewport={defaultViewport}
          minZoom={0.05}
          maxZoom={2.5}
          deleteKeyCode={NO_KEY}
          selectionKeyCode={NO_KEY}
          multiSelectionKeyCode={NO_KEY}
          edgesFocusable={false}
          edgesReconnectable={false}
          elevateEdgesOnSelect={false}
          ariaLabelConfig={ARIA_LABELS}
          // An offline app links nowhere: no attribution link to React Flow's website.
          proOptions={PRO_OPTIONS}
        >
          <ViewportPortal>
            <MapBackdrop />
          </ViewportPortal>
          <TimeAxis />
          <LaneLabels />
          <Controls showInteractive={false} showFitView={false} position="bottom-left">
            <ControlButton
              onClick={fitMap}
              aria-label="Fit the whole map in view"
              title="Fit the whole map in view"
            >
              <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false">
                <path d="M1 5V1h4v2H3v2zm10-4h4v4h-2V3h-2zM3 11v2h2v2H1v-4zm12 0v4h-4v-2h2v-2z" />
              </svg>
            </ControlButton>
          </Controls>
          <Overview />
        </ReactFlow>
      </DetailContext.Provider>
    </section>
  );
}

const nodeIdOf = (target: EventTarget | null): string | undefined =>
  target instanceof HTMLElement && target.classList.contains('react-flow__node')
    ? target.dataset.id
    : undefined;

const STEPS: Record<string, number> = {
  ArrowRight: 1,
  ArrowDown: 1,
  ArrowLeft: -1,
  ArrowUp: -1,
  Home: -Infinity,
  End: Infinity,
};

/**
 * The arrow keys move the focus from item to item in date order (Home and End to the first and last),
 * in place of React Flow's moving the item itself: an item's place on the map is its date and lane.
 */
function useKeyboardSteps() {
  const store = useMapStoreApi();
  return useCallback(
    (event: KeyboardEvent<HTMLElement>) => {
      const id = nodeIdOf(event.target);
      const step = STEPS[event.key];
      const section = event.currentTarget;
      if (!id || step === undefined) return;
      event.preventDefault();
      event.stopPropagation();
      const { items } = store.getState().projection;
      const here = items.findIndex((i) => i.id === id);
      const index = Math.max(0, Math.min(items.length - 1, Number.isFinite(step) ? here + step : step));
      const next = items[index];
      if (!next || next.id === id) return;
      store.getState().select(next.id);
      // The item is drawn once it is in view (the selection brings it there): then it takes the focus.
      let tries = 0;
      const focusWhenDrawn = () => {
        const element = section.querySelector<HTMLElement>(
          `.react-flow__node[data-id="${CSS.escape(next.id)}"]`,
        );
        if (element) element.focus();
        else if (tries++ < 20) requestAnimationFrame(focusWhenDrawn);
      };
      requestAnimationFrame(focusWhenDrawn);
    },
    [store],
  );
}

/**
 * Fits the whole map below the time axis and right of the lane names, top-left aligned. A map too long
 * to read at MIN_FIT_ZOOM opens at its start; the controls and the minimap reach the rest.
 */
function fitViewport(
  projection: { width: number; height: number },
  width: number,
  height: number,
  maxZoom: number,
) {
  const across = (width - LANE_LABEL_WIDTH - 24) / Math.max(projection.width, 1);
  const down = (height - AXIS_HEIGHT - 24) / Math.max(projection.height, 1);
  const zoom = Math.min(maxZoom, Math.max(MIN_FIT_ZOOM, Math.min(across, down)));
  return { x: LANE_LABEL_WIDTH + 12, y: AXIS_HEIGHT + 12, zoom };
}

function useFitMap(maxZoom: number) {
  const store = useMapStoreApi();
  const flow = useStoreApi();
  const { setViewport } = useReactFlow();
  return useCallback(() => {
    const { width, height } = flow.getState();
    if (!width || !height) return;
    void setViewport(fitViewport(store.getState().projection, width, height, maxZoom));
  }, [store, flow, setViewport, maxZoom]);
}

/**
 * Fits the map once it has a size and again when its first items appear, and keeps the selected item in
 * view (an item just added, or one chosen from the table).
 */
function useFollowSelection(fitMap: () => void) {
  const store = useMapStoreApi();
  const flow = useStoreApi();
  const { setCenter } = useReactFlow();
  const selectedId = useMapStore((s) => s.selectedId);
  const count = useMapStore((s) => s.projection.nodes.length);
  const sized = useFlowStore((s) => s.width > 0 && s.height > 0);
  const previousCount = useRef(count);

  useEffect(() => {
    if (sized) fitMap();
  }, [sized, fitMap]);

  useEffect(() => {
    if (previousCount.current === 0 && count > 0) fitMap();
    previousCount.current = count;
  }, [count, fitMap]);

  useEffect(() => {
    if (!selectedId) return;
    const home = store.getState().projection.home.get(selectedId);
    if (!home) return;
    const { transform, width, height } = flow.getState();
    const [tx, ty, zoom] = transform;
    const x = home.x * zoom + tx;
    const y = home.y * zoom + ty;
    const inView =
      x >= LANE_LABEL_WIDTH &&
      y >= AXIS_HEIGHT &&
      x + NODE_WIDTH * zoom <= width &&
      y + NODE_HEIGHT * zoom <= height;
    if (!inView)
      void setCenter(home.x + NODE_WIDTH / 2, home.y + NODE_HEIGHT / 2, { zoom: Math.max(zoom, 0.6) });
  }, [selectedId, store, flow, setCenter]);
}
