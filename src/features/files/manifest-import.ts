import { entryDigestAlgorithm } from '../../domain/digest';
import { AppError } from '../../domain/errors';
import { parseExactJson } from '../../domain/exact-json';
import { parseManifest } from '../../domain/manifest';
import { refuseFileFolderClash, withoutTopFolder } from '../../domain/paths';
import type { ManifestEntry } from '../../domain/types';
import type { BlobInput } from '../../store/artifact-store';
import { digestOfBlob } from './blob-digest';
import type { HashMd5 } from './verify';
import { hashMd5InPlace } from './verify';

export const MANIFEST_FILE_NAME = 'wandb_manifest.json';

/** A file picked with a folder input: its path relative to the picked folder's root. */
export type ImportFile = { readonly path: string; readonly blob: Blob };

export type ImportProblem = {
  readonly path: string;
  readonly kind: 'missing' | 'mismatch';
  readonly expected: string;
  /** Digest (or "N bytes" for a size mismatch) of the file found; null when missing. */
  readonly actual: string | null;
};

export type CheckedImport = {
  readonly entries: ManifestEntry[];
  /** The bytes to store, one per distinct digest. */
  readonly blobs: BlobInput[];
  readonly problems: ImportProblem[];
  /** Files in the folder that the manifest does not list (ignored). */
  readonly unlisted: string[];
};

/**
 * Files from `<input webkitdirectory>`: `webkitRelativePath` starts with the picked folder's
 * name, which is dropped. The manifest's folder is the root: files are looked up next to it.
 */
export function filesFromFolderInput(files: readonly File[]): { manifest: File | null; files: ImportFile[] } {
  const withPaths = files.map((file) => ({ path: withoutTopFolder((file.webkitRelativePath || file.name).replace(/\\/g, '/')), blob: file, file }));
  const rooted = rootAtManifest(withPaths);
  return {
    manifest: rooted.manifest?.file ?? null,
    files: rooted.files.map(({ path, blob }) => ({ path, blob })),
  };
}

/**
 * The shallowest `wandb_manifest.json` among `items` (a folder or zip may hold it at its root or
 * under a top-level folder) and the items beside or below it, their paths made relative to its
 * folder. Without a manifest, every item is returned unchanged.
 */
export function rootAtManifest<T extends { readonly path: string }>(items: readonly T[]): { manifest: T | null; files: T[] } {
  const manifests = items
    .filter((f) => f.path === MANIFEST_FILE_NAME || f.path.endsWith(`/${MANIFEST_FILE_NAME}`))
    .sort((a, b) => a.path.split('/').length - b.path.split('/').length);
  const found = manifests[0];
  if (!found) return { manifest: null, files: [...items] };
  const prefix = found.path.slice(0, found.path.length - MANIFEST_FILE_NAME.length);
  return {
    manifest: found,
    files: items.filter((f) => f !== found && f.path.startsWith(prefix)).map((f) => ({ ...f, path: f.path.slice(prefix.length) })),
  };
}

/** The manifest's entries, or a refusal naming the file when its text is not JSON. */
export function parseManifestText(manifestText: string): ManifestEntry[] {
  // Numbers in entries' `extra` are kept exactly as written.
  const entries = parseManifest(parseExactJson(manifestText, MANIFEST_FILE_NAME, 'invalid-manifest'));
  refuseFileFolderClash(entries.map((entry) => entry.path));
  return entries;
}

type CheckOptions = {
  hashMd5?: HashMd5;
  signal?: AbortSignal;
  /** What the reader already found without reading the files (a zip's directory): reported as is. */
  found?: { readonly problems: readonly ImportProblem[]; readonly unlisted: readonly string[] };
};

/**
 * Parses the manifest and checks every non-reference entry against the file at its path: the
 * file must exist, have the listed size and hash to the listed digest. Returns every problem
 * at once so the user can fix them all.
 */
export async function checkManifestImport(
  manifestText: string,
  files: readonly ImportFile[],
  { hashMd5 = hashMd5InPlace, signal, found }: CheckOptions = {},
): Promise<CheckedImport> {
  const entries = parseManifestText(manifestText);
  const byPath = new Map(files.map((f) => [f.path, f.blob]));
  const problems: ImportProblem[] = [...(found?.problems ?? [])];
  const alreadyFound = new Set(problems.map((p) => p.path));
  const toHash: { entry: ManifestEntry; blob: Blob }[] = [];
  const listed = new Set<string>();
  for (const entry of entries) {
    listed.add(entry.path);
    const algorithm = entryDigestAlgorithm(entry);
    if (algorithm === 'reference' || alreadyFound.has(entry.path)) continue;
    const blob = byPath.get(entry.path);
    if (!blob) {
      problems.push({ path: entry.path, kind: 'missing', expected: entry.digest, actual: null });
      continue;
    }
    if (entry.size !== undefined && entry.size !== blob.size) {
      problems.push({ path: entry.path, kind: 'mismatch', expected: `${entry.size} bytes`, actual: `${blob.size} bytes` });
      continue;
    }
    toHash.push({ entry, blob });
  }
  const md5Items = toHash.filter((item) => entryDigestAlgorithm(item.entry) === 'md5');
  const md5s = await hashMd5(
    md5Items.map((item) => item.blob),
    signal,
  );
  const actual = new Map<ManifestEntry, string>();
  md5Items.forEach((item, k) => actual.set(item.entry, md5s[k] ?? ''));
  for (const item of toHash) {
    if (!actual.has(item.entry)) actual.set(item.entry, await digestOfBlob(item.blob, 'xxh128'));
  }
  const blobs = new Map<string, BlobInput>();
  for (const item of toHash) {
    const digest = actual.get(item.entry) ?? '';
    if (digest !== item.entry.digest) {
      problems.push({ path: item.entry.path, kind: 'mismatch', expected: item.entry.digest, actual: digest });
    } else if (!blobs.has(digest)) {
      blobs.set(digest, { digest, blob: item.blob });
    }
  }
  problems.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return {
    entries,
    blobs: [...blobs.values()],
    problems,
    unlisted: [...files.map((f) => f.path).filter((p) => !listed.has(p)), ...(found?.unlisted ?? [])],
  };
}

/** The refusal shown to the user: every problem, one per line. */
export function importRefusal(problems: readonly ImportProblem[]): AppError {
  const lines = problems.map((p) =>
    p.kind === 'missing'
      ? `missing: "${p.path}" (digest ${p.expected})`
      : `mismatch: "${p.path}" expected ${p.expected}, found ${p.actual ?? 'nothing'}`,
  );
  const counts = {
    missing: problems.filter((p) => p.kind === 'missing').length,
    mismatched: problems.filter((p) => p.kind === 'mismatch').length,
  };
  return new AppError(
    problems.some((p) => p.kind === 'mismatch') ? 'digest-mismatch' : 'missing-blob',
    `The manifest was refused: ${counts.mismatched} file(s) do not match their digest and ${counts.missing} are missing.\n${lines.join('\n')}`,
    { details: { problems } },
  );
}
