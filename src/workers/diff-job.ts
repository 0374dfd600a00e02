/**
 * The work a diff worker does, as a plain async function so it runs (and is tested) in Node
 * as well as in the worker.
 */
import { structuredPatch } from 'diff';
import { diffCsv } from '../domain/csv-diff';
import { diffJson } from '../domain/json-diff';
import { parseExactJson } from '../domain/exact-json';
import type { JsonValue } from '../domain/types';
import type { CapNote, DiffResult, DiffTask, TextDiffResult } from './diff-protocol';

/** Bytes per side a text or CSV diff reads; beyond that the first part is compared and the UI says so. */
export const TEXT_DIFF_CAP = 10 * 1000 * 1000;
export const CSV_DIFF_CAP = 20 * 1000 * 1000;
/** JSON is parsed whole; larger files are diffed as text. */
export const JSON_DIFF_CAP = 20 * 1000 * 1000;
/** A line diff that takes longer than this gives up and says so. */
export const TEXT_DIFF_TIMEOUT_MS = 15_000;

async function readCapped(before: Blob, after: Blob, cap: number): Promise<{ a: string; b: string; capped: CapNote | null }> {
  const capped = before.size > cap || after.size > cap ? { capBytes: cap, beforeSize: before.size, afterSize: after.size } : null;
  const [a, b] = await Promise.all([before.slice(0, cap).text(), after.slice(0, cap).text()]);
  return { a, b, capped };
}

function looksBinary(text: string): boolean {
  return text.slice(0, 8000).includes('\u0000');
}

export function textDiff(a: string, b: string, context = 3, capped: CapNote | null = null): TextDiffResult {
  const empty = { capped, hunks: [], linesAdded: 0, linesRemoved: 0 };
  if (looksBinary(a) || looksBinary(b)) return { kind: 'text', binary: true, tooComplex: false, ...empty };
  const patch = structuredPatch('before', 'after', a, b, undefined, undefined, { context, timeout: TEXT_DIFF_TIMEOUT_MS });
  if (patch === undefined) return { kind: 'text', binary: false, tooComplex: true, ...empty };
  let linesAdded = 0;
  let linesRemoved = 0;
  for (const hunk of patch.hunks) {
    for (const line of hunk.lines) {
      if (line.startsWith('+')) linesAdded += 1;
      else if (line.startsWith('-')) linesRemoved += 1;
    }
  }
  const hunks = patch.hunks.map(({ oldStart, oldLines, newStart, newLines, lines }) => ({ oldStart, oldLines, newStart, newLines, lines }));
  return { kind: 'text', binary: false, tooComplex: false, capped, hunks, linesAdded, linesRemoved };
}

export async function runDiffTask(task: DiffTask): Promise<DiffResult> {
  if (task.kind === 'text') {
    const { a, b, capped } = await readCapped(task.before, task.after, TEXT_DIFF_CAP);
    return textDiff(a, b, task.context ?? 3, capped);
  }
  if (task.kind === 'csv') {
    const { a, b, capped } = await readCapped(task.before, task.after, CSV_DIFF_CAP);
    return { kind: 'csv', diff: diffCsv(a, b, task.delimiter ? { delimiter: task.delimiter } : {}), capped };
  }
  if (task.before.size > JSON_DIFF_CAP || task.after.size > JSON_DIFF_CAP) {
    return { kind: 'json', ok: false, message: `a side is larger than ${JSON_DIFF_CAP / 1e6} MB` };
  }
  const [a, b] = await Promise.all([task.before.text(), task.after.text()]);
  let before: JsonValue;
  let after: JsonValue;
  try {
    // Numbers exactly as written: 12345678901234567890 and …891 differ; nesting is bounded.
    before = parseExactJson(a, 'A', 'invalid-json');
    after = parseExactJson(b, 'B', 'invalid-json');
  } catch (error) {
    return { kind: 'json', ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  return { kind: 'json', ok: true, diff: diffJson(before, after) };
}
