/**
 * "Check a local folder against a version": which local files match the manifest, differ
 * from it, are missing locally, or are extra. Pure; the caller hashes the files.
 */
import { withoutTopFolder } from '../../domain/paths';
import type { ManifestEntry } from '../../domain/types';

export interface LocalFile {
  /** Path relative to the checked folder, "/"-separated. */
  readonly path: string;
  /** base64 md5. */
  readonly digest: string;
  readonly size: number;
}

export type FolderCheckStatus = 'match' | 'differ' | 'missing' | 'extra';

export interface FolderCheckRow {
  readonly path: string;
  readonly status: FolderCheckStatus;
  readonly expected: ManifestEntry | null;
  readonly local: LocalFile | null;
}

export interface FolderCheckResult {
  readonly rows: FolderCheckRow[];
  readonly counts: Record<FolderCheckStatus, number>;
  /** Reference entries are not compared (their bytes live elsewhere). */
  readonly skippedReferences: number;
}

/**
 * The paths of a chosen folder relative to it: `webkitRelativePath` starts with the folder's
 * own name, which is dropped when every file shares it and the manifest does not use it.
 */
export function stripTopFolder(paths: readonly string[], manifestPaths: ReadonlySet<string>): string[] {
  const first = paths[0]?.split('/')[0];
  if (first === undefined || !paths.every((p) => p.startsWith(`${first}/`))) return [...paths];
  const stripped = paths.map(withoutTopFolder);
  const hitsFull = paths.filter((p) => manifestPaths.has(p)).length;
  const hitsStripped = stripped.filter((p) => manifestPaths.has(p)).length;
  return hitsStripped >= hitsFull ? stripped : [...paths];
}

export function checkFolder(manifest: readonly ManifestEntry[], local: readonly LocalFile[]): FolderCheckResult {
  const byPath = new Map(local.map((file) => [file.path, file]));
  const rows: FolderCheckRow[] = [];
  let skippedReferences = 0;
  const seen = new Set<string>();
  for (const entry of manifest) {
    if (entry.ref !== undefined) {
      skippedReferences += 1;
      seen.add(entry.path);
      continue;
    }
    seen.add(entry.path);
    const file = byPath.get(entry.path) ?? null;
    const status: FolderCheckStatus = file === null ? 'missing' : file.digest === entry.digest ? 'match' : 'differ';
    rows.push({ path: entry.path, status, expected: entry, local: file });
  }
  for (const file of local) {
    if (!seen.has(file.path)) rows.push({ path: file.path, status: 'extra', expected: null, local: file });
  }
  const order: Record<FolderCheckStatus, number> = { differ: 0, missing: 1, extra: 2, match: 3 };
  rows.sort((a, b) => order[a.status] - order[b.status] || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const counts: Record<FolderCheckStatus, number> = { match: 0, differ: 0, missing: 0, extra: 0 };
  for (const r of rows) counts[r.status] += 1;
  return { rows, counts, skippedReferences };
}
