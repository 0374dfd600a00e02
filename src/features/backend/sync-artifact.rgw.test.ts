/**
 * Push and pull through a real S3 store (Ceph RGW): only missing blobs are PUT, a second push
 * sends nothing, and a pull into another browser's store gives the same versions and aliases.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { md5Base64 } from '../../domain/digest';
import type { ManifestEntry, RunId } from '../../domain/types';
import { artifactIdOf } from '../../domain/types';
import type { ArtifactStore } from '../../store/artifact-store';
import { createMemoryStore } from '../../store/memory-store';
import { createS3Store } from '../../store/s3/create-s3-store';
import { deletePrefixes, ensureTestBucket, recordingFetch, s3TestEnv, testConfig } from '../../store/s3/s3-test-env';
import { syncArtifact } from './sync-artifact';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const env = s3TestEnv();
const prefixes: string[] = [];
beforeAll(() => ensureTestBucket(env));
afterAll(() => deletePrefixes(env, prefixes));

async function file(store: ArtifactStore, path: string, text: string): Promise<ManifestEntry> {
  const bytes = new TextEncoder().encode(text);
  const digest = await md5Base64(bytes);
  await store.putBlobs([{ digest, blob: new Blob([bytes]) }]);
  return { path, digest, size: bytes.length };
}

describe('syncArtifact with Ceph RGW', () => {
  it('pushes only missing blobs, a second push sends nothing, and a pull elsewhere gives the same versions', async () => {
    const local = createMemoryStore();
    const shared = Array.from({ length: 5 }, (_, i) => `shared-${i}`);
    const v0 = [...(await Promise.all(shared.map((t, i) => file(local, `s${i}.txt`, t)))), await file(local, 'w.bin', 'weights-0')];
    await local.createRun({ id: 'train' as RunId, project: 'p', name: 'train', jobType: 'train', state: 'finished' });
    await local.commitVersion({ project: 'p', artifactName: 'model', type: 'model', entries: v0, aliases: ['production'] });
    const v1 = [...v0.filter((e) => e.path !== 'w.bin'), await file(local, 'w.bin', 'weights-1')];
    await local.commitVersion({ project: 'p', artifactName: 'model', type: 'model', entries: v1, aliases: ['candidate'], producedBy: 'train' as RunId });

    const config = testConfig(env, 'sync');
    prefixes.push(config.prefix);
    const recorder = recordingFetch(env);
    const s3 = await createS3Store(config, { fetch: recorder.fetch });
    const blobPuts = () => recorder.requests.filter((r) => r.method === 'PUT' && r.key.includes('/blobs/')).length;

    const pushed = await syncArtifact({ source: local, target: s3, artifactId: artifactIdOf('p', 'model') });
    expect(pushed).toMatchObject({ copied: 2, skipped: 0, blobsSent: 7, runsCreated: 1 });
    expect(blobPuts()).toBe(7); // 5 shared + 2 weights: the shared files went up once

    const before = blobPuts();
    const again = await syncArtifact({ source: local, target: s3, artifactId: artifactIdOf('p', 'model') });
    expect(again).toMatchObject({ copied: 0, skipped: 2, blobsSent: 0 });
    expect(blobPuts()).toBe(before);

    const other = createMemoryStore();
    const pulled = await syncArtifact({ source: await createS3Store(config), target: other, artifactId: artifactIdOf('p', 'model') });
    expect(pulled).toMatchObject({ copied: 2, blobsSent: 7 });
    const [a, b] = await Promise.all([local.listVersions(artifactIdOf('p', 'model')), other.listVersions(artifactIdOf('p', 'model'))]);
    expect(b.map((v) => [v.index, v.digest, v.aliases, v.producedBy])).toEqual(a.map((v) => [v.index, v.digest, v.aliases, v.producedBy]));
    expect((await other.checkIntegrity()).ok).toBe(true);
    expect((await s3.checkIntegrity()).ok).toBe(true);
  });
});
