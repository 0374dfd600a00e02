/** One measured figure, as written to bench/RESULTS.md. */
export interface Figure {
  /** Issue the target comes from, e.g. "#2". */
  issue: string;
  name: string;
  value: number;
  unit: string;
  /** Human-readable target, e.g. "≤ 100 ms". */
  goal: string;
  met: boolean;
  /** Extra facts: the runs, a baseline measured in the same run, a ratio. */
  note?: string;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

export function ms(value: number): string {
  return `${value.toFixed(1)} ms`;
}
