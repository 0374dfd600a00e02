import { encodePng } from './png-encoder';

/** Deterministic PRNG (mulberry32): the same seed gives the same files everywhere. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export type Customer = {
  readonly id: string;
  readonly age: number;
  readonly region: string;
  readonly plan: string;
  readonly tenureMonths: number;
  /** null in the raw export for a few rows (missing value). */
  readonly monthlySpend: number | null;
  readonly supportTickets: number;
  readonly churned: 0 | 1;
};

const REGIONS = ['north', 'south', 'east', 'west'] as const;
const PLANS = ['basic', 'standard', 'premium'] as const;
export const CSV_HEADER = 'customer_id,age,region,plan,tenure_months,monthly_spend,support_tickets,churned';

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

/** A churn table: a few thousand customers whose label depends on their features plus noise. */
export function generateCustomers(count: number, seed: number): Customer[] {
  const random = createRandom(seed);
  const customers: Customer[] = [];
  for (let i = 0; i < count; i++) {
    const age = 18 + Math.floor(random() * 62);
    const plan = pick(random, PLANS);
    const tenureMonths = 1 + Math.floor(random() * 72);
    const supportTickets = Math.min(9, Math.floor(-Math.log(1 - random()) * 1.6));
    const base = plan === 'basic' ? 19 : plan === 'standard' ? 39 : 79;
    const spend = Math.round((base + random() * base * 0.6) * 100) / 100;
    const logit = -0.6 + 0.45 * supportTickets - 0.045 * tenureMonths + (plan === 'basic' ? 0.7 : 0) - 0.012 * (age - 45);
    const churned = random() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
    customers.push({
      id: `C${String(i + 1).padStart(5, '0')}`,
      age,
      region: pick(random, REGIONS),
      plan,
      tenureMonths,
      monthlySpend: random() < 0.02 ? null : spend,
      supportTickets,
      churned,
    });
  }
  return customers;
}

export function toCsv(rows: readonly Customer[]): string {
  const lines = rows.map((r) =>
    [r.id, r.age, r.region, r.plan, r.tenureMonths, r.monthlySpend?.toFixed(2) ?? '', r.supportTickets, r.churned].join(','),
  );
  return `${CSV_HEADER}\n${lines.join('\n')}\n`;
}

/** Fisher–Yates with the seeded PRNG. */
export function shuffle<T>(items: readonly T[], seed: number): T[] {
  const random = createRandom(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** Float32 little-endian weights of a small MLP, like a serialised checkpoint. */
export function modelWeights(count: number, seed: number, scale: number): Uint8Array<ArrayBuffer> {
  const random = createRandom(seed);
  const bytes = new Uint8Array(count * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < count; i++) view.setFloat32(i * 4, (random() * 2 - 1) * scale, true);
  return bytes;
}

/** A bar chart (white background, indigo bars, grey baseline) as PNG bytes. */
export function barChartPng(values: readonly number[], width = 160, height = 96): Uint8Array<ArrayBuffer> {
  const pixels = new Uint8Array(width * height * 3).fill(255);
  const set = (x: number, y: number, [r, g, b]: readonly [number, number, number]) => {
    const o = (y * width + x) * 3;
    pixels[o] = r;
    pixels[o + 1] = g;
    pixels[o + 2] = b;
  };
  const margin = 8;
  const baseline = height - margin;
  const max = Math.max(1, ...values);
  const slot = (width - 2 * margin) / Math.max(1, values.length);
  values.forEach((value, i) => {
    const barHeight = Math.round((value / max) * (height - 2 * margin));
    const x0 = Math.round(margin + i * slot + slot * 0.15);
    const x1 = Math.round(margin + (i + 1) * slot - slot * 0.15);
    for (let x = x0; x < x1; x++) {
      for (let y = baseline - barHeight; y < baseline; y++) set(x, y, [79, 70, 229]);
    }
  });
  for (let x = margin - 2; x < width - margin + 2; x++) set(x, baseline, [148, 163, 184]);
  return encodePng({ width, height, pixels });
}

/** Counts of `values` in `bins` equal-width bins over [min, max]. */
export function histogram(values: readonly number[], bins: number, min: number, max: number): number[] {
  const counts = new Array<number>(bins).fill(0);
  for (const value of values) {
    const bin = Math.min(bins - 1, Math.max(0, Math.floor(((value - min) / (max - min)) * bins)));
    counts[bin] = (counts[bin] ?? 0) + 1;
  }
  return counts;
}
