import { BaseEdge, EdgeLabelRenderer, type EdgeProps, type EdgeTypes, getBezierPath } from '@xyflow/react';
import { memo } from 'react';
import type { LinkEdge } from './projection.ts';

/**
 * A link between two items, its label in HTML above the items (so an item never hides it, and the
 * exported image keeps it), e.g. "Possible trigger".
 */
const LinkEdgeView = memo(function LinkEdgeView(props: EdgeProps<LinkEdge>) {
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, label, markerEnd } = props;
  const [path, labelX, labelY] = getBezierPath({
    sourceX,
    sourceY,
    sourcePosition,
    targetX,
    targetY,
    targetPosition,
  });
  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} />
      {label ? (
        <EdgeLabelRenderer>
          <div
            className="pm-edge-label"
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
          >
            {label}
          </div>
        </EdgeLabelRenderer>
      ) : null}
    </>
  );
});

/** Registered once, outside any render. */
export const edgeTypes: EdgeTypes = { link: LinkEdgeView };
