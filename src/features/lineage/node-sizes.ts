import type { ViewNode } from '../../domain/lineage';

/** Fixed node sizes: the layout places boxes of exactly these sizes, so nodes never overlap. */
export const NODE_SIZES = {
  version: { width: 220, height: 64 },
  run: { width: 200, height: 60 },
  cluster: { width: 240, height: 92 },
} as const;

export function nodeSize(node: ViewNode): { width: number; height: number } {
  return NODE_SIZES[node.kind];
}
