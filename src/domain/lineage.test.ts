import { describe, expect, it } from 'vitest';
import { makeRun, makeVersion } from '../test/builders';
import type { ArtifactVersion, Run, RunId, VersionId } from './types';
import {
  buildLineage,
  clusterView,
  extractSubgraph,
  matchesFilter,
  pathBetween,
  runNodeId,
  topologicalLevels,
  upstreamDifference,
} from './lineage';
import type { ClusterNode } from './lineage';

function version(artifactName: string, index: number, producedBy: string | null = null, type = 'dataset'): ArtifactVersion {
  return makeVersion({ artifactName, index, producedBy: producedBy as RunId | null, type });
}
function run(id: string, jobType: string, inputs: string[]): Run {
  return makeRun({ id: id as RunId, name: id, jobType, inputs: inputs as VersionId[] });
}
const v = (name: string, index: number) => `demo/${name}:v${index}`;

/** The example project's chain: raw → preprocess → tabular → train → classifier → evaluate → report. */
function exampleChain() {
  const versions = [
    version('raw-data', 0),
    version('tabular-data', 0, 'prep-0'),
    version('tabular-data', 1, 'prep-1'),
    version('classifier', 0, 'train-0', 'model'),
    version('classifier', 1, 'train-1', 'model'),
    version('eval-report', 0, 'eval', 'report'),
  ];
  const runs = [
    run('prep-0', 'data-prep', [v('raw-data', 0)]),
    run('prep-1', 'data-prep', [v('raw-data', 0)]),
    run('train-0', 'train', [v('tabular-data', 0)]),
    run('train-1', 'train', [v('tabular-data', 1)]),
    run('eval', 'eval', [v('classifier', 1), v('tabular-data', 1)]),
  ];
  return buildLineage(versions, runs);
}

describe('buildLineage', () => {
  it('links inputs to runs and runs to outputs, dropping edges to missing nodes', () => {
    const graph = buildLineage(
      [version('a', 0), version('b', 0, 'r1'), version('c', 0, 'ghost')],
      [run('r1', 'train', [v('a', 0), v('deleted', 3)])],
    );
    expect(graph.children.get(v('a', 0))).toEqual([runNodeId('r1' as RunId)]);
    expect(graph.children.get('run:r1')).toEqual([v('b', 0)]);
    expect(graph.parents.get('run:r1')).toEqual([v('a', 0)]);
    expect(graph.parents.get(v('c', 0))).toBeUndefined();
    expect(graph.nodes.size).toBe(4);
  });
});

describe('extractSubgraph', () => {
  const graph = exampleChain();
  it.each([
    { focus: v('classifier', 1), up: 1, down: 1, want: [v('classifier', 1), 'run:train-1', 'run:eval'] },
    {
      focus: v('classifier', 1),
      up: 2,
      down: 2,
      want: [v('classifier', 1), 'run:train-1', v('tabular-data', 1), 'run:eval', v('eval-report', 0)],
    },
    { focus: 'run:train-1', up: 0, down: 1, want: ['run:train-1', v('classifier', 1)] },
    {
      focus: v('eval-report', 0),
      up: Infinity,
      down: 0,
      want: [v('eval-report', 0), 'run:eval', v('classifier', 1), v('tabular-data', 1), 'run:train-1', 'run:prep-1', v('raw-data', 0)],
    },
  ])('$focus up $up down $down', ({ focus, up, down, want }) => {
    expect([...extractSubgraph(graph, { focus, up, down })].sort()).toEqual([...want].sort());
  });

  it('shows the whole project without a focus, and refuses an unknown focus', () => {
    expect(extractSubgraph(graph, { focus: null, up: 1, down: 1 }).size).toBe(graph.nodes.size);
    expect(() => extractSubgraph(graph, { focus: 'demo/x:v9', up: 1, down: 1 })).toThrow(/"demo\/x:v9" is not in this project/);
  });
});

describe('topologicalLevels', () => {
  it('gives each node its longest path from a source', () => {
    const graph = exampleChain();
    const { level, order } = topologicalLevels(graph, new Set(graph.nodes.keys()));
    expect(order).toHaveLength(graph.nodes.size);
    expect(level.get(v('raw-data', 0))).toBe(0);
    expect(level.get('run:eval')).toBe(5);
    expect(level.get(v('eval-report', 0))).toBe(6);
  });
});

/** One dataset version consumed by `n` train runs, each producing one model version. */
function sweep(n: number) {
  const versions = [version('data', 0)];
  const runs: Run[] = [];
  for (let i = 0; i < n; i++) {
    runs.push(run(`t${i}`, 'train', [v('data', 0)]));
    versions.push(version('model', i, `t${i}`, 'model'));
  }
  return buildLineage(versions, runs);
}

describe('clusterView', () => {
  it('keeps 4 siblings apart and collapses 5 into one cluster, children of a cluster too', () => {
    const four = sweep(4);
    expect(clusterView(four, new Set(four.nodes.keys())).nodes).toHaveLength(9);
    const five = sweep(5);
    const view = clusterView(five, new Set(five.nodes.keys()));
    const clusters = view.nodes.filter((n): n is ClusterNode => n.kind === 'cluster');
    expect(clusters.map((c) => [c.memberKind, c.label, c.members.length])).toEqual([
      ['run', 'train', 5],
      ['version', 'model', 5],
    ]);
    expect(view.nodes).toHaveLength(3);
    expect(view.edges.map((e) => [e.source, e.target])).toEqual([
      [v('data', 0), clusters[0]?.id],
      [clusters[0]?.id, clusters[1]?.id],
    ]);
  });

  it('does not mix kinds: different job types or artifacts at one level stay apart', () => {
    const versions = [version('data', 0)];
    const runs: Run[] = [];
    for (let i = 0; i < 6; i++) runs.push(run(`r${i}`, i % 2 ? 'train' : 'eval', [v('data', 0)]));
    const graph = buildLineage(versions, runs);
    expect(clusterView(graph, new Set(graph.nodes.keys())).nodes.filter((n) => n.kind === 'cluster')).toHaveLength(0);
  });

  it('expands a cluster in place, pulls out a member, and never clusters a kept node', () => {
    const graph = sweep(6);
    const all = new Set(graph.nodes.keys());
    const runCluster = clusterView(graph, all).nodes.find((n) => n.kind === 'cluster' && n.memberKind === 'run') as ClusterNode;
    const expanded = clusterView(graph, all, { expanded: new Set([runCluster.id]) });
    expect(expanded.nodes.filter((n) => n.kind === 'run')).toHaveLength(6);
    // the runs' outputs stay one cluster, now fed by each run
    const models = expanded.nodes.filter((n) => n.kind === 'cluster');
    expect(models).toHaveLength(1);
    expect(expanded.edges.filter((e) => e.target === models[0]?.id)).toHaveLength(6);

    const pulled = clusterView(graph, all, { pulledOut: new Set(['run:t2']) });
    const cluster = pulled.nodes.find((n) => n.id === runCluster.id) as ClusterNode;
    expect(cluster.members).toHaveLength(5);
    expect(pulled.representative.get('run:t2')).toBe('run:t2');
    expect(pulled.edges.some((e) => e.source === v('data', 0) && e.target === 'run:t2')).toBe(true);

    const kept = clusterView(graph, all, { keep: new Set([v('model', 3)]) });
    expect(kept.representative.get(v('model', 3))).toBe(v('model', 3));
  });

  it('folds a large sweep into a few nodes', () => {
    const graph = sweep(2000);
    const view = clusterView(graph, new Set(graph.nodes.keys()));
    expect(view.nodes).toHaveLength(3);
  });
});

describe('upstreamDifference', () => {
  it('marks the runs and versions upstream of only one of the two', () => {
    const graph = exampleChain();
    const diff = upstreamDifference(graph, v('classifier', 0) as VersionId, v('classifier', 1) as VersionId);
    expect([...diff.changed].sort()).toEqual(['run:prep-0', 'run:prep-1', 'run:train-0', 'run:train-1', v('tabular-data', 0), v('tabular-data', 1)].sort());
    expect([...diff.shared]).toEqual([v('raw-data', 0)]);
    expect(() => upstreamDifference(graph, v('classifier', 0) as VersionId, v('tabular-data', 0) as VersionId)).toThrow(
      /different artifacts/,
    );
  });
});

describe('pathBetween', () => {
  const graph = exampleChain();
  const view = clusterView(graph, new Set(graph.nodes.keys()));
  it('finds every node on the directed path, either way round', () => {
    const path = pathBetween(view, v('eval-report', 0), v('tabular-data', 1));
    expect([...path.nodes].sort()).toEqual([v('eval-report', 0), 'run:eval', v('classifier', 1), 'run:train-1', v('tabular-data', 1)].sort());
    expect(path.edges.has(`${v('tabular-data', 1)}->run:eval`)).toBe(true);
    expect(path.edges.size).toBe(5);
  });
  it('falls back to the shortest undirected path', () => {
    const path = pathBetween(view, v('classifier', 0), v('classifier', 1));
    expect(path.nodes.has(v('raw-data', 0))).toBe(true);
    expect(path.edges.size).toBe(path.nodes.size - 1);
  });
});

describe('matchesFilter', () => {
  const graph = exampleChain();
  const model = graph.nodes.get(v('classifier', 0));
  const train = graph.nodes.get('run:train-0');
  it.each([
    { types: [], jobs: [], model: true, train: true },
    { types: ['model'], jobs: [], model: true, train: false },
    { types: ['dataset'], jobs: ['train'], model: false, train: true },
  ])('types $types jobs $jobs', ({ types, jobs, model: m, train: t }) => {
    const filter = { artifactTypes: new Set(types), jobTypes: new Set(jobs) };
    expect(model && matchesFilter(model, filter)).toBe(m);
    expect(train && matchesFilter(train, filter)).toBe(t);
  });
});
