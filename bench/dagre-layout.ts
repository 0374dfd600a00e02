/**
 * dagre, the layout the app's own layered layout (src/domain/lineage-layout.ts) replaced: kept
 * here, out of the shipped layout worker, as the bench's baseline. With `fixedRanks` our ranks
 * are handed to it (ranker 'none'); without, it runs its default network-simplex ranker
 * ("plain dagre").
 */
import dagre from '@dagrejs/dagre';
import { NODE_GAP, RANK_GAP, computeRanks } from '../src/domain/lineage-layout';
import type { LayoutInput, LayoutResult } from '../src/domain/lineage-layout';

export function layoutWithDagre(
  input: LayoutInput,
  { fixedRanks }: { fixedRanks: boolean },
  ranks: Map<string, number> = fixedRanks ? computeRanks(input.nodes, input.edges) : new Map<string, number>(),
): LayoutResult {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: input.direction, nodesep: NODE_GAP, ranksep: RANK_GAP, ranker: fixedRanks ? 'none' : 'network-simplex' });
  g.setDefaultEdgeLabel(() => ({}));
  // dagre doubles edge lengths internally (room for labels), so fixed ranks are doubled too
  for (const n of input.nodes) g.setNode(n.id, fixedRanks ? { width: n.width, height: n.height, rank: 2 * (ranks.get(n.id) ?? 0) } : { width: n.width, height: n.height });
  for (const e of input.edges) if (e.source !== e.target && g.hasNode(e.source) && g.hasNode(e.target)) g.setEdge(e.source, e.target);
  dagre.layout(g);
  const routes = input.edges.map((e) => {
    if (e.source === e.target || !g.hasNode(e.source) || !g.hasNode(e.target)) return [];
    const points = (g.edge(e.source, e.target) as { points?: { x: number; y: number }[] } | undefined)?.points ?? [];
    return points.flatMap((p) => [p.x, p.y]);
  });
  const positions: Record<string, { x: number; y: number }> = {};
  let width = 0;
  let height = 0;
  for (const n of input.nodes) {
    const placed = g.node(n.id) as { x: number; y: number };
    const x = placed.x - n.width / 2;
    const y = placed.y - n.height / 2;
    positions[n.id] = { x, y };
    width = Math.max(width, x + n.width);
    height = Math.max(height, y + n.height);
  }
  return { positions, routes, width, height };
}

