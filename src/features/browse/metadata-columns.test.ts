import { describe, expect, it } from 'vitest';
import { compareScalars, flattenMetadata, formatScalar, metadataColumns } from './metadata-columns';

describe('flattenMetadata', () => {
  it('flattens nested objects into dotted keys and leaves arrays out', () => {
    const flat = flattenMetadata({ lr: 0.01, metrics: { acc: 0.9, f1: { macro: 0.8 } }, tags: ['a'], note: null });
    expect([...flat]).toEqual([
      ['lr', 0.01],
      ['metrics.acc', 0.9],
      ['metrics.f1.macro', 0.8],
      ['note', null],
    ]);
  });
});

describe('metadataColumns', () => {
  it('puts numeric keys first, then by how many versions have them', () => {
    const rows = [flattenMetadata({ a: 'x', n: 1, m: 2 }), flattenMetadata({ a: 'y', m: 3 })];
    expect(metadataColumns(rows)).toEqual(['m', 'n', 'a']);
    expect(metadataColumns(rows, 1)).toEqual(['m']);
  });
});

describe('compareScalars', () => {
  it('orders numbers numerically, strings, booleans, then missing', () => {
    const values = [undefined, 'b', 10, true, 2, 'a', null];
    // (Array.prototype.sort always puts undefined last, without calling the comparator.)
    expect([...values].sort(compareScalars)).toEqual([2, 10, 'a', 'b', true, null, undefined]);
    expect(compareScalars(undefined, 1)).toBeGreaterThan(0);
  });
  it('formats numbers compactly', () => {
    expect(formatScalar(0.1 + 0.2)).toBe('0.3');
    expect(formatScalar(3)).toBe('3');
    expect(formatScalar(undefined)).toBe('');
  });
});
