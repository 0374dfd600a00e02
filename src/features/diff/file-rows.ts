/**
 * The compare view's file list: one row per path with its status, built from a ManifestDiff
 * (and, when unchanged files are shown too, from the newer manifest).
 */
import type { ManifestDiff } from '../../domain/diff';
import type { ManifestEntry } from '../../domain/types';

export type FileStatus = 'added' | 'removed' | 'modified' | 'renamed' | 'unchanged';

export interface FileRow {
  readonly status: FileStatus;
  /** The path on side B (side A for removed files). */
  readonly path: string;
  /** Side-A path of a renamed file. */
  readonly fromPath: string | null;
  readonly before: ManifestEntry | null;
  readonly after: ManifestEntry | null;
  /** after.size − before.size (missing sizes count as 0). */
  readonly sizeDelta: number;
}

const size = (entry: ManifestEntry | null) => entry?.size ?? 0;

function row(status: FileStatus, path: string, before: ManifestEntry | null, after: ManifestEntry | null, fromPath: string | null = null): FileRow {
  return { status, path, fromPath, before, after, sizeDelta: size(after) - size(before) };
}

/** Changed files, by path; with `next` also every unchanged one. */
export function buildFileRows(diff: ManifestDiff, next?: readonly ManifestEntry[]): FileRow[] {
  const rows: FileRow[] = [];
  for (const entry of diff.added) rows.push(row('added', entry.path, null, entry));
  for (const entry of diff.removed) rows.push(row('removed', entry.path, entry, null));
  for (const change of diff.modified) rows.push(row('modified', change.path, change.before, change.after));
  for (const rename of diff.renamed) rows.push(row('renamed', rename.to.path, rename.from, rename.to, rename.from.path));
  if (next) {
    const changed = new Set<string>();
    for (const r of rows) if (r.after) changed.add(r.path);
    for (const entry of next) if (!changed.has(entry.path)) rows.push(row('unchanged', entry.path, entry, entry));
  }
  // Any total order works for display; the native one is the fastest to sort 100k paths by.
  return rows.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Rows whose path (or former path) contains `query`, case-insensitively. */
export function filterFileRows(rows: readonly FileRow[], query: string): readonly FileRow[] {
  const q = query.trim().toLowerCase();
  if (q === '') return rows;
  return rows.filter((r) => r.path.toLowerCase().includes(q) || (r.fromPath?.toLowerCase().includes(q) ?? false));
}

/** Which viewer a file's content diff uses, by extension. */
export type ContentKind = 'image' | 'csv' | 'json' | 'text';

export function contentKindOf(path: string): ContentKind {
  const ext = /\.([^./]+)$/.exec(path)?.[1]?.toLowerCase() ?? '';
  if (['png', 'jpg', 'jpeg', 'gif', 'webp', 'bmp', 'avif'].includes(ext)) return 'image';
  if (['csv', 'tsv', 'tab'].includes(ext)) return 'csv';
  if (['json', 'ipynb'].includes(ext)) return 'json';
  return 'text';
}
