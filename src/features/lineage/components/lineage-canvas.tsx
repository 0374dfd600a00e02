import { Background, Controls, ReactFlow, useReactFlow, useStore } from '@xyflow/react';
import type { NodeMouseHandler } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useCallback, useEffect, useMemo, useRef } from 'react';
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
  return (
    <ReactFlow<LineageFlowNode>
      colorMode={dark ? 'dark' : 'light'}
      nodes={nodes}
      nodeTypes={nodeTypes}
      onNodeClick={onNodeClick}
      nodesDraggable={false}
      nodesConnectable={false}
      fitView
      fitViewOptions={fitViewOptions}
      minZoom={0.05}
      onlyRenderVisibleElements={nodes.length > 200}
      proOptions={proOptions}
    >
      <LineageEdges edges={view.edges} routes={layout.routes} direction={direction} pathEdges={pathEdges} />
      <Background gap={24} />
      <Controls showInteractive={false} />
      <ViewportKeeper fitKey={fitKey} keepVisible={keepVisible} />
      {!compact && <LineageMinimap nodes={nodes} />}
    </ReactFlow>
  );
}

/** Re-fits when the scope changes, and brings `keepVisible` back into view when the pane shrinks. */
function ViewportKeeper({ fitKey, keepVisible }: { fitKey: string; keepVisible: string | null }) {
  const flow = useReactFlow<LineageFlowNode>();
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  const fitted = useRef(fitKey);
  useEffect(() => {
    // the first fit is React Flow's own (the fitView prop)
    if (fitted.current === fitKey) return;
    fitted.current = fitKey;
    void flow.fitView(fitViewOptions);
  }, [flow, fitKey]);
  useEffect(() => {
    if (keepVisible === null || width === 0 || height === 0) return;
    const node = flow.getNode(keepVisible);
    if (!node) return;
    const { x, y, zoom } = flow.getViewport();
    const w = (node.width ?? 0) * zoom;
    const h = (node.height ?? 0) * zoom;
    const left = node.position.x * zoom + x;
    const top = node.position.y * zoom + y;
    if (left >= 0 && top >= 0 && left + w <= width && top + h <= height) return;
    void flow.setCenter(node.position.x + w / zoom / 2, node.position.y + h / zoom / 2, { zoom });
  }, [flow, keepVisible, width, height]);
  return null;
}
