/**
 * FNV-1a, 32 bit, over UTF-16 code units: a fast non-cryptographic hash for short ids and cache
 * keys (lineage cluster ids, layout cache keys, test fixtures). Not for anything an attacker
 * chooses against: collisions are easy to make. `seed` gives a second, independent hash of the
 * same text when 32 bits are too few.
 */
export function fnv1a32(text: string, seed = 0x811c9dc5): number {
  let hash = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
