import { describe, expect, it } from 'vitest';
import { md5Base64 } from '../../domain/digest';
import { isAppError } from '../../domain/errors';
import type { ManifestEntry, RunId } from '../../domain/types';
import { artifactIdOf, versionIdOf } from '../../domain/types';
import type { ArtifactStore } from '../../store/artifact-store';
import { createMemoryStore } from '../../store/memory-store';
import { syncArtifact, syncProject } from './sync-artifact';

const encoder = new TextEncoder();

async function file(store: ArtifactStore, path: string, text: string): Promise<ManifestEntry> {
  const bytes = encoder.encode(text);
  const digest = await md5Base64(bytes);
  await store.putBlobs([{ digest, blob: new Blob([bytes]) }]);
  return { path, digest, size: bytes.length };
}

/** data:v0 (input of run "train"), model:v0 (production) and model:v1 (candidate, produced by train). */
async function seed(store: ArtifactStore) {
  const data = await store.commitVersion({ project: 'p', artifactName: 'data', type: 'dataset', entries: [await file(store, 'd.csv', 'a,b\n1,2\n')] });
  await store.createRun({ id: 'train' as RunId, project: 'p', name: 'train', jobType: 'train', inputs: [data.version.id], state: 'finished' });
  await store.commitVersion({
    project: 'p',
    artifactName: 'model',
    type: 'model',
    entries: [await file(store, 'w.bin', 'weights-0'), await file(store, 'shared.txt', 'same')],
    aliases: ['production'],
    metadata: { acc: 0.8 },
  });
  await store.commitVersion({
    project: 'p',
    artifactName: 'model',
    type: 'model',
    entries: [await file(store, 'w.bin', 'weights-1'), await file(store, 'shared.txt', 'same')],
    aliases: ['candidate'],
    producedBy: 'train' as RunId,
    description: 'tuned',
  });
  await store.setAliasProtected(artifactIdOf('p', 'model'), 'production', true);
}

function countingPuts(store: ArtifactStore): { store: ArtifactStore; digests: string[] } {
  const digests: string[] = [];
  const wrapped: ArtifactStore = Object.create(store) as ArtifactStore;
  Object.assign(wrapped, {
    putBlobs: async (...args: Parameters<ArtifactStore['putBlobs']>) => {
      digests.push(...args[0].map((b) => b.digest));
      return store.putBlobs(...args);
    },
  });
  return { store: wrapped, digests };
}

describe('syncArtifact', () => {
  it('copies every version oldest first with aliases, digests, the producing run and protection; sends each blob once', async () => {
    const source = createMemoryStore();
    await seed(source);
    const target = createMemoryStore();
    const counted = countingPuts(target);
    const progress: number[] = [];
    const result = await syncArtifact({ source, target: counted.store, artifactId: artifactIdOf('p', 'model'), onProgress: (p) => progress.push(p.versionsDone) });

    expect(result).toMatchObject({ copied: 2, skipped: 0, blobsSent: 3, runsCreated: 1 });
    expect(new Set(counted.digests).size).toBe(counted.digests.length);
    const [sourceVersions, targetVersions] = await Promise.all([source.listVersions(artifactIdOf('p', 'model')), target.listVersions(artifactIdOf('p', 'model'))]);
    expect(targetVersions.map((v) => [v.index, v.digest, v.aliases, v.producedBy, v.description])).toEqual(
      sourceVersions.map((v) => [v.index, v.digest, v.aliases, v.producedBy, v.description]),
    );
    expect((await target.getArtifact(artifactIdOf('p', 'model'))).protectedAliases).toEqual(['production']);
    // The run exists, without the input the target does not have (data was not pushed).
    expect((await target.getRun('train' as RunId)).inputs).toEqual([]);
    expect(progress.at(-1)).toBe(2);
    expect((await target.checkIntegrity()).ok).toBe(true);
  });

  it('maps run inputs the target has, and a second sync copies nothing', async () => {
    const source = createMemoryStore();
    await seed(source);
    const target = createMemoryStore();
    await syncArtifact({ source, target, artifactId: artifactIdOf('p', 'data') });
    await syncArtifact({ source, target, artifactId: artifactIdOf('p', 'model') });
    expect((await target.getRun('train' as RunId)).inputs).toEqual([versionIdOf('p', 'data', 0)]);

    const counted = countingPuts(target);
    const again = await syncArtifact({ source, target: counted.store, artifactId: artifactIdOf('p', 'model') });
    expect(again).toMatchObject({ copied: 0, skipped: 2, blobsSent: 0 });
    expect(counted.digests).toEqual([]);
  });

  it('sends only the blobs the target lacks, and moves aliases onto versions it already has', async () => {
    const source = createMemoryStore();
    await seed(source);
    const target = createMemoryStore();
    // The target already has model v0's content (without the alias) and the shared file.
    const v0 = await source.readManifest(versionIdOf('p', 'model', 0));
    for (const entry of v0) await target.putBlobs([{ digest: entry.digest, blob: await source.readBlob(entry.digest) }]);
    await target.commitVersion({ project: 'p', artifactName: 'model', type: 'model', entries: v0 });

    const counted = countingPuts(target);
    const result = await syncArtifact({ source, target: counted.store, artifactId: artifactIdOf('p', 'model') });
    expect(result).toMatchObject({ copied: 1, skipped: 1, blobsSent: 1, blobsSkipped: 1 });
    expect(counted.digests).toHaveLength(1);
    expect((await target.resolveVersion(artifactIdOf('p', 'model'), 'production')).index).toBe(0);
    expect((await target.resolveVersion(artifactIdOf('p', 'model'), 'candidate')).index).toBe(1);
  });

  it('stops with a "cancelled" error when the signal aborts, keeping what was copied', async () => {
    const source = createMemoryStore();
    await seed(source);
    const target = createMemoryStore();
    const controller = new AbortController();
    const error = await syncArtifact({
      source,
      target,
      artifactId: artifactIdOf('p', 'model'),
      signal: controller.signal,
      onProgress: (p) => {
        if (p.versionsDone === 1) controller.abort();
      },
    }).catch((thrown: unknown) => thrown);
    expect(isAppError(error) && error.code).toBe('cancelled');
    expect((await target.listVersions(artifactIdOf('p', 'model'))).map((v) => v.index)).toEqual([0]);
  });

  it('syncProject copies every artifact, inputs first, so runs arrive with their inputs', async () => {
    const source = createMemoryStore();
    await seed(source);
    const target = createMemoryStore();
    const progress: { done: number; total: number }[] = [];
    const result = await syncProject({ source, target, project: 'p', onProgress: (p) => progress.push({ done: p.versionsDone, total: p.versionsTotal }) });
    expect(result).toMatchObject({ copied: 3, skipped: 0, runsCreated: 1 });
    expect((await target.getRun('train' as RunId)).inputs).toEqual([versionIdOf('p', 'data', 0)]);
    expect(progress.at(-1)).toEqual({ done: 3, total: 3 });
    expect((await target.checkIntegrity()).ok).toBe(true);
  });
});
