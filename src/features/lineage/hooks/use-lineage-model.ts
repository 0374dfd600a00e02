import { useQuery } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import {
  buildLineage,
  clusterView,
  extractSubgraph,
  lineageKinds,
  matchesFilter,
  pathBetween,
  upstreamDifference,
} from '../../../domain/lineage';
import type { LineageGraph, LineageNodeId, LineageView, UpstreamDifference, ViewNode, ViewPath } from '../../../domain/lineage';
import type { VersionId } from '../../../domain/types';
import { lineageQueries } from '../../../store/queries';
import { useStore } from '../../../store/store-context';
import type { LineageUrlState } from '../lineage-url';

const EMPTY_PATH: ViewPath = { nodes: new Set(), edges: new Set() };

export function useLineageGraph(project: string) {
  const store = useStore();
  const query = useQuery(lineageQueries.project(store, project));
  const graph = useMemo(() => (query.data ? buildLineage(query.data.versions, query.data.runs) : null), [query.data]);
  return { query, graph };
}

/** Ephemeral view state: clusters opened, members pulled out, the path and comparison chosen. */
export function useLineageInteractions() {
  const [expanded, setExpanded] = useState<ReadonlySet<LineageNodeId>>(new Set());
  const [pulledOut, setPulledOut] = useState<ReadonlySet<LineageNodeId>>(new Set());
  const [path, setPath] = useState<{ from: LineageNodeId; to: LineageNodeId | null } | null>(null);
  const [compare, setCompare] = useState<[VersionId, VersionId] | null>(null);
  const expandCluster = useCallback((id: LineageNodeId) => setExpanded((s) => new Set([...s, id])), []);
  const pullOut = useCallback((id: LineageNodeId) => setPulledOut((s) => new Set([...s, id])), []);
  const collapseAll = useCallback(() => {
    setExpanded(new Set());
    setPulledOut(new Set());
  }, []);
  return { expanded, pulledOut, expandCluster, pullOut, collapseAll, path, setPath, compare, setCompare };
}

export type LineageModel = {
  view: LineageView;
  kinds: { artifactTypes: string[]; jobTypes: string[] };
  decorate: (node: ViewNode) => { dimmed: boolean; onPath: boolean; changed: boolean; focused: boolean };
  path: ViewPath;
  difference: UpstreamDifference | null;
};

/** Everything the canvas shows, derived from the graph, the URL state and the interactions. */
export function useLineageModel(
  graph: LineageGraph,
  url: LineageUrlState,
  { expanded, pulledOut, path: pathEnds, compare }: ReturnType<typeof useLineageInteractions>,
): LineageModel {
  const focus = url.focus !== null && graph.nodes.has(url.focus) ? url.focus : null;
  const view = useMemo(() => {
    const visible = extractSubgraph(graph, { focus, up: url.up, down: url.down });
    return clusterView(graph, visible, { expanded, pulledOut, keep: new Set(focus === null ? [] : [focus]) });
  }, [graph, focus, url.up, url.down, expanded, pulledOut]);
  const kinds = useMemo(() => lineageKinds(graph), [graph]);
  const path = useMemo(() => {
    if (!pathEnds?.to) return EMPTY_PATH;
    const from = view.representative.get(pathEnds.from) ?? pathEnds.from;
    const to = view.representative.get(pathEnds.to) ?? pathEnds.to;
    return pathBetween(view, from, to);
  }, [view, pathEnds]);
  const difference = useMemo(() => {
    // a compared version deleted meanwhile ends the comparison
    if (!compare || !graph.nodes.has(compare[0]) || !graph.nodes.has(compare[1])) return null;
    return upstreamDifference(graph, compare[0], compare[1]);
  }, [graph, compare]);
  const { types, jobs } = url;
  const decorate = useCallback(
    (node: ViewNode) => {
      const filter = { artifactTypes: new Set(types), jobTypes: new Set(jobs) };
      const changed = difference
        ? node.kind === 'cluster'
          ? node.members.some((m) => difference.changed.has(m))
          : difference.changed.has(node.id)
        : false;
      return { dimmed: !matchesFilter(node, filter), onPath: path.nodes.has(node.id), changed, focused: node.id === focus };
    },
    [types, jobs, difference, path, focus],
  );
  return { view, kinds, decorate, path, difference };
}
