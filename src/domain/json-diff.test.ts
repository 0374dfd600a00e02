import { describe, expect, it } from 'vitest';
import { diffJson, formatJsonPath, relativeChange } from './json-diff';
import type { JsonChange, JsonPath } from './json-diff';
import type { JsonValue } from './types';

/** A change as one readable line. */
function line(change: JsonChange): string {
  const path = formatJsonPath(change.path);
  if (change.kind === 'added') return `+ ${path} = ${JSON.stringify(change.after)}`;
  if (change.kind === 'removed') return `- ${path} = ${JSON.stringify(change.before)}`;
  const delta = change.delta === null ? '' : ` (Δ ${Number(change.delta.toFixed(6))})`;
  return `~ ${path}: ${JSON.stringify(change.before)} → ${JSON.stringify(change.after)}${delta}`;
}

describe('diffJson', () => {
  it.each<[string, JsonValue, JsonValue, string[], number]>([
    ['equal scalars', 1, 1, [], 1],
    ['equal objects', { a: 1, b: [1, 2] }, { a: 1, b: [1, 2] }, [], 3],
    ['a changed number has its delta', { accuracy: 0.842 }, { accuracy: 0.871 }, ['~ accuracy: 0.842 → 0.871 (Δ 0.029)'], 0],
    ['a changed string has no delta', { name: 'a' }, { name: 'b' }, ['~ name: "a" → "b"'], 0],
    ['added and removed keys', { a: 1, gone: true }, { a: 1, fresh: null }, ['- gone = true', '+ fresh = null'], 1],
    [
      'nested keys keep their path',
      { metrics: { val: { loss: 0.5, f1: 0.7 } } },
      { metrics: { val: { loss: 0.25, f1: 0.7 } } },
      ['~ metrics.val.loss: 0.5 → 0.25 (Δ -0.25)'],
      1,
    ],
    ['arrays compare by index; extra items are added', [1, 2], [1, 3, 4], ['~ [1]: 2 → 3 (Δ 1)', '+ [2] = 4'], 1],
    ['shorter arrays remove their tail', { s: [1, 2, 3] }, { s: [1] }, ['- s[1] = 2', '- s[2] = 3'], 1],
    ['a type change is one change, not a subtree diff', { a: { x: 1 } }, { a: [1] }, ['~ a: {"x":1} → [1]'], 0],
    ['null vs 0 is a change without delta', { a: null }, { a: 0 }, ['~ a: null → 0'], 0],
    ['odd keys are quoted in paths', { 'learning rate': 1 }, { 'learning rate': 2 }, ['~ ["learning rate"]: 1 → 2 (Δ 1)'], 0],
    ['a removed subtree is one change', { a: { b: { c: 1 } } }, {}, ['- a = {"b":{"c":1}}'], 0],
    ['root replaced', 'x', { a: 1 }, ['~ (root): "x" → {"a":1}'], 0],
  ])('%s', (_name, before, after, expected, unchanged) => {
    const diff = diffJson(before, after);
    expect(diff.changes.map(line)).toEqual(expected);
    expect(diff.unchanged).toBe(unchanged);
    expect(diff.truncated).toBe(false);
  });

  it('stops listing at maxChanges and says so', () => {
    const before = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, i]));
    const after = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, i + 1]));
    const diff = diffJson(before, after, { maxChanges: 10 });
    expect(diff.changes).toHaveLength(10);
    expect(diff.truncated).toBe(true);
  });

  it('diffs 10 000 keys quickly', () => {
    const before = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`k${i}`, { v: i }]));
    const after = { ...before, k5: { v: -1 } };
    const start = performance.now();
    const diff = diffJson(before, after);
    expect(performance.now() - start).toBeLessThan(200);
    expect(diff.changes.map(line)).toEqual(['~ k5.v: 5 → -1 (Δ -6)']);
  });
});

describe('formatJsonPath', () => {
  it.each<[JsonPath, string]>([
    [[], '(root)'],
    [['a'], 'a'],
    [['a', 'b'], 'a.b'],
    [['a', 0, 'b'], 'a[0].b'],
    [[0], '[0]'],
    [['a.b'], '["a.b"]'],
    [['x', ''], 'x[""]'],
  ])('%j → %s', (path, expected) => {
    expect(formatJsonPath(path)).toBe(expected);
  });
});

describe('relativeChange', () => {
  it.each<[JsonValue, JsonValue, number | null]>([
    [100, 110, 10],
    [-2, -1, 50],
    [0, 5, null],
    ['1', 2, null],
  ])('%j → %j = %j', (before, after, expected) => {
    const result = relativeChange(before, after);
    if (expected === null) expect(result).toBeNull();
    else expect(result).toBeCloseTo(expected);
  });
});
