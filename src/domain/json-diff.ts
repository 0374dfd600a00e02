/**
 * Structural diff of two JSON values (metadata, metrics, config files): which keys were
 * added, removed or changed, nested, with the numeric delta where both sides are numbers.
 * Arrays are compared index by index (a metric history or a shape, not a set).
 */
import { isExactNumber, sameNumber } from './exact-json';
import type { ExactNumber, JsonValue } from './types';

export type JsonPathSegment = string | number;
export type JsonPath = readonly JsonPathSegment[];

export type JsonChange =
  | { readonly kind: 'added'; readonly path: JsonPath; readonly after: JsonValue }
  | { readonly kind: 'removed'; readonly path: JsonPath; readonly before: JsonValue }
  | {
      readonly kind: 'changed';
      readonly path: JsonPath;
      readonly before: JsonValue;
      readonly after: JsonValue;
      /** after − before when both are numbers, else null. */
      readonly delta: number | null;
    };

export interface JsonDiff {
  /** In document order: keys of `before` first, then keys only `after` has. */
  readonly changes: JsonChange[];
  /** Leaves (and whole added/removed subtrees) found equal on both sides. */
  readonly unchanged: number;
  /** True when `maxChanges` was reached and the rest was not listed. */
  readonly truncated: boolean;
}

export interface JsonDiffOptions {
  /** Stop listing after this many changes (default 10 000). */
  readonly maxChanges?: number;
}

type JsonObjectValue = { [key: string]: JsonValue };

function isObject(value: JsonValue): value is JsonObjectValue {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !isExactNumber(value);
}

function kindOf(value: JsonValue): 'object' | 'array' | 'leaf' {
  return Array.isArray(value) ? 'array' : isObject(value) ? 'object' : 'leaf';
}

function isNumber(value: JsonValue): value is number | ExactNumber {
  return typeof value === 'number' || isExactNumber(value);
}

function sameLeaf(a: JsonValue, b: JsonValue): boolean {
  // Objects/arrays never reach here; NaN cannot occur in JSON. Numbers compare as written.
  if (isNumber(a) && isNumber(b)) return sameNumber(a, b);
  return a === b;
}

/** Compares two JSON values structurally. */
export function diffJson(before: JsonValue, after: JsonValue, options: JsonDiffOptions = {}): JsonDiff {
  const maxChanges = options.maxChanges ?? 10_000;
  const changes: JsonChange[] = [];
  let unchanged = 0;
  let truncated = false;

  const push = (change: JsonChange): boolean => {
    if (changes.length >= maxChanges) {
      truncated = true;
      return false;
    }
    changes.push(change);
    return true;
  };

  const walk = (a: JsonValue, b: JsonValue, path: JsonPathSegment[]): boolean => {
    const ka = kindOf(a);
    const kb = kindOf(b);
    if (ka === 'object' && kb === 'object') {
      const objA = a as JsonObjectValue;
      const objB = b as JsonObjectValue;
      for (const key of Object.keys(objA)) {
        const valueA = objA[key] as JsonValue;
        if (!Object.hasOwn(objB, key)) {
          if (!push({ kind: 'removed', path: [...path, key], before: valueA })) return false;
        } else if (!walk(valueA, objB[key] as JsonValue, [...path, key])) return false;
      }
      for (const key of Object.keys(objB)) {
        if (Object.hasOwn(objA, key)) continue;
        if (!push({ kind: 'added', path: [...path, key], after: objB[key] as JsonValue })) return false;
      }
      return true;
    }
    if (ka === 'array' && kb === 'array') {
      const arrA = a as JsonValue[];
      const arrB = b as JsonValue[];
      const common = Math.min(arrA.length, arrB.length);
      for (let i = 0; i < common; i++) {
        if (!walk(arrA[i] as JsonValue, arrB[i] as JsonValue, [...path, i])) return false;
      }
      for (let i = common; i < arrA.length; i++) {
        if (!push({ kind: 'removed', path: [...path, i], before: arrA[i] as JsonValue })) return false;
      }
      for (let i = common; i < arrB.length; i++) {
        if (!push({ kind: 'added', path: [...path, i], after: arrB[i] as JsonValue })) return false;
      }
      return true;
    }
    if (ka === 'leaf' && kb === 'leaf' && sameLeaf(a, b)) {
      unchanged += 1;
      return true;
    }
    // No delta for numbers JS cannot hold exactly: a rounded one would mislead.
    const delta = typeof a === 'number' && typeof b === 'number' ? b - a : null;
    return push({ kind: 'changed', path: [...path], before: a, after: b, delta });
  };

  walk(before, after, []);
  return { changes, unchanged, truncated };
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** `metrics.accuracy`, `layers[2].units`, `["odd key"]`; the root is `(root)`. */
export function formatJsonPath(path: JsonPath): string {
  if (path.length === 0) return '(root)';
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (IDENTIFIER.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/** Relative change in percent (after vs before), null when before is 0 or either is not a number. */
export function relativeChange(before: JsonValue, after: JsonValue): number | null {
  if (typeof before !== 'number' || typeof after !== 'number' || before === 0) return null;
  return ((after - before) / Math.abs(before)) * 100;
}
