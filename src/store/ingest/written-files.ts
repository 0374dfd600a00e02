/** End offsets of files written one after the other: [3, 5, 9] for sizes [3, 2, 4]. */
export function cumulativeSizes(sizes: readonly number[]): number[] {
  let offset = 0;
  return sizes.map((size) => (offset += size));
}

/** How many files are completely written once `bytesDone` bytes are (binary search over `ends`). */
export function filesWrittenAt(ends: readonly number[], bytesDone: number): number {
  let low = 0;
  let high = ends.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((ends[mid] ?? 0) <= bytesDone) low = mid + 1;
    else high = mid;
  }
  return low;
}
