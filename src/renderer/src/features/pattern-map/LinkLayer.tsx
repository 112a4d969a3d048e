import { getBezierPath, Position } from '@xyflow/react';
import { memo, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { NODE_HEIGHT, NODE_WIDTH } from './projection.ts';
import { useMapStore } from './store.ts';

/**
 * The links between items, drawn in flow coordinates (through a ViewportPortal) in one SVG, a path per
 * link, not a separate SVG per link as React Flow's own edges are (in software, those were most of the
 * drawing in a frame of a pan). Each
 * label is HTML above the items, so an item never hides it, e.g. "Possible trigger".
 *
 * A link leaves the right side of the earlier item and enters the left side of the later one, where the
 * items' handles are (projection.ts), and follows an item while it is dragged between lanes.
 */
export const LinkLayer = memo(function LinkLayer() {
  const { nodes, edges } = useMapStore(useShallow((s) => ({ nodes: s.nodes, edges: s.projection.edges })));
  const drawn = useMemo(() => {
    const at = new Map(nodes.map((n) => [n.id, n.position]));
    const lines: { id: string; d: string }[] = [];
    const labels: { id: string; text: string; x: number; y: number }[] = [];
    for (const edge of edges) {
      const from = at.get(edge.source);
      const to = at.get(edge.target);
      if (!from || !to) continue;
      const targetX = to.x - HANDLE_REACH;
      const targetY = to.y + NODE_HEIGHT / 2;
      const [path, labelX, labelY] = getBezierPath({
        sourceX: from.x + NODE_WIDTH + HANDLE_REACH,
        sourceY: from.y + NODE_HEIGHT / 2,
        sourcePosition: Position.Right,
        targetX,
        targetY,
        targetPosition: Position.Left,
      });
      lines.push({
        id: edge.id,
        // The line, then an arrowhead (an open chevron: one stroked path per link, nothing filled).
        d: `${path}M${targetX - ARROW_LENGTH},${targetY - ARROW_HALF_WIDTH}L${targetX},${targetY}L${targetX - ARROW_LENGTH},${targetY + ARROW_HALF_WIDTH}`,
      });
      if (typeof edge.label === 'string' && edge.label)
        labels.push({ id: edge.id, text: edge.label, x: labelX, y: labelY });
    }
    return { lines, labels };
  }, [nodes, edges]);

  if (edges.length === 0) return null;
  return (
    <>
      <svg className="pm-links" aria-hidden="true" focusable="false">
        {drawn.lines.map((line) => (
          <path key={line.id} d={line.d} />
        ))}
      </svg>
      <div className="pm-link-labels">
        {drawn.labels.map((label) => (
          <div
            key={label.id}
            className="pm-edge-label"
            style={{ transform: `translate(-50%, -50%) translate(${label.x}px, ${label.y}px)` }}
          >
            {label.text}
          </div>
        ))}
      </div>
    </>
  );
});

/** How far outside the card a link starts and ends: the outer edge of the item's handle. */
const HANDLE_REACH = 4;
const ARROW_LENGTH = 9;
const ARROW_HALF_WIDTH = 6;
