/**
 * The S3 adapter's performance promises, measured against a real S3 store (issue 8):
 *  - re-uploading a 1,000-file version of which 10 files changed sends only those 10 blobs;
 *  - listing an artifact with 500 versions takes at most 1 s (one LIST, no per-version GET).
 * Figures go to the console ("[s3 bench] …").
 */
import { describe, expect, it, vi } from 'vitest';
import { artifactIdOf } from '../../domain/types';
import { listingScenario, reuploadScenario, tally } from './s3-bench-scenarios';
import { S3Client } from './s3-client';
import { createS3Store } from './create-s3-store';
import { recordingFetch, s3TestEnv } from './s3-test-env';
import { s3TestPrefixes } from '../../test/s3-test-prefixes';

vi.setConfig({ testTimeout: 600_000, hookTimeout: 120_000 });

const env = s3TestEnv();
const config = s3TestPrefixes(env);

describe('S3 bench', () => {
  it('re-uploading a 1,000-file version with 10 files changed sends only those 10 blobs', async () => {
    const outcome = await reuploadScenario(env, config('reupload'));
    expect(outcome.created).toBe(true);
    expect(outcome.version.index).toBe(1);
    console.log(
      `[s3 bench] 1,000 files × 400 B: first upload ${outcome.firstMs.toFixed(0)} ms; re-upload with 10 changed ${outcome.secondMs.toFixed(0)} ms, ` +
        `${outcome.blobUploads.length} blob PUTs of ${outcome.requests.length} requests (${tally(outcome.requests)})`,
    );
    expect(outcome.blobUploads).toHaveLength(10);
    expect(new Set(outcome.blobUploads.map((r) => r.key)).size).toBe(10);
    expect(outcome.secondMs).toBeLessThan(60_000);
    // Handing every file to putBlobs still sends only the 10 new blobs' bytes.
    console.log(`[s3 bench] putBlobs of all 1,000 with 10 new: ${outcome.allFilesBlobUploads.length} blob PUTs with bytes, ${outcome.allFilesCopies} metadata-only copies`);
    expect(outcome.allFilesBlobUploads).toHaveLength(10);
  });

  it('lists an artifact with 500 versions within 1 s, with one LIST and no per-version GET', async () => {
    const c = config('versions500');
    const artifactId = artifactIdOf('bench', 'many');
    // Four clients commit concurrently (also exercises the index shards under contention).
    const outcome = await listingScenario(env, c);
    const { versions, requests } = outcome;
    expect(versions).toHaveLength(500);
    expect(versions[0]).toMatchObject({ index: 499, aliases: ['latest'], tags: ['nightly'] });
    expect(versions.at(-1)?.index).toBe(0);
    console.log(
      `[s3 bench] 500 versions: seeding (4 clients × 125 commits) ${outcome.seedMs.toFixed(0)} ms, first reader re-read ${outcome.repaired} records; listVersions from a fresh client ` +
        `${outcome.listMs.toFixed(0)} ms with ${requests.length} requests (${tally(requests)}), ${outcome.perVersionGets} per-version GETs`,
    );
    expect(outcome.perVersionGets).toBe(0);
    expect(requests.length).toBeLessThanOrEqual(8); // LIST, aliases, settings, 5 index shards
    expect(outcome.listMs).toBeLessThanOrEqual(1000);

    // Without the index (lost or stale) every record is read once and the index rebuilt.
    const cold = recordingFetch(env);
    const repairer = await createS3Store(c, { fetch: cold.fetch });
    const raw = new S3Client(c);
    const shards = await raw.list(`${c.prefix}projects/bench/artifacts/many/index/`);
    expect(shards.objects).toHaveLength(5);
    for (const o of shards.objects) await raw.delete(o.key);
    cold.requests.length = 0;
    let t = performance.now();
    expect(await repairer.listVersions(artifactId)).toHaveLength(500);
    const repairMs = performance.now() - t;
    const later = recordingFetch(env);
    const again = await createS3Store(c, { fetch: later.fetch });
    later.requests.length = 0;
    t = performance.now();
    expect(await again.listVersions(artifactId)).toHaveLength(500);
    const afterRepairMs = performance.now() - t;
    console.log(
      `[s3 bench] 500 versions without the index: ${repairMs.toFixed(0)} ms (${tally(cold.requests)}), next fresh client ${afterRepairMs.toFixed(0)} ms (${tally(later.requests)})`,
    );
    // The repair rebuilt the index: the next client is back to no per-version GET.
    expect(later.requests.filter((r) => r.key.includes('/versions/v') && r.method === 'GET')).toHaveLength(0);
  });
});
