import { Background, Controls, MarkerType, MiniMap, ReactFlow } from '@xyflow/react';
import { useDarkMode } from '../../../ui/use-dark-mode';
import type { Edge } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useMemo } from 'react';
import type { LineageNodeId, LineageView, ViewNode } from '../../../domain/lineage';
import type { LayoutDirection } from '../../../domain/lineage-layout';
import { useLineageLayout } from '../hooks/use-lineage-layout';
import { nodeSize } from '../node-sizes';
import { nodeTypes } from './lineage-nodes';
import type { LineageFlowNode, NodeDecoration } from './lineage-nodes';

type LineageCanvasProps = {
  view: LineageView;
  direction: LayoutDirection;
  decorate: (node: ViewNode) => Omit<NodeDecoration, 'direction'>;
  pathEdges: ReadonlySet<string>;
  onSelect: (id: LineageNodeId) => void;
  /** A small canvas (version tab): no minimap. */
  compact?: boolean;
};

const minimapColours: Record<string, string> = { version: '#7dd3fc', run: '#c4b5fd', cluster: '#94a3b8' };

function minimapColour(node: { type?: string | undefined }): string {
  return minimapColours[node.type ?? ''] ?? '#cbd5e1';
}

/** React Flow over a laid-out view; suspends while the layout worker works. */
export function LineageCanvas({ view, direction, decorate, pathEdges, onSelect, compact = false }: LineageCanvasProps) {
  const layout = useLineageLayout(view, direction);
  const nodes = useMemo(
    () =>
      view.nodes.map((node): LineageFlowNode => {
        const position = layout.positions[node.id] ?? { x: 0, y: 0 };
        const data = { ...decorate(node), direction };
        // sizes given up front: the minimap and visible-only rendering need them before measuring
        const common = { id: node.id, position, ...nodeSize(node), draggable: false, connectable: false };
        if (node.kind === 'version') return { ...common, type: 'version', data: { ...data, node } };
        if (node.kind === 'run') return { ...common, type: 'run', data: { ...data, node } };
        return { ...common, type: 'cluster', data: { ...data, node } };
      }),
    [view, layout, decorate, direction],
  );
  const edges = useMemo(
    () =>
      view.edges.map((e): Edge => {
        const onPath = pathEdges.has(e.id);
        return {
          id: e.id,
          source: e.source,
          target: e.target,
          animated: onPath,
          markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16 },
          style: onPath ? { stroke: '#d946ef', strokeWidth: 2.5 } : { stroke: '#94a3b8', strokeWidth: 1.5 },
        };
      }),
    [view, pathEdges],
  );
  const dark = useDarkMode();
  return (
    <ReactFlow<LineageFlowNode>
      colorMode={dark ? 'dark' : 'light'}
      nodes={nodes}
      edges={edges}
      nodeTypes={nodeTypes}
      onNodeClick={(_event, node) => onSelect(node.id)}
      nodesDraggable={false}
      nodesConnectable={false}
      fitView
      fitViewOptions={{ padding: 0.15, maxZoom: 1.2 }}
      minZoom={0.05}
      onlyRenderVisibleElements={nodes.length > 200}
      proOptions={{ hideAttribution: true }}
    >
      <Background gap={24} />
      <Controls showInteractive={false} />
      {!compact && <MiniMap pannable zoomable ariaLabel="Lineage minimap" nodeColor={minimapColour} nodeStrokeWidth={0} />}
    </ReactFlow>
  );
}
