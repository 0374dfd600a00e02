/**
 * Pure layout of a lineage view. Ranks come from the DAG itself (longest path from the
 * sources, O(V + E)), which in a lineage graph alternates versions and runs, so a general
 * ranker such as dagre's network simplex (superlinear) is never needed. The layout is our own
 * layered one (barycentric crossing reduction, then isotonic placement), near-linear, because
 * dagre, even with these ranks fixed, is too slow for the graph sizes we show: the bench row
 * "layout of a N-node random lineage DAG … our layered layout" (bench/browser-benches.ts)
 * measures both, dagre from bench/dagre-layout.ts. Returns top-left corners, as React Flow
 * wants, and never overlaps nodes.
 */

export type LayoutDirection = 'LR' | 'TB';

export interface LayoutNode {
  readonly id: string;
  readonly width: number;
  readonly height: number;
}

export interface LayoutEdge {
  readonly source: string;
  readonly target: string;
}

export interface LayoutInput {
  readonly nodes: readonly LayoutNode[];
  readonly edges: readonly LayoutEdge[];
  readonly direction: LayoutDirection;
}

export interface LayoutResult {
  /** Top-left corner of each node. */
  readonly positions: Record<string, { x: number; y: number }>;
  /**
   * How each edge is drawn, in `input.edges` order: flat `[x0, y0, x1, y1, …]` from the
   * source's border to the target's (empty for an edge that was left out: a self-loop or an
   * unknown end). In the layered layout, two consecutive points either lie on one line along the
   * rank direction (a straight run through a rank, at a cross position no node occupies) or lie
   * on the two sides of one gap between ranks (where there are no nodes; draw an S-curve).
   */
  readonly routes: readonly (readonly number[])[];
  readonly width: number;
  readonly height: number;
}

/**
 * Edges spanning up to this many ranks get a dummy node in every rank they skip (the slot the
 * edge passes through, ordered with the nodes); longer ones are routed round the outside of
 * the drawing, in lanes, so that a few far-reaching edges cannot multiply the work.
 */
const MAX_DUMMY_SPAN = 8;
/** Space between nodes of one rank, and between ranks (the bench's dagre run uses the same). */
export const NODE_GAP = 24;
export const RANK_GAP = 72;
/** Distance from the drawing to the first outside lane, and between lanes. */
const LANE_MARGIN = 24;
const LANE_STEP = 8;

/** Longest path from a source for every node, O(V + E); nodes on a cycle go after the rest. */
export function computeRanks(nodes: readonly LayoutNode[], edges: readonly LayoutEdge[]): Map<string, number> {
  const indegree = new Map<string, number>();
  const out = new Map<string, string[]>();
  for (const n of nodes) indegree.set(n.id, 0);
  for (const e of edges) {
    if (!indegree.has(e.source) || !indegree.has(e.target) || e.source === e.target) continue;
    indegree.set(e.target, (indegree.get(e.target) ?? 0) + 1);
    const list = out.get(e.source);
    if (list) list.push(e.target);
    else out.set(e.source, [e.target]);
  }
  const rank = new Map<string, number>();
  const queue: string[] = [];
  for (const n of nodes) if (indegree.get(n.id) === 0) queue.push(n.id);
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i] as string;
    const r = rank.get(id) ?? 0;
    rank.set(id, r);
    for (const t of out.get(id) ?? []) {
      rank.set(t, Math.max(rank.get(t) ?? 0, r + 1));
      const left = (indegree.get(t) ?? 0) - 1;
      indegree.set(t, left);
      if (left === 0) queue.push(t);
    }
  }
  if (queue.length < nodes.length) {
    let max = 0;
    for (const r of rank.values()) max = Math.max(max, r);
    const placed = new Set(queue);
    for (const n of nodes) if (!placed.has(n.id)) rank.set(n.id, max + 1);
  }
  return rank;
}

interface Slot {
  readonly id: string;
  /** Size across the rank (height in LR), and along it. */
  readonly cross: number;
  readonly along: number;
  readonly real: boolean;
  up: number[];
  down: number[];
  pos: number;
  order: number;
}

/** Places `desired` centres in order with at least `gap[i]` between centre i and i+1, closest in least squares (pool adjacent violators). */
function placeInOrder(desired: readonly number[], gaps: readonly number[]): number[] {
  const n = desired.length;
  const offset = new Array<number>(n);
  let acc = 0;
  for (let i = 0; i < n; i++) {
    offset[i] = acc;
    acc += gaps[i] ?? 0;
  }
  const blockValue: number[] = [];
  const blockWeight: number[] = [];
  const blockSize: number[] = [];
  for (let i = 0; i < n; i++) {
    let value = (desired[i] ?? 0) - (offset[i] ?? 0);
    let weight = 1;
    let size = 1;
    while (blockValue.length > 0 && (blockValue[blockValue.length - 1] ?? 0) > value) {
      const w = blockWeight.pop() ?? 0;
      const v = blockValue.pop() ?? 0;
      size += blockSize.pop() ?? 0;
      value = (value * weight + v * w) / (weight + w);
      weight += w;
    }
    blockValue.push(value);
    blockWeight.push(weight);
    blockSize.push(size);
  }
  const out = new Array<number>(n);
  let i = 0;
  for (let b = 0; b < blockValue.length; b++) {
    for (let k = 0; k < (blockSize[b] ?? 0); k++, i++) out[i] = (blockValue[b] ?? 0) + (offset[i] ?? 0);
  }
  return out;
}

/**
 * Our layered (Sugiyama-style) layout: dummy nodes on long edges, barycentric ordering sweeps,
 * then each rank placed as close as possible to its neighbours' mean without overlaps.
 * O((V + D + E) · sweeps · log) where D is the number of dummies.
 */
export function layoutLineage(input: LayoutInput): LayoutResult {
  const ranks = computeRanks(input.nodes, input.edges);
  const lr = input.direction === 'LR';
  const slots: Slot[] = [];
  const index = new Map<string, number>();
  const layers: number[][] = [];
  const addSlot = (slot: Slot, rank: number) => {
    slots.push(slot);
    (layers[rank] ??= []).push(slots.length - 1);
    return slots.length - 1;
  };
  for (const n of input.nodes) {
    const slot: Slot = { id: n.id, cross: lr ? n.height : n.width, along: lr ? n.width : n.height, real: true, up: [], down: [], pos: 0, order: 0 };
    index.set(n.id, addSlot(slot, ranks.get(n.id) ?? 0));
  }
  // each edge's chain of slots (source, its dummies, target); null when the edge is left out
  const chains: (number[] | null)[] = [];
  for (const e of input.edges) {
    const s = index.get(e.source);
    const t = index.get(e.target);
    if (s === undefined || t === undefined || s === t) {
      chains.push(null);
      continue;
    }
    const rs = ranks.get(e.source) ?? 0;
    const rt = ranks.get(e.target) ?? 0;
    const chain = [s];
    let prev = s;
    for (let r = rs + 1; r < rt && rt - rs <= MAX_DUMMY_SPAN; r++) {
      const d = addSlot({ id: '', cross: 4, along: 0, real: false, up: [prev], down: [], pos: 0, order: 0 }, r);
      slots[prev]?.down.push(d);
      chain.push(d);
      prev = d;
    }
    slots[prev]?.down.push(t);
    slots[t]?.up.push(prev);
    chain.push(t);
    chains.push(chain);
  }
  const rankList = layers.map((l) => l ?? []);
  // initial order: depth-first from the sources, so subtrees start together
  const visited = new Uint8Array(slots.length);
  let counter = 0;
  const stack: number[] = [];
  for (const start of rankList[0] ?? []) stack.push(start);
  for (let i = slots.length - 1; i >= 0; i--) if ((slots[i]?.up.length ?? 0) === 0) stack.push(i);
  while (stack.length > 0) {
    const i = stack.pop() as number;
    if (visited[i]) continue;
    visited[i] = 1;
    const slot = slots[i] as Slot;
    slot.order = counter++;
    for (let k = slot.down.length - 1; k >= 0; k--) stack.push(slot.down[k] as number);
  }
  for (const layer of rankList) sortLayer(layer, (i) => slots[i]?.order ?? 0);
  const renumber = (layer: number[]) => layer.forEach((i, k) => ((slots[i] as Slot).order = k));
  rankList.forEach(renumber);
  const barycenter = (i: number, useUp: boolean) => {
    const slot = slots[i] as Slot;
    const near = useUp ? slot.up : slot.down;
    if (near.length === 0) return slot.order;
    let sum = 0;
    for (const j of near) sum += slots[j]?.order ?? 0;
    return sum / near.length;
  };
  const key = new Float64Array(slots.length);
  const byKey = (a: number, b: number) => (key[a] ?? 0) - (key[b] ?? 0);
  for (let sweep = 0; sweep < 4; sweep++) {
    const downward = sweep % 2 === 0;
    const sequence = downward ? rankList.slice(1) : rankList.slice(0, -1).reverse();
    for (const layer of sequence) {
      for (const i of layer) key[i] = barycenter(i, downward);
      layer.sort(byKey);
      renumber(layer);
    }
  }
  // cross-axis positions: pack, then pull every rank towards its neighbours' mean
  const gapsOf = (layer: number[]) =>
    layer.map((i, k) => {
      const next = layer[k + 1];
      if (next === undefined) return 0;
      const a = slots[i] as Slot;
      const b = slots[next] as Slot;
      return (a.cross + b.cross) / 2 + (a.real && b.real ? NODE_GAP : 8);
    });
  const gaps = rankList.map(gapsOf);
  rankList.forEach((layer, r) => {
    const placed = placeInOrder(layer.map(() => 0), gaps[r] ?? []);
    layer.forEach((i, k) => ((slots[i] as Slot).pos = placed[k] ?? 0));
  });
  for (let sweep = 0; sweep < 6; sweep++) {
    const downward = sweep % 2 === 0;
    const sequence = downward ? rankList.map((_, r) => r).slice(1) : rankList.map((_, r) => r).slice(0, -1).reverse();
    for (const r of sequence) {
      const layer = rankList[r] ?? [];
      const desired = layer.map((i) => {
        const slot = slots[i] as Slot;
        const near = downward ? slot.up : slot.down;
        if (near.length === 0) return slot.pos;
        let sum = 0;
        for (const j of near) sum += slots[j]?.pos ?? 0;
        return sum / near.length;
      });
      const placed = placeInOrder(desired, gaps[r] ?? []);
      layer.forEach((i, k) => ((slots[i] as Slot).pos = placed[k] ?? 0));
    }
  }
  // along-axis: each rank as thick as its thickest node
  const rankStart: number[] = [];
  const rankThickness: number[] = [];
  let along = 0;
  rankList.forEach((layer, r) => {
    let thickest = 0;
    for (const i of layer) thickest = Math.max(thickest, slots[i]?.along ?? 0);
    rankStart[r] = along;
    rankThickness[r] = thickest;
    along += thickest + RANK_GAP;
  });
  let minCross = Infinity;
  for (const s of slots) if (s.real) minCross = Math.min(minCross, s.pos - s.cross / 2);
  if (!Number.isFinite(minCross)) minCross = 0;
  const positions: Record<string, { x: number; y: number }> = {};
  const rankOf = new Int32Array(slots.length);
  let width = 0;
  let height = 0;
  rankList.forEach((layer, r) => {
    for (const i of layer) {
      rankOf[i] = r;
      const s = slots[i] as Slot;
      if (!s.real) continue;
      const a = (rankStart[r] ?? 0) + ((rankThickness[r] ?? 0) - s.along) / 2;
      const c = s.pos - s.cross / 2 - minCross;
      const x = lr ? a : c;
      const y = lr ? c : a;
      positions[s.id] = { x, y };
      width = Math.max(width, x + (lr ? s.along : s.cross));
      height = Math.max(height, y + (lr ? s.cross : s.along));
    }
  });
  const routes = routeEdges({ slots, chains, rankOf, rankStart, rankThickness, minCross, lr });
  return { positions, routes, width, height };
}

interface RouteInput {
  readonly slots: readonly Slot[];
  readonly chains: readonly (readonly number[] | null)[];
  readonly rankOf: Int32Array;
  readonly rankStart: readonly number[];
  readonly rankThickness: readonly number[];
  readonly minCross: number;
  readonly lr: boolean;
}

/**
 * Edge routes (see LayoutResult.routes). A chain with a dummy in every skipped rank runs
 * straight through each rank at its dummy's cross position, which the ordering kept free of
 * nodes, and changes cross position only in the gaps between ranks. A longer edge leaves its
 * source's rank, runs along a lane outside the drawing (above or below, whichever is nearer;
 * edges whose rank spans overlap get different lanes), and comes back in the gap before its
 * target's rank. Either way no part of a route passes through a node.
 */
function routeEdges({ slots, chains, rankOf, rankStart, rankThickness, minCross, lr }: RouteInput): number[][] {
  const cross = (i: number) => (slots[i] as Slot).pos - minCross;
  const colStart = (r: number) => rankStart[r] ?? 0;
  const colEnd = (r: number) => (rankStart[r] ?? 0) + (rankThickness[r] ?? 0);
  /** Where an edge leaves a node (its far border along the rank direction) and enters one. */
  const exitAlong = (i: number) => {
    const r = rankOf[i] ?? 0;
    return colStart(r) + ((rankThickness[r] ?? 0) + (slots[i] as Slot).along) / 2;
  };
  const entryAlong = (i: number) => {
    const r = rankOf[i] ?? 0;
    return colStart(r) + ((rankThickness[r] ?? 0) - (slots[i] as Slot).along) / 2;
  };
  // the outside lanes: beyond every slot, real or dummy
  let low = Infinity;
  let high = -Infinity;
  for (let i = 0; i < slots.length; i++) {
    const half = (slots[i] as Slot).cross / 2;
    low = Math.min(low, cross(i) - half);
    high = Math.max(high, cross(i) + half);
  }
  const middle = (low + high) / 2;
  const laneOf = new Map<number, number>();
  const long: { edge: number; from: number; to: number; above: boolean }[] = [];
  chains.forEach((chain, edge) => {
    if (!chain || chain.length !== 2) return;
    const [s, t] = chain as [number, number];
    const rs = rankOf[s] ?? 0;
    const rt = rankOf[t] ?? 0;
    if (rt - rs > 1) long.push({ edge, from: rs + 1, to: rt - 1, above: cross(s) + cross(t) < 2 * middle });
  });
  long.sort((a, b) => a.from - b.from);
  const laneEnds: Record<'above' | 'below', number[]> = { above: [], below: [] };
  for (const item of long) {
    const ends = laneEnds[item.above ? 'above' : 'below'];
    // first fit over intervals sorted by start: as few lanes as the busiest rank needs
    let lane = ends.findIndex((end) => end + 1 < item.from);
    if (lane < 0) lane = ends.push(item.to) - 1;
    else ends[lane] = item.to;
    laneOf.set(item.edge, item.above ? low - LANE_MARGIN - lane * LANE_STEP : high + LANE_MARGIN + lane * LANE_STEP);
  }
  return chains.map((chain, edge) => {
    if (!chain) return [];
    const s = chain[0] as number;
    const t = chain[chain.length - 1] as number;
    const rs = rankOf[s] ?? 0;
    const rt = rankOf[t] ?? 0;
    const points: number[] = [];
    const add = (along: number, c: number) => {
      const n = points.length;
      if (n >= 2 && points[n - 2] === (lr ? along : c) && points[n - 1] === (lr ? c : along)) return;
      if (lr) points.push(along, c);
      else points.push(c, along);
    };
    add(exitAlong(s), cross(s));
    if (rt <= rs) {
      // only on a cycle (never made by the store): a straight line
      add(entryAlong(t), cross(t));
      return points;
    }
    add(colEnd(rs), cross(s));
    const lane = laneOf.get(edge);
    if (lane !== undefined) {
      add(colStart(rs + 1), lane);
      add(colEnd(rt - 1), lane);
    } else {
      for (let k = 1; k < chain.length - 1; k++) {
        const d = chain[k] as number;
        add(colStart(rankOf[d] ?? 0), cross(d));
        add(colEnd(rankOf[d] ?? 0), cross(d));
      }
    }
    add(colStart(rt), cross(t));
    add(entryAlong(t), cross(t));
    return points;
  });
}

function sortLayer(layer: number[], key: (i: number) => number): void {
  layer.sort((a, b) => key(a) - key(b));
}

/** Pairs of nodes whose boxes overlap (for tests and assertions); empty when the layout is clean. */
export function findOverlaps(nodes: readonly LayoutNode[], positions: LayoutResult['positions']): [string, string][] {
  const boxes = nodes
    .map((n) => ({ id: n.id, x: positions[n.id]?.x ?? NaN, y: positions[n.id]?.y ?? NaN, w: n.width, h: n.height }))
    .sort((a, b) => a.x - b.x);
  const overlaps: [string, string][] = [];
  for (let i = 0; i < boxes.length; i++) {
    const a = boxes[i];
    if (!a) continue;
    for (let j = i + 1; j < boxes.length; j++) {
      const b = boxes[j];
      if (!b || b.x >= a.x + a.w) break;
      if (b.y < a.y + a.h && a.y < b.y + b.h) overlaps.push([a.id, b.id]);
    }
  }
  return overlaps;
}
