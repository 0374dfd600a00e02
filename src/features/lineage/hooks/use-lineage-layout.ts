import { use, useMemo } from 'react';
import { fnv1a32 } from '../../../domain/fnv1a';
import type { LineageView } from '../../../domain/lineage';
import type { LayoutDirection, LayoutInput, LayoutResult } from '../../../domain/lineage-layout';
import { createLayoutClient } from '../../../workers/layout-client';
import type { LayoutClient } from '../../../workers/layout-client';
import { nodeSize } from '../node-sizes';

let client: LayoutClient | null = null;

/** One layout worker for the app, created on first use (the lineage route is lazy). */
function layoutClient(): LayoutClient {
  client ??= createLayoutClient();
  return client;
}

/** The input of a view's layout and its cache key (what is shown, their sizes, the direction). */
export function layoutInputOf(view: LineageView, direction: LayoutDirection): { key: string; input: LayoutInput } {
  const nodes = view.nodes.map((n) => ({ id: n.id, ...nodeSize(n) }));
  const edges = view.edges.map((e) => ({ source: e.source, target: e.target }));
  const text = `${nodes.map((n) => `${n.id}:${n.width}x${n.height}`).join('|')}#${view.edges.map((e) => e.id).join('|')}`;
  return { key: `${direction}:${nodes.length}:${edges.length}:${fnv1a32(text).toString(36)}${fnv1a32(text, 0x9e3779b9).toString(36)}`, input: { nodes, edges, direction } };
}

/**
 * The layout of a view, computed in the layout worker and cached per view key. Suspends
 * while it is computed: render it under <Suspense> and pass a deferred view to keep the
 * previous graph on screen meanwhile.
 */
export function useLineageLayout(view: LineageView, direction: LayoutDirection): LayoutResult {
  const { key, input } = useMemo(() => layoutInputOf(view, direction), [view, direction]);
  return use(layoutClient().layout(key, input));
}
