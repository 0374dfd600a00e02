import { Background, Controls, ReactFlow, getViewportForBounds, useReactFlow, useStore } from '@xyflow/react';
import type { Viewport } from '@xyflow/react';
import type { NodeMouseHandler } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import type { RefObject } from 'react';
import type { LineageNodeId, LineageView, ViewNode } from '../../../domain/lineage';
import type { LayoutDirection } from '../../../domain/lineage-layout';
import { useDarkMode } from '../../../ui/use-dark-mode';
import { useLineageLayout } from '../hooks/use-lineage-layout';
import { nodeSize } from '../node-sizes';
import { LineageEdges } from './lineage-edges';
import { LineageMinimap } from './lineage-minimap';
import { nodeTypes } from './lineage-nodes';
import type { LineageFlowNode, NodeDecoration } from './lineage-nodes';

type LineageCanvasProps = {
  view: LineageView;
  direction: LayoutDirection;
  decorate: (node: ViewNode) => NodeDecoration;
  pathEdges: ReadonlySet<string>;
  onSelect: (id: LineageNodeId) => void;
  /** A small canvas (version tab): no minimap. */
  compact?: boolean;
  /** Changes when the graph's scope does (focus, depths): the view is fitted again. */
  fitKey?: string;
  /** A node that must stay on screen when the canvas shrinks (a side panel opens). */
  keepVisible?: string | null;
};

const fitViewOptions = { padding: 0.15, maxZoom: 1.2 };
const MIN_ZOOM = 0.05;
const proOptions = { hideAttribution: true };

/**
 * React Flow over a laid-out view; suspends while the layout worker works. React Flow holds the
 * nodes (only visible ones rendered in big views); edges and minimap are our own static layers
 * (lineage-edges.tsx, lineage-minimap.tsx), so panning and zooming render nothing per node or edge.
 */
export function LineageCanvas({ view, direction, decorate, pathEdges, onSelect, compact = false, fitKey = '', keepVisible = null }: LineageCanvasProps) {
  const layout = useLineageLayout(view, direction);
  const nodes = useMemo(
    () =>
      view.nodes.map((node): LineageFlowNode => {
        const position = layout.positions[node.id] ?? { x: 0, y: 0 };
        const data = decorate(node);
        // sizes given up front, and no handles (edges are ours): React Flow then never mounts a
        // node just to measure it, so expanding 2,000 runs mounts only the visible few
        const common = { id: node.id, position, ...nodeSize(node), handles: [], draggable: false, connectable: false };
        if (node.kind === 'version') return { ...common, type: 'version', data: { ...data, node } };
        if (node.kind === 'run') return { ...common, type: 'run', data: { ...data, node } };
        return { ...common, type: 'cluster', data: { ...data, node } };
      }),
    [view, layout, decorate],
  );
  const onNodeClick = useCallback<NodeMouseHandler<LineageFlowNode>>((_event, node) => onSelect(node.id), [onSelect]);
  const dark = useDarkMode();
  // A move with an event is the user's (a programmatic one has none); a click on a node starts
  // and ends one too, without moving, so only a changed viewport counts.
  const userMovedRef = useRef(false);
  const moveStartRef = useRef<Viewport | null>(null);
  const onMoveStart = useCallback((event: MouseEvent | TouchEvent | null, viewport: Viewport) => {
    moveStartRef.current = event ? viewport : null;
  }, []);
  const onMoveEnd = useCallback((event: MouseEvent | TouchEvent | null, viewport: Viewport) => {
    const start = moveStartRef.current;
    if (event && start && (start.x !== viewport.x || start.y !== viewport.y || start.zoom !== viewport.zoom)) userMovedRef.current = true;
  }, []);
  return (
    <ReactFlow<LineageFlowNode>
      colorMode={dark ? 'dark' : 'light'}
      nodes={nodes}
      nodeTypes={nodeTypes}
      onNodeClick={onNodeClick}
      onMoveStart={onMoveStart}
      onMoveEnd={onMoveEnd}
      nodesDraggable={false}
      nodesConnectable={false}
      fitView
      fitViewOptions={fitViewOptions}
      minZoom={MIN_ZOOM}
      onlyRenderVisibleElements={nodes.length > 200}
      proOptions={proOptions}
    >
      <LineageEdges edges={view.edges} routes={layout.routes} direction={direction} pathEdges={pathEdges} />
      <Background gap={24} />
      <Controls showInteractive={false} />
      <ViewportKeeper nodes={nodes} fitKey={fitKey} keepVisible={keepVisible} userMovedRef={userMovedRef} />
      {!compact && <LineageMinimap nodes={nodes} />}
    </ReactFlow>
  );
}

/**
 * Re-fits when the scope changes or the pane is resized (a side panel opens) while the user has
 * not moved the view; once they have, a resize only pans as far as needed to keep `keepVisible`
 * on screen.
 */
function ViewportKeeper({ nodes, fitKey, keepVisible, userMovedRef }: { nodes: readonly LineageFlowNode[]; fitKey: string; keepVisible: string | null; userMovedRef: RefObject<boolean> }) {
  const flow = useReactFlow<LineageFlowNode>();
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  const fitted = useRef({ fitKey, width, height });
  useEffect(() => {
    if (nodes.length === 0 || width === 0 || height === 0) return;
    const last = fitted.current;
    const scopeChanged = last.fitKey !== fitKey;
    const resized = last.width !== width || last.height !== height;
    fitted.current = { fitKey, width, height };
    // the first fit is React Flow's own (the fitView prop)
    if (last.width === 0 || (!scopeChanged && !resized)) return;
    if (scopeChanged || !userMovedRef.current) {
      userMovedRef.current = false;
      void flow.setViewport(fittedViewport(nodes, width, height));
      return;
    }
    const node = keepVisible === null ? undefined : flow.getNode(keepVisible);
    if (node) void flow.setViewport(panToShow(node, flow.getViewport(), width, height));
  }, [flow, nodes, fitKey, keepVisible, userMovedRef, width, height]);
  return null;
}

/** The viewport that shows every node (from our own positions and sizes: React Flow's fitView waits for nodes it measures, and ours are never measured). */
function fittedViewport(nodes: readonly LineageFlowNode[], width: number, height: number): Viewport {
  const left = Math.min(...nodes.map((n) => n.position.x));
  const top = Math.min(...nodes.map((n) => n.position.y));
  const right = Math.max(...nodes.map((n) => n.position.x + (n.width ?? 0)));
  const bottom = Math.max(...nodes.map((n) => n.position.y + (n.height ?? 0)));
  return getViewportForBounds({ x: left, y: top, width: right - left, height: bottom - top }, width, height, MIN_ZOOM, fitViewOptions.maxZoom, fitViewOptions.padding);
}

/** The same zoom, panned just enough for the node to be inside the pane. */
function panToShow(node: LineageFlowNode, viewport: Viewport, width: number, height: number): Viewport {
  const { zoom } = viewport;
  const margin = 16;
  const left = node.position.x * zoom + viewport.x;
  const top = node.position.y * zoom + viewport.y;
  const right = left + (node.width ?? 0) * zoom;
  const bottom = top + (node.height ?? 0) * zoom;
  const dx = right > width - margin ? width - margin - right : left < margin ? margin - left : 0;
  const dy = bottom > height - margin ? height - margin - bottom : top < margin ? margin - top : 0;
  return { x: viewport.x + dx, y: viewport.y + dy, zoom };
}
