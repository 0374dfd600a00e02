import { describe, expect, it } from 'vitest';
import { seededRandom } from '../test/builders';
import { computeRanks, findOverlaps, layoutLineage } from './lineage-layout';
import type { LayoutDirection, LayoutEdge, LayoutNode, LayoutResult } from './lineage-layout';

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

/** A lineage with edges skipping levels: runs also read versions from far back (some more than 8 levels). */
function skippingLineage(count: number, seed: number): { nodes: LayoutNode[]; edges: LayoutEdge[] } {
  const random = seededRandom(seed);
  const { nodes, edges } = randomLineage(count, seed);
  const runs = nodes.filter((n) => n.id.startsWith('r'));
  const versions = nodes.filter((n) => n.id.startsWith('v'));
  for (let k = 0; k < count / 10; k++) {
    const run = runs[Math.floor(random() * runs.length)];
    const version = versions[Math.floor(random() * versions.length * 0.2)];
    if (run && version && Number(version.id.slice(1)) < Number(run.id.slice(1))) edges.push({ source: version.id, target: run.id });
  }
  return { nodes, edges: [...new Map(edges.map((e) => [`${e.source}>${e.target}`, e])).values()] };
}

type Box = { id: string; x0: number; y0: number; x1: number; y1: number };

/** Nodes whose inside (shrunk by half a pixel) meets the bounding box of the segment a→b. */
function boxesHit(boxes: readonly Box[], a: [number, number], b: [number, number]): string[] {
  const [x0, x1] = [Math.min(a[0], b[0]), Math.max(a[0], b[0])];
  const [y0, y1] = [Math.min(a[1], b[1]), Math.max(a[1], b[1])];
  const e = 0.5;
  return boxes.filter((n) => x0 < n.x1 - e && n.x0 + e < x1 + (x0 === x1 ? 1 : 0) && y0 < n.y1 - e && n.y0 + e < y1 + (y0 === y1 ? 1 : 0)).map((n) => n.id);
}

function boxesOf(nodes: readonly LayoutNode[], result: LayoutResult): Box[] {
  return nodes.map((n) => {
    const p = result.positions[n.id] ?? { x: NaN, y: NaN };
    return { id: n.id, x0: p.x, y0: p.y, x1: p.x + n.width, y1: p.y + n.height };
  });
}

/** The straight segments of a route: [from, to] point pairs. */
function segments(route: readonly number[]): [[number, number], [number, number]][] {
  const out: [[number, number], [number, number]][] = [];
  for (let i = 0; i + 3 < route.length; i += 2) out.push([[route[i] ?? NaN, route[i + 1] ?? NaN], [route[i + 2] ?? NaN, route[i + 3] ?? NaN]]);
  return out;
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
  const cases: { size: number; direction: LayoutDirection }[] = [];
  for (const size of [12, 150, 1500]) {
    for (const direction of ['LR', 'TB'] as const) cases.push({ size, direction });
  }
  it.each(cases)('$direction, $size nodes: every node placed, none overlapping, edges go forward', ({ size, direction }) => {
    const { nodes, edges } = randomLineage(size, size);
    const result = layoutLineage({ nodes, edges, direction });
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

  it('findOverlaps reports overlapping boxes', () => {
    const nodes = [
      { id: 'a', width: 10, height: 10 },
      { id: 'b', width: 10, height: 10 },
    ];
    expect(findOverlaps(nodes, { a: { x: 0, y: 0 }, b: { x: 5, y: 5 } })).toEqual([['a', 'b']]);
    expect(findOverlaps(nodes, { a: { x: 0, y: 0 }, b: { x: 10, y: 0 } })).toEqual([]);
  });
});

describe('edge routes of the layered layout', () => {
  it.each(['LR', 'TB'] as const)('%s: no part of an edge crosses a node, even when it skips levels; nodes still do not overlap', (direction) => {
    const { nodes, edges } = skippingLineage(400, 3);
    const result = layoutLineage({ nodes, edges, direction });
    expect(findOverlaps(nodes, result.positions)).toEqual([]);
    const ranks = computeRanks(nodes, edges);
    const spans = edges.map((e) => (ranks.get(e.target) ?? 0) - (ranks.get(e.source) ?? 0));
    // the graph has what the routing is for: edges skipping a few levels and some skipping many
    expect(spans.filter((s) => s >= 2 && s <= 8).length).toBeGreaterThan(20);
    expect(spans.filter((s) => s > 8).length).toBeGreaterThan(5);
    const boxes = boxesOf(nodes, result);
    const byId = new Map(boxes.map((b) => [b.id, b]));
    // drawn straight from centre to centre, many of these edges would go through nodes
    const straightHits = edges.filter((e) => {
      const s = byId.get(e.source);
      const t = byId.get(e.target);
      if (!s || !t) return false;
      const from: [number, number] = [(s.x0 + s.x1) / 2, (s.y0 + s.y1) / 2];
      const to: [number, number] = [(t.x0 + t.x1) / 2, (t.y0 + t.y1) / 2];
      return boxesHit(boxes, from, to).some((id) => id !== e.source && id !== e.target);
    });
    expect(straightHits.length).toBeGreaterThan(20);

    expect(result.routes).toHaveLength(edges.length);
    edges.forEach((e, i) => {
      const route = result.routes[i] ?? [];
      const s = byId.get(e.source);
      const t = byId.get(e.target);
      if (!s || !t) throw new Error('missing node');
      expect(route.length).toBeGreaterThanOrEqual(4);
      // starts on the source's far border, ends on the target's near border
      const [x0, y0] = [route[0] ?? NaN, route[1] ?? NaN];
      const [xn, yn] = [route[route.length - 2] ?? NaN, route[route.length - 1] ?? NaN];
      const [start, end] = direction === 'LR' ? [[s.x1, (s.y0 + s.y1) / 2], [t.x0, (t.y0 + t.y1) / 2]] : [[(s.x0 + s.x1) / 2, s.y1], [(t.x0 + t.x1) / 2, t.y0]];
      for (const [got, want] of [[x0, start?.[0]], [y0, start?.[1]], [xn, end?.[0]], [yn, end?.[1]]]) expect(got).toBeCloseTo(want ?? NaN, 6);
      // every segment's bounding box (which holds the S-curve drawn for it) is clear of every node
      for (const [a, b] of segments(route)) expect({ edge: `${e.source}>${e.target}`, hits: boxesHit(boxes, a, b) }).toEqual({ edge: `${e.source}>${e.target}`, hits: [] });
    });
  });

  it('routes dummy-less long edges on separate lanes where their level spans overlap', () => {
    const nodes: LayoutNode[] = ['a', 'b', 'c', 'd', 'e'].flatMap((p) => Array.from({ length: 12 }, (_, i) => ({ id: `${p}${i}`, width: 100, height: 40 })));
    // two chains a0→…→a11 and b0→…→b11, and two edges that skip 10 levels
    const edges: LayoutEdge[] = [];
    for (const p of ['a', 'b']) for (let i = 0; i + 1 < 12; i++) edges.push({ source: `${p}${i}`, target: `${p}${i + 1}` });
    edges.push({ source: 'a0', target: 'a11' }, { source: 'a1', target: 'b11' });
    const result = layoutLineage({ nodes: nodes.filter((n) => /^[ab]/.test(n.id)), edges, direction: 'LR' });
    const lanes = result.routes.slice(-2).map((route) => route[5]);
    expect(lanes[0]).not.toBe(lanes[1]);
    const boxes = boxesOf(nodes.filter((n) => /^[ab]/.test(n.id)), result);
    for (const route of result.routes.slice(-2)) for (const [a, b] of segments(route)) expect(boxesHit(boxes, a, b)).toEqual([]);
  });

  it('leaves out self-loops and edges to unknown nodes', () => {
    const nodes = [
      { id: 'a', width: 10, height: 10 },
      { id: 'b', width: 10, height: 10 },
    ];
    const edges = [
      { source: 'a', target: 'a' },
      { source: 'a', target: 'zz' },
      { source: 'a', target: 'b' },
    ];
    const { routes } = layoutLineage({ nodes, edges, direction: 'LR' });
    expect(routes.map((r) => r.length > 0)).toEqual([false, false, true]);
  });
});
