/**
 * A version's manifest is fixed by its artifact digest, so `get` keeps a copy under the CLI's
 * home and reads it instead of asking the store again (the version record, then the manifest:
 * two more round trips on every `get`). A copy is used only when it hashes to its digest, so
 * a damaged or edited one is read from the store again and replaced.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { artifactDigest } from '../../domain/digest';
import type { ArtifactVersion, ManifestEntry } from '../../domain/types';
import type { ArtifactStore } from '../artifact-store';

const DIGEST = /^[0-9a-f]{32}$/;

export function manifestCachePath(home: string, digest: string): string | null {
  return DIGEST.test(digest) ? join(home, 'manifests', `${digest}.json`) : null;
}

async function readCopy(file: string, digest: string): Promise<ManifestEntry[] | null> {
  try {
    const entries = JSON.parse(await readFile(file, 'utf8')) as ManifestEntry[];
    return Array.isArray(entries) && (await artifactDigest(entries)) === digest ? entries : null;
  } catch {
    return null; // missing or unreadable: read from the store
  }
}

/** The manifest of `version`: the copy under `home` when it is sound, else the store's (then kept). */
export async function readManifestCached(store: ArtifactStore, version: ArtifactVersion, home: string): Promise<ManifestEntry[]> {
  const file = manifestCachePath(home, version.digest);
  const copy = file === null ? null : await readCopy(file, version.digest);
  if (copy !== null) return copy;
  const entries = await store.readManifest(version.id);
  if (file !== null) {
    try {
      await mkdir(join(home, 'manifests'), { recursive: true });
      const temporary = `${file}.${process.pid}.tmp`;
      await writeFile(temporary, JSON.stringify(entries));
      await rename(temporary, file);
    } catch {
      // a home that cannot be written only costs the next get its round trips
    }
  }
  return entries;
}
