import { describe, expect, it } from 'vitest';
import { formatBytes, formatCount, formatDuration } from './format';

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [1, '1 B'],
    [999, '999 B'],
    [999.6, '1 kB'],
    [1000, '1 kB'],
    [1500, '1.5 kB'],
    [1_234_567, '1.2 MB'],
    [1_500_000, '1.5 MB'],
    [12_345_678, '12.3 MB'],
    [123_456_789, '123 MB'],
    [999_449, '999 kB'],
    [999_949, '1 MB'],
    [99_940, '99.9 kB'],
    [999_950, '1 MB'],
    [999_999_999, '1 GB'],
    [5_000_000_000, '5 GB'],
    [2.5e12, '2.5 TB'],
    [3e18, '3000 PB'],
    [-1500, '-1.5 kB'],
    [Number.NaN, '—'],
    [Infinity, '—'],
  ])('%d → %s', (bytes, expected) => {
    expect(formatBytes(bytes)).toBe(expected);
  });
});

describe('formatCount', () => {
  it.each([
    [0, '0'],
    [7, '7'],
    [999, '999'],
    [1000, '1,000'],
    [100_000, '100,000'],
    [1_234_567, '1,234,567'],
    [-12_345, '-12,345'],
    [2.6, '3'],
    [Number.NaN, '—'],
  ])('%d → %s', (count, expected) => {
    expect(formatCount(count)).toBe(expected);
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0 ms'],
    [850, '850 ms'],
    [999.4, '999 ms'],
    [1000, '1.0 s'],
    [1234, '1.2 s'],
    [9999, '9.9 s'],
    [10_000, '10 s'],
    [42_900, '42 s'],
    [60_000, '1m 00s'],
    [187_000, '3m 07s'],
    [3_599_999, '59m 59s'],
    [3_600_000, '1h 00m'],
    [7_500_000, '2h 05m'],
    [86_400_000, '1d 00h'],
    [273_600_000, '3d 04h'],
    [-1, '—'],
    [Number.NaN, '—'],
  ])('%d ms → %s', (ms, expected) => {
    expect(formatDuration(ms)).toBe(expected);
  });
});
