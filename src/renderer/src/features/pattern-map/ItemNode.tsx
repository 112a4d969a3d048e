import { Handle, type NodeProps, type NodeTypes, Position } from '@xyflow/react';
import { createContext, memo, useContext } from 'react';
import type { ItemNode } from './projection.ts';
import { useMapStore } from './store.ts';

/** The zoom below which items show only their date. */
export const DETAIL_ZOOM = 0.5;

/**
 * Semantic zoom: below DETAIL_ZOOM the words are too small to read, so an item shows its date alone, in
 * larger type (and panning a large map has far less text to draw). Provided once by the canvas, so the
 * items do not each watch the zoom on every frame.
 */
export const DetailContext = createContext(true);

/** One item on the map: its date, what happened, where the information came from, and for incidents
 * the category and Brook colour (in words as well as colour). */
const ItemNodeView = memo(function ItemNodeView({ id, data }: NodeProps<ItemNode>) {
  const selected = useMapStore((s) => s.selectedId === id);
  const detailed = useContext(DetailContext);
  if (!detailed) {
    return (
      <div
        className={`pm-node pm-node--compact pm-node--${data.kind}${selected ? ' pm-node--selected' : ''}${
          data.approximate ? ' pm-node--approximate' : ''
        }`}
      >
        {/* No handles drawn: links still attach where the node's declared handles are (projection.ts),
            and joining two items by dragging needs the detailed view anyway. */}
        {data.dateLabel}
      </div>
    );
  }
  // Three lines: the date (a dashed edge when approximate), then what happened, wrapping to the
  // card; an incident gives its last line to its category and Brook colour (a life event's lane is the
  // band it sits in). The agency and the full text are in the details, one click or focus away.
  const facts = [data.category, data.brook.replace(/^Brook /, '')].filter(Boolean).join(' · ') || data.agency;
  return (
    <div
      className={`pm-node pm-node--${data.kind}${selected ? ' pm-node--selected' : ''}${
        data.kind === 'incident' ? ` pm-node--${data.swatch}` : ''
      }${data.approximate ? ' pm-node--approximate' : ''}`}
    >
      <Handle type="target" position={Position.Left} className="pm-handle" />
      <p className="pm-node__date">{data.dateLabel}</p>
      <p className="pm-node__what">{data.what}</p>
      {data.kind === 'incident' ? (
        <p className="pm-node__category">
          {data.swatch !== 'none' ? <span className={`pm-swatch pm-swatch--${data.swatch}`} /> : null}
          {facts}
        </p>
      ) : null}
      <Handle type="source" position={Position.Right} className="pm-handle" />
    </div>
  );
});

/** Registered once, outside any render, so React Flow never sees a new node type object. */
export const nodeTypes: NodeTypes = { item: ItemNodeView };
