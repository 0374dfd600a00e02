import { approximateNumber, isExactNumber } from '../../domain/exact-json';
import type { ExactNumber, JsonObject, JsonValue } from '../../domain/types';

/** A scalar found in a version's metadata, addressed by a dotted path: "metrics.accuracy". */
export type MetadataScalar = string | number | ExactNumber | boolean | null;

function isNumeric(value: MetadataScalar | undefined): value is number | ExactNumber {
  return typeof value === 'number' || isExactNumber(value);
}

/**
 * Flattens nested objects (not arrays) into dotted keys with scalar values, e.g.
 * { metrics: { acc: 0.9 } } → { "metrics.acc": 0.9 }. Arrays are kept out: they make poor columns.
 */
export function flattenMetadata(metadata: JsonObject, maxDepth = 3): Map<string, MetadataScalar> {
  const out = new Map<string, MetadataScalar>();
  const walk = (value: JsonValue, path: string, depth: number) => {
    if (value === null || typeof value !== 'object' || isExactNumber(value)) {
      out.set(path, value);
      return;
    }
    if (Array.isArray(value) || depth >= maxDepth) return;
    for (const [key, child] of Object.entries(value)) walk(child, path ? `${path}.${key}` : key, depth + 1);
  };
  walk(metadata, '', 0);
  return out;
}

/** The columns worth showing: keys present in any version, numeric ones first, at most `limit`. */
export function metadataColumns(rows: readonly Map<string, MetadataScalar>[], limit = 12): string[] {
  const numeric = new Map<string, number>();
  const seen = new Map<string, number>();
  for (const row of rows) {
    for (const [key, value] of row) {
      seen.set(key, (seen.get(key) ?? 0) + 1);
      if (isNumeric(value)) numeric.set(key, (numeric.get(key) ?? 0) + 1);
    }
  }
  return [...seen.keys()]
    .sort((a, b) => Number(numeric.has(b)) - Number(numeric.has(a)) || (seen.get(b) ?? 0) - (seen.get(a) ?? 0) || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, limit);
}

/** Sort order for a column: numbers numerically, then strings, then booleans; missing last. */
export function compareScalars(a: MetadataScalar | undefined, b: MetadataScalar | undefined): number {
  const rank = (v: MetadataScalar | undefined) =>
    v === undefined || v === null ? 3 : isNumeric(v) ? 0 : typeof v === 'string' ? 1 : 2;
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (isNumeric(a) && isNumeric(b)) {
    const difference = approximateNumber(a) - approximateNumber(b);
    return Number.isNaN(difference) ? 0 : difference; // both ±1e400-like: Infinity − Infinity
  }
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return 0;
}

export function formatScalar(value: MetadataScalar | undefined): string {
  if (value === undefined) return '';
  if (value === null) return 'null';
  if (isExactNumber(value)) return value.value;
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(6)));
  return String(value);
}
