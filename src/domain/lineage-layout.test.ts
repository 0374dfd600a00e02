import { describe, expect, it } from 'vitest';
import { seededRandom } from '../test/builders';
import { computeRanks, findOverlaps, layoutLineage, layoutWithDagre } from './lineage-layout';
import type { LayoutDirection, LayoutEdge, LayoutEngine, LayoutNode } from './lineage-layout';

/** A random lineage-shaped DAG: alternating version and run levels, runs with 1–3 inputs from earlier levels. */
function randomLineage(count: number, seed = 7): { nodes: LayoutNode[]; edges: LayoutEdge[] } {
  const random = seededRandom(seed);
  const nodes: LayoutNode[] = [];
  const edges: LayoutEdge[] = [];
  const versions: string[] = [];
  for (let i = 0; i < count; i++) {
    const isRun = i > 2 && i % 2 === 1;
    const id = `${isRun ? 'r' : 'v'}${i}`;
    nodes.push({ id, width: isRun ? 180 : 200, height: isRun ? 56 : 64 });
    if (isRun) {
      const inputs = 1 + Math.floor(random() * 3);
      for (let k = 0; k < inputs; k++) {
        const from = versions[Math.floor(random() * versions.length)];
        if (from !== undefined) edges.push({ source: from, target: id });
      }
    } else {
      const runs = nodes.filter((n) => n.id.startsWith('r'));
      const producer = runs.length > 0 && random() < 0.9 ? runs[Math.max(0, runs.length - 1 - Math.floor(random() * 5))] : undefined;
      if (producer) edges.push({ source: producer.id, target: id });
      versions.push(id);
    }
  }
  return { nodes, edges: [...new Map(edges.map((e) => [`${e.source}>${e.target}`, e])).values()] };
}

describe('computeRanks', () => {
  it('is the longest path from a source', () => {
    const ranks = computeRanks(
      ['a', 'b', 'c', 'd'].map((id) => ({ id, width: 1, height: 1 })),
      [
        { source: 'a', target: 'b' },
        { source: 'b', target: 'c' },
        { source: 'a', target: 'c' },
        { source: 'c', target: 'd' },
      ],
    );
    expect(Object.fromEntries(ranks)).toEqual({ a: 0, b: 1, c: 2, d: 3 });
  });
});

describe('layoutLineage', () => {
  const cases: { size: number; engine: LayoutEngine; direction: LayoutDirection }[] = [];
  for (const size of [12, 150, 1500]) {
    for (const direction of ['LR', 'TB'] as const) {
      for (const engine of ['layered', 'dagre'] as const) if (engine === 'layered' || size <= 150) cases.push({ size, engine, direction });
    }
  }
  it.each(cases)('$engine $direction, $size nodes: every node placed, none overlapping, edges go forward', ({ size, engine, direction }) => {
    const { nodes, edges } = randomLineage(size, size);
    const result = layoutLineage({ nodes, edges, direction, engine });
    expect(Object.keys(result.positions)).toHaveLength(nodes.length);
    expect(findOverlaps(nodes, result.positions)).toEqual([]);
    for (const e of edges) {
      const s = result.positions[e.source];
      const t = result.positions[e.target];
      if (!s || !t) throw new Error('missing position');
      if (direction === 'LR') expect(t.x).toBeGreaterThan(s.x);
      else expect(t.y).toBeGreaterThan(s.y);
    }
  });

  it('uses the layered layout unless dagre is asked for', () => {
    const small = randomLineage(20);
    expect(layoutLineage({ ...small, direction: 'LR' }).engine).toBe('layered');
    expect(layoutLineage({ ...small, direction: 'LR', engine: 'dagre' }).engine).toBe('dagre');
  });

  it('plain dagre (default ranker) also gives a clean layout, as the bench baseline', () => {
    const { nodes, edges } = randomLineage(60);
    expect(findOverlaps(nodes, layoutWithDagre({ nodes, edges, direction: 'LR' }, { fixedRanks: false }).positions)).toEqual([]);
  });

  it('findOverlaps reports overlapping boxes', () => {
    const nodes = [
      { id: 'a', width: 10, height: 10 },
      { id: 'b', width: 10, height: 10 },
    ];
    expect(findOverlaps(nodes, { a: { x: 0, y: 0 }, b: { x: 5, y: 5 } })).toEqual([['a', 'b']]);
    expect(findOverlaps(nodes, { a: { x: 0, y: 0 }, b: { x: 10, y: 0 } })).toEqual([]);
  });
});
