import { toAppError } from '../../domain/errors';
import type { ArtifactStore } from '../../store/artifact-store';
import { digestOfBlob } from './blob-digest';
import type { HashMd5, VerifyProblem } from './verify';
import { hashMd5InPlace } from './verify';

export type RepairReport = {
  /** Paths whose stored copy was replaced by a local file with the same content. */
  readonly repaired: readonly string[];
  /** Damaged paths no local file matched (or whose repair failed, with why). */
  readonly left: readonly { readonly path: string; readonly reason: string }[];
  /** Local files read and hashed (those whose size matched a damaged file). */
  readonly filesHashed: number;
};

/** Local files hashed together (the worker pool spreads them). */
const HASH_BATCH_FILES = 64;

/**
 * Repairs damaged or missing stored copies from local files: a file whose bytes hash to a
 * damaged entry's digest (md5, or xxh3-128 for XXH128 entries) replaces the stored copy through
 * `repairBlob`, which checks the bytes again. Only files of a damaged entry's size are hashed.
 */
export async function repairFromFiles(
  store: Pick<ArtifactStore, 'repairBlob'>,
  problems: readonly VerifyProblem[],
  files: readonly File[],
  { hashMd5 = hashMd5InPlace, signal }: { hashMd5?: HashMd5; signal?: AbortSignal } = {},
): Promise<RepairReport> {
  const wanted = new Map<string, string[]>();
  const sizes = new Set<number>();
  for (const p of problems) {
    wanted.set(p.expected, [...(wanted.get(p.expected) ?? []), p.path]);
    if (p.size !== undefined) sizes.add(p.size);
  }
  const candidates = files.filter((f) => sizes.has(f.size));
  const found = new Map<string, File>();
  for (let at = 0; at < candidates.length && found.size < wanted.size; at += HASH_BATCH_FILES) {
    const batch = candidates.slice(at, at + HASH_BATCH_FILES);
    const md5s = await hashMd5(batch, signal);
    for (const [k, file] of batch.entries()) {
      const md5 = md5s[k];
      if (md5 !== undefined && wanted.has(md5)) found.set(md5, file);
      else {
        // Entries tagged XXH128 are stored under their xxh3-128 digest.
        const xxh = await digestOfBlob(file, 'xxh128');
        if (wanted.has(xxh)) found.set(xxh, file);
      }
    }
  }
  const repaired: string[] = [];
  const left: { path: string; reason: string }[] = [];
  for (const [digest, paths] of wanted) {
    const file = found.get(digest);
    if (!file) {
      for (const path of paths) left.push({ path, reason: 'no file in the folder has its content' });
      continue;
    }
    try {
      await store.repairBlob(digest, file);
      repaired.push(...paths);
    } catch (error) {
      for (const path of paths) left.push({ path, reason: toAppError(error).message });
    }
  }
  repaired.sort();
  left.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { repaired, left, filesHashed: candidates.length };
}
