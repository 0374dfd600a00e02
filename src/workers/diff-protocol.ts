/**
 * Messages between the diff client (main thread) and `diff.worker.ts`. The worker reads the
 * Blobs itself so decoding megabytes of text never touches the main thread.
 */
import type { CsvDiff, Delimiter } from '../domain/csv-diff';
import type { JsonDiff } from '../domain/json-diff';

export type DiffTask =
  | { readonly kind: 'text'; readonly before: Blob; readonly after: Blob; readonly context?: number }
  | { readonly kind: 'csv'; readonly before: Blob; readonly after: Blob; readonly delimiter?: Delimiter }
  | { readonly kind: 'json'; readonly before: Blob; readonly after: Blob };

export type DiffRequest = { readonly id: number; readonly task: DiffTask };

/** What was compared when a side was larger than the cap. */
export interface CapNote {
  readonly capBytes: number;
  readonly beforeSize: number;
  readonly afterSize: number;
}

export interface TextHunk {
  readonly oldStart: number;
  readonly oldLines: number;
  readonly newStart: number;
  readonly newLines: number;
  /** Each line starts with '+', '-', ' ' or '\\' (no newline at end of file). */
  readonly lines: readonly string[];
}

export type TextDiffResult = {
  readonly kind: 'text';
  /** A NUL byte was found: no line diff is shown. */
  readonly binary: boolean;
  /** Set when a side was cut to the cap before diffing. */
  readonly capped: CapNote | null;
  /** The edit distance was too large to finish within the time limit. */
  readonly tooComplex: boolean;
  readonly hunks: readonly TextHunk[];
  readonly linesAdded: number;
  readonly linesRemoved: number;
};

export type CsvDiffResult = { readonly kind: 'csv'; readonly diff: CsvDiff; readonly capped: CapNote | null };

export type JsonDiffResult =
  | { readonly kind: 'json'; readonly ok: true; readonly diff: JsonDiff }
  /** One side is not valid JSON: the caller falls back to a text diff. */
  | { readonly kind: 'json'; readonly ok: false; readonly message: string };

export type DiffResult = TextDiffResult | CsvDiffResult | JsonDiffResult;

export type DiffResponse =
  | { readonly id: number; readonly ok: true; readonly result: DiffResult }
  | { readonly id: number; readonly ok: false; readonly message: string };
