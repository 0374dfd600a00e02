import { ViewportPortal } from '@xyflow/react';
import { memo, useId, useMemo } from 'react';
import type { ViewEdge } from '../../../domain/lineage';
import type { LayoutDirection } from '../../../domain/lineage-layout';
import { routePath } from '../edge-path';

type LineageEdgesProps = {
  edges: readonly ViewEdge[];
  /** The layout's routes, in `edges` order. */
  routes: readonly (readonly number[])[];
  direction: LayoutDirection;
  pathEdges: ReadonlySet<string>;
};

const styles = {
  plain: { stroke: '#94a3b8', width: 1.5 },
  path: { stroke: '#d946ef', width: 2.5 },
} as const;

/**
 * Every edge of the view as one static SVG inside React Flow's viewport, drawn along the routes
 * the layout computed (round nodes, through the slots of skipped levels). Nothing here renders
 * while panning or zooming: React Flow's own edges re-render whenever the set of visible edges
 * changes, which with a 2,000-run fan was every frame. Stroke and arrowhead are set once per
 * group (markers are inherited), so an edge is one element with one attribute to set.
 */
export const LineageEdges = memo(function LineageEdges({ edges, routes, direction, pathEdges }: LineageEdgesProps) {
  const marker = useId().replace(/[^\w-]/g, '');
  const groups = useMemo(() => {
    const plain: { id: string; d: string }[] = [];
    const path: { id: string; d: string }[] = [];
    edges.forEach((e, i) => (pathEdges.has(e.id) ? path : plain).push({ id: e.id, d: routePath(routes[i] ?? [], direction) }));
    return { plain, path };
  }, [edges, routes, direction, pathEdges]);
  // a new view gets new groups: inserting thousands of keyed paths into an existing list costs
  // React a sibling search per path, appending a fresh group does not
  const generation = `${edges.length}:${edges[0]?.id ?? ''}:${edges[edges.length - 1]?.id ?? ''}:${direction}`;
  return (
    <ViewportPortal>
      <svg className="pointer-events-none absolute top-0 left-0 -z-10 overflow-visible" width={1} height={1} aria-hidden="true" data-testid="lineage-edges">
        <defs>
          {(['plain', 'path'] as const).map((kind) => (
            <marker key={kind} id={`${marker}-${kind}`} viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
              <path d="M0,0L10,5L0,10z" fill={styles[kind].stroke} />
            </marker>
          ))}
        </defs>
        {(['plain', 'path'] as const).map((kind) => (
          <g
            key={`${kind}|${generation}`}
            fill="none"
            stroke={styles[kind].stroke}
            strokeWidth={styles[kind].width}
            markerEnd={`url(#${marker}-${kind})`}
            data-on-path={kind === 'path' || undefined}
          >
            {groups[kind].map((e) => (
              <path key={e.id} d={e.d} data-testid={`lineage-edge-${e.id}`} />
            ))}
          </g>
        ))}
      </svg>
    </ViewportPortal>
  );
});
