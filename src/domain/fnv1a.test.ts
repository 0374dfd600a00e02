import { describe, expect, it } from 'vitest';
import { fnv1a32 } from './fnv1a';

describe('fnv1a32', () => {
  // Reference values of 32-bit FNV-1a (offset basis 0x811c9dc5, prime 0x01000193).
  it.each([
    ['', 0x811c9dc5],
    ['a', 0xe40c292c],
    ['foobar', 0xbf9cf968],
  ])('hashes %j like the reference', (text, expected) => {
    expect(fnv1a32(text)).toBe(expected);
  });

  it('gives a different hash of the same text for another seed', () => {
    expect(fnv1a32('foobar', 0x9e3779b9)).not.toBe(fnv1a32('foobar'));
  });
});
