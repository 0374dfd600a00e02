/**
 * The lineage graph: artifact versions and runs, edges input version → run → output version.
 * Pure functions over readonly data: build the graph, cut a depth-limited subgraph around a
 * focus, collapse busy levels into clusters, mark what changed upstream of two versions, and
 * find the path between two nodes. Layout lives in lineage-layout.ts.
 */
import { fnv1a32 } from './fnv1a';
import { AppError } from './errors';
import type { ArtifactId, ArtifactVersion, Run, RunId, RunState, VersionId } from './types';

/** A version's node id is its VersionId; a run's is `run:<runId>` (as in `?focus=`). */
export type LineageNodeId = string;

export interface VersionLineageNode {
  readonly kind: 'version';
  readonly id: LineageNodeId;
  readonly versionId: VersionId;
  readonly artifactId: ArtifactId;
  readonly artifactName: string;
  readonly type: string;
  readonly index: number;
  readonly aliases: readonly string[];
  readonly createdAt: number;
  readonly producedBy: RunId | null;
}

export interface RunLineageNode {
  readonly kind: 'run';
  readonly id: LineageNodeId;
  readonly runId: RunId;
  readonly name: string;
  readonly jobType: string;
  readonly state: RunState;
  readonly startedAt: number;
}

export type LineageNode = VersionLineageNode | RunLineageNode;

export interface LineageGraph {
  readonly nodes: ReadonlyMap<LineageNodeId, LineageNode>;
  /** Upstream neighbours: a run's inputs, a version's producing run. */
  readonly parents: ReadonlyMap<LineageNodeId, readonly LineageNodeId[]>;
  /** Downstream neighbours: a version's consuming runs, a run's outputs. */
  readonly children: ReadonlyMap<LineageNodeId, readonly LineageNodeId[]>;
}

const RUN_PREFIX = 'run:';

export function runNodeId(runId: RunId): LineageNodeId {
  return `${RUN_PREFIX}${runId}`;
}

function push(map: Map<LineageNodeId, LineageNodeId[]>, key: LineageNodeId, value: LineageNodeId): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * The graph of a project's live versions and its runs. Inputs that were deleted and
 * producers that are unknown are left out (no dangling edges). O(V + R + E).
 */
export function buildLineage(versions: readonly ArtifactVersion[], runs: readonly Run[]): LineageGraph {
  const nodes = new Map<LineageNodeId, LineageNode>();
  const parents = new Map<LineageNodeId, LineageNodeId[]>();
  const children = new Map<LineageNodeId, LineageNodeId[]>();
  for (const run of runs) {
    const id = runNodeId(run.id);
    nodes.set(id, { kind: 'run', id, runId: run.id, name: run.name, jobType: run.jobType, state: run.state, startedAt: run.startedAt });
  }
  for (const v of versions) {
    nodes.set(v.id, {
      kind: 'version',
      id: v.id,
      versionId: v.id,
      artifactId: v.artifactId,
      artifactName: v.artifactName,
      type: v.type,
      index: v.index,
      aliases: v.aliases,
      createdAt: v.createdAt,
      producedBy: v.producedBy,
    });
  }
  const seen = new Set<string>();
  const addEdge = (from: LineageNodeId, to: LineageNodeId) => {
    const key = `${from}\n${to}`;
    if (seen.has(key) || !nodes.has(from) || !nodes.has(to)) return;
    seen.add(key);
    push(children, from, to);
    push(parents, to, from);
  };
  for (const run of runs) for (const input of run.inputs) addEdge(input, runNodeId(run.id));
  for (const v of versions) if (v.producedBy !== null) addEdge(runNodeId(v.producedBy), v.id);
  return { nodes, parents, children };
}

/** `Infinity` means "all". */
export interface SubgraphOptions {
  /** null: the whole project. */
  readonly focus: LineageNodeId | null;
  /** Edges to follow upstream (1 from a version reaches its producing run, 2 its inputs). */
  readonly up: number;
  readonly down: number;
}

function walk(
  start: LineageNodeId,
  next: ReadonlyMap<LineageNodeId, readonly LineageNodeId[]>,
  depth: number,
  into: Set<LineageNodeId>,
): void {
  let frontier = [start];
  const seen = new Set<LineageNodeId>([start]);
  for (let level = 0; level < depth && frontier.length > 0; level++) {
    const following: LineageNodeId[] = [];
    for (const id of frontier) {
      for (const n of next.get(id) ?? []) {
        if (seen.has(n)) continue;
        seen.add(n);
        into.add(n);
        following.push(n);
      }
    }
    frontier = following;
  }
}

/** The ids shown for a focus and depths: breadth-first up and down, O(shown + their edges). */
export function extractSubgraph(graph: LineageGraph, { focus, up, down }: SubgraphOptions): Set<LineageNodeId> {
  if (focus === null) return new Set(graph.nodes.keys());
  if (!graph.nodes.has(focus)) throw new AppError('not-found', `lineage node "${focus}" is not in this project`);
  const shown = new Set<LineageNodeId>([focus]);
  walk(focus, graph.parents, up, shown);
  walk(focus, graph.children, down, shown);
  return shown;
}

export interface ClusterNode {
  readonly kind: 'cluster';
  readonly id: LineageNodeId;
  readonly memberKind: 'version' | 'run';
  /** Artifact name (versions) or job type (runs). */
  readonly label: string;
  /** Artifact type (versions) or job type (runs), for filters. */
  readonly type: string;
  /** Collapsed members, in graph order. */
  readonly members: readonly LineageNodeId[];
}

export type ViewNode = LineageNode | ClusterNode;

export interface ViewEdge {
  readonly id: string;
  readonly source: LineageNodeId;
  readonly target: LineageNodeId;
}

export interface LineageView {
  readonly nodes: readonly ViewNode[];
  readonly edges: readonly ViewEdge[];
  /** Which shown node stands for each visible graph node (itself, or its cluster). */
  readonly representative: ReadonlyMap<LineageNodeId, LineageNodeId>;
}

export interface ClusterOptions {
  /** Cluster ids shown expanded (their members in place). */
  readonly expanded?: ReadonlySet<LineageNodeId>;
  /** Members shown on their own, beside their cluster. */
  readonly pulledOut?: ReadonlySet<LineageNodeId>;
  /** Never clustered (e.g. the focus). */
  readonly keep?: ReadonlySet<LineageNodeId>;
  /** Siblings needed to form a cluster; 5. */
  readonly minSize?: number;
}

export const MIN_CLUSTER_SIZE = 5;

/** Same kind: versions of one artifact, or runs of one job type. */
function kindKey(node: LineageNode): string {
  return node.kind === 'version' ? `v\n${node.artifactId}` : `r\n${node.jobType}`;
}

function hashText(text: string): string {
  // 32 bits keep cluster ids short; the key's length makes collisions rarer
  return `${fnv1a32(text).toString(36)}${text.length.toString(36)}`;
}

/**
 * Visible nodes in topological order with their level (longest path from a source), O(V + E).
 * Edges leaving the visible set are ignored. A cycle (never made by the store) is broken by
 * placing its nodes after everything else.
 */
export function topologicalLevels(
  graph: LineageGraph,
  visible: ReadonlySet<LineageNodeId>,
): { order: LineageNodeId[]; level: Map<LineageNodeId, number> } {
  const indegree = new Map<LineageNodeId, number>();
  for (const id of visible) {
    let count = 0;
    for (const p of graph.parents.get(id) ?? []) if (visible.has(p)) count++;
    indegree.set(id, count);
  }
  const order: LineageNodeId[] = [];
  const level = new Map<LineageNodeId, number>();
  for (const id of visible) if (indegree.get(id) === 0) order.push(id);
  for (let i = 0; i < order.length; i++) {
    const id = order[i] as LineageNodeId;
    const own = level.get(id) ?? 0;
    level.set(id, own);
    for (const c of graph.children.get(id) ?? []) {
      if (!visible.has(c)) continue;
      level.set(c, Math.max(level.get(c) ?? 0, own + 1));
      const left = (indegree.get(c) ?? 0) - 1;
      indegree.set(c, left);
      if (left === 0) order.push(c);
    }
  }
  if (order.length < visible.size) {
    let max = 0;
    for (const l of level.values()) max = Math.max(max, l);
    for (const id of visible) {
      if ((indegree.get(id) ?? 0) > 0) {
        order.push(id);
        level.set(id, max + 1);
      }
    }
  }
  return { order, level };
}

/**
 * Collapses busy levels: visible nodes of the same kind (same artifact, or same job type) at
 * one level with the same shown parents are siblings; `minSize` (5) or more of them become one
 * cluster node. Levels are processed in order, so a cluster's children are siblings too and
 * a 10,000-node project folds into a readable handful. Expanded clusters show their members;
 * pulled-out members (and `keep`) stand beside their cluster; either way the members' children
 * still count as siblings, so expanding one level does not unfold the levels below it.
 * O(V + E log E).
 */
export function clusterView(graph: LineageGraph, visible: ReadonlySet<LineageNodeId>, options: ClusterOptions = {}): LineageView {
  const { expanded = new Set(), pulledOut = new Set(), keep = new Set(), minSize = MIN_CLUSTER_SIZE } = options;
  const { order, level } = topologicalLevels(graph, visible);
  const representative = new Map<LineageNodeId, LineageNodeId>();
  // sibling groups of 5+ keep their identity when expanded or pulled from, so that their
  // children still cluster (expanding 2,000 train runs must not explode every level below)
  const groupOf = new Map<LineageNodeId, LineageNodeId>();
  const nodes: ViewNode[] = [];
  const byLevel: LineageNodeId[][] = [];
  for (const id of order) {
    const l = level.get(id) ?? 0;
    (byLevel[l] ??= []).push(id);
  }
  for (const ids of byLevel) {
    if (!ids) continue;
    const groups = new Map<string, LineageNodeId[]>();
    for (const id of ids) {
      const node = graph.nodes.get(id) as LineageNode;
      const parentReps = new Set<LineageNodeId>();
      for (const p of graph.parents.get(id) ?? []) {
        const group = groupOf.get(p);
        if (group !== undefined) parentReps.add(group);
      }
      const key = `${kindKey(node)}\n${[...parentReps].sort().join('\n')}`;
      const group = groups.get(key);
      if (group) group.push(id);
      else groups.set(key, [id]);
    }
    for (const [key, members] of groups) {
      const first = graph.nodes.get(members[0] as LineageNodeId) as LineageNode;
      const clusterId = `cluster:${first.kind === 'version' ? first.artifactName : first.jobType}:${hashText(key)}`;
      const collapsed =
        members.length >= minSize && !expanded.has(clusterId)
          ? members.filter((m) => !pulledOut.has(m) && !keep.has(m))
          : [];
      const inCluster = collapsed.length >= 2 ? new Set(collapsed) : new Set<LineageNodeId>();
      for (const m of members) groupOf.set(m, members.length >= minSize ? clusterId : m);
      for (const m of members) {
        if (inCluster.has(m)) continue;
        representative.set(m, m);
        nodes.push(graph.nodes.get(m) as LineageNode);
      }
      if (inCluster.size > 0) {
        for (const m of inCluster) representative.set(m, clusterId);
        nodes.push({
          kind: 'cluster',
          id: clusterId,
          memberKind: first.kind,
          label: first.kind === 'version' ? first.artifactName : first.jobType,
          type: first.kind === 'version' ? first.type : first.jobType,
          members: collapsed,
        });
      }
    }
  }
  const edges: ViewEdge[] = [];
  const seen = new Set<string>();
  for (const id of order) {
    const from = representative.get(id) as LineageNodeId;
    for (const c of graph.children.get(id) ?? []) {
      const to = representative.get(c);
      if (to === undefined || to === from) continue;
      const edgeId = `${from}->${to}`;
      if (seen.has(edgeId)) continue;
      seen.add(edgeId);
      edges.push({ id: edgeId, source: from, target: to });
    }
  }
  return { nodes, edges, representative };
}

function closure(start: LineageNodeId, next: ReadonlyMap<LineageNodeId, readonly LineageNodeId[]>): Set<LineageNodeId> {
  const out = new Set<LineageNodeId>();
  walk(start, next, Infinity, out);
  return out;
}

export interface UpstreamDifference {
  /** Upstream of `a` only, or of `b` only: the versions and runs that differ. */
  readonly changed: ReadonlySet<LineageNodeId>;
  readonly onlyA: ReadonlySet<LineageNodeId>;
  readonly onlyB: ReadonlySet<LineageNodeId>;
  /** Upstream of both. */
  readonly shared: ReadonlySet<LineageNodeId>;
}

/**
 * "What changed upstream" for two versions of one artifact: the versions and runs that are
 * upstream of one but not the other (e.g. train-baseline vs train-tuned, tabular-data:v0 vs v1).
 */
export function upstreamDifference(graph: LineageGraph, a: VersionId, b: VersionId): UpstreamDifference {
  const nodeA = graph.nodes.get(a);
  const nodeB = graph.nodes.get(b);
  if (nodeA?.kind !== 'version') throw new AppError('not-found', `version "${a}" is not in this project's lineage`);
  if (nodeB?.kind !== 'version') throw new AppError('not-found', `version "${b}" is not in this project's lineage`);
  if (nodeA.artifactId !== nodeB.artifactId) {
    throw new AppError('type-mismatch', `"${a}" and "${b}" are versions of different artifacts; compare two versions of one artifact`);
  }
  const upA = closure(a, graph.parents);
  const upB = closure(b, graph.parents);
  const onlyA = new Set([...upA].filter((id) => !upB.has(id)));
  const onlyB = new Set([...upB].filter((id) => !upA.has(id)));
  const shared = new Set([...upA].filter((id) => upB.has(id)));
  return { changed: new Set([...onlyA, ...onlyB]), onlyA, onlyB, shared };
}

export interface ViewPath {
  readonly nodes: ReadonlySet<LineageNodeId>;
  readonly edges: ReadonlySet<string>;
}

/**
 * The nodes and edges on every directed path between `a` and `b` (either way round) in a
 * view; when neither reaches the other, the shortest path ignoring direction; empty when
 * they are not connected. O(V + E).
 */
export function pathBetween(view: Pick<LineageView, 'edges'>, a: LineageNodeId, b: LineageNodeId): ViewPath {
  const down = new Map<LineageNodeId, LineageNodeId[]>();
  const up = new Map<LineageNodeId, LineageNodeId[]>();
  for (const e of view.edges) {
    push(down, e.source, e.target);
    push(up, e.target, e.source);
  }
  const directed = (from: LineageNodeId, to: LineageNodeId): ViewPath | null => {
    const after = closure(from, down);
    if (!after.has(to)) return null;
    const before = closure(to, up);
    const nodes = new Set([from, to, ...[...after].filter((id) => before.has(id))]);
    const edges = new Set(view.edges.filter((e) => nodes.has(e.source) && nodes.has(e.target)).map((e) => e.id));
    return { nodes, edges };
  };
  if (a === b) return { nodes: new Set([a]), edges: new Set() };
  const found = directed(a, b) ?? directed(b, a);
  if (found) return found;
  // undirected breadth-first search
  const previous = new Map<LineageNodeId, { from: LineageNodeId; edge: string }>();
  const ids = new Map<string, string>();
  for (const e of view.edges) {
    ids.set(`${e.source}\n${e.target}`, e.id);
    ids.set(`${e.target}\n${e.source}`, e.id);
  }
  const seen = new Set([a]);
  let frontier = [a];
  while (frontier.length > 0 && !seen.has(b)) {
    const next: LineageNodeId[] = [];
    for (const id of frontier) {
      for (const n of [...(down.get(id) ?? []), ...(up.get(id) ?? [])]) {
        if (seen.has(n)) continue;
        seen.add(n);
        previous.set(n, { from: id, edge: ids.get(`${id}\n${n}`) ?? '' });
        next.push(n);
      }
    }
    frontier = next;
  }
  if (!seen.has(b)) return { nodes: new Set(), edges: new Set() };
  const nodes = new Set<LineageNodeId>([b]);
  const edges = new Set<string>();
  for (let at = b; at !== a; ) {
    const step = previous.get(at);
    if (!step) break;
    edges.add(step.edge);
    nodes.add(step.from);
    at = step.from;
  }
  return { nodes, edges };
}

export interface LineageFilter {
  /** Artifact types to match; empty matches every version. */
  readonly artifactTypes: ReadonlySet<string>;
  /** Job types to match; empty matches every run. */
  readonly jobTypes: ReadonlySet<string>;
}

/** Whether a node matches the filters (non-matches are dimmed, not hidden). */
export function matchesFilter(node: ViewNode, filter: LineageFilter): boolean {
  const anyFilter = filter.artifactTypes.size > 0 || filter.jobTypes.size > 0;
  if (!anyFilter) return true;
  const isVersion = node.kind === 'version' || (node.kind === 'cluster' && node.memberKind === 'version');
  if (isVersion) return filter.artifactTypes.has(node.type);
  const jobType = node.kind === 'run' ? node.jobType : node.type;
  return filter.jobTypes.has(jobType);
}

/** Artifact types and job types present in a graph, sorted, for the filter controls. */
export function lineageKinds(graph: LineageGraph): { artifactTypes: string[]; jobTypes: string[] } {
  const artifactTypes = new Set<string>();
  const jobTypes = new Set<string>();
  for (const node of graph.nodes.values()) {
    if (node.kind === 'version') artifactTypes.add(node.type);
    else jobTypes.add(node.jobType);
  }
  return { artifactTypes: [...artifactTypes].sort(), jobTypes: [...jobTypes].sort() };
}
