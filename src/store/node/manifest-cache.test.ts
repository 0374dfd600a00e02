import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ingestVersion } from '../ingest/ingest-version';
import { createMemoryStore } from '../memory-store';
import { manifestCachePath, readManifestCached } from './manifest-cache';

let home = '';
beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'as-manifests-'));
});
afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

async function loggedVersion() {
  const store = createMemoryStore();
  const blobs = new Map([['XUFAKrxLKna5cZ2REBfFkg==', new Blob(['hello'])]]);
  const { version } = await ingestVersion(store, {
    project: 'p', artifactName: 'a', type: 'dataset', description: '', metadata: {}, tags: [], aliases: [],
    entries: [{ path: 'hello.txt', digest: 'XUFAKrxLKna5cZ2REBfFkg==', size: 5 }], blobs, run: null,
  });
  return { store, version };
}

describe('readManifestCached', () => {
  it('reads the store once, then the copy under the home', async () => {
    const { store, version } = await loggedVersion();
    const read = vi.spyOn(store, 'readManifest');
    const first = await readManifestCached(store, version, home);
    const second = await readManifestCached(store, version, home);
    expect(second).toEqual(first);
    expect(first.map((e) => e.path)).toEqual(['hello.txt']);
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('ignores a copy that does not hash to the version digest, and replaces it', async () => {
    const { store, version } = await loggedVersion();
    const file = manifestCachePath(home, version.digest) ?? '';
    await readManifestCached(store, version, home);
    await writeFile(file, JSON.stringify([{ path: 'other.txt', digest: 'XUFAKrxLKna5cZ2REBfFkg==', size: 5 }]));
    const read = vi.spyOn(store, 'readManifest');
    expect((await readManifestCached(store, version, home)).map((e) => e.path)).toEqual(['hello.txt']);
    expect(read).toHaveBeenCalledTimes(1);
    expect(await readFile(file, 'utf8')).toContain('hello.txt');
  });
});
