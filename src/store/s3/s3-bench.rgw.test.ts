/**
 * The S3 adapter's performance promises, measured against a real S3 store (issue 8):
 *  - re-uploading a 1,000-file version of which 10 files changed sends only those 10 blobs;
 *  - listing an artifact with 500 versions takes at most 1 s (one LIST, no per-version GET).
 * Figures go to the console ("[s3 bench] …").
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { md5Base64 } from '../../domain/digest';
import type { ManifestEntry } from '../../domain/types';
import { artifactIdOf } from '../../domain/types';
import type { BlobInput } from '../artifact-store';
import { S3Client } from './s3-client';
import type { S3Config } from './s3-config';
import type { S3Store } from './s3-store';
import { createS3Store } from './s3-store';
import type { RecordedRequest } from './s3-test-env';
import { deletePrefixes, ensureTestBucket, recordingFetch, s3TestEnv, testConfig } from './s3-test-env';

vi.setConfig({ testTimeout: 600_000, hookTimeout: 120_000 });

const env = s3TestEnv();
const prefixes: string[] = [];

function config(label: string): S3Config {
  const c = testConfig(env, label);
  prefixes.push(c.prefix);
  return c;
}

beforeAll(() => ensureTestBucket(env));
afterAll(() => deletePrefixes(env, prefixes));

interface Files {
  entries: ManifestEntry[];
  blobs: Map<string, Blob>;
}

async function files(count: number, contentOf: (i: number) => string): Promise<Files> {
  const entries: ManifestEntry[] = [];
  const blobs = new Map<string, Blob>();
  for (let i = 0; i < count; i++) {
    const bytes = new TextEncoder().encode(contentOf(i));
    const digest = await md5Base64(bytes);
    entries.push({ path: `data/${String(i).padStart(4, '0')}.txt`, digest, size: bytes.length });
    blobs.set(digest, new Blob([bytes]));
  }
  return { entries, blobs };
}

/** What the upload feature does (features/upload/commit-draft.ts): ask which blobs are missing, send those, commit. */
async function upload(store: S3Store, name: string, input: Files) {
  const present = await store.hasBlobs([...input.blobs.keys()]);
  const missing: BlobInput[] = [...input.blobs].filter(([digest]) => !present.has(digest)).map(([digest, blob]) => ({ digest, blob }));
  await store.putBlobs(missing);
  return store.commitVersion({ project: 'bench', artifactName: name, type: 'dataset', entries: input.entries });
}

const isBlobUpload = (r: RecordedRequest) => r.method === 'PUT' && r.key.includes('/blobs/md5/') && !r.headers.has('x-amz-copy-source');

function tally(requests: readonly RecordedRequest[]): string {
  const counts = new Map<string, number>();
  for (const r of requests) counts.set(r.method, (counts.get(r.method) ?? 0) + 1);
  return [...counts].map(([m, n]) => `${n} ${m}`).join(', ');
}

describe('S3 bench', () => {
  it('re-uploading a 1,000-file version with 10 files changed sends only those 10 blobs', async () => {
    const c = config('reupload');
    const first = await createS3Store(c);
    const v0 = await files(1000, (i) => `file ${i}\n`.repeat(40));
    let t = performance.now();
    await upload(first, 'thousand', v0);
    const firstMs = performance.now() - t;
    first.close();

    const v1 = await files(1000, (i) => (i % 100 === 7 ? `file ${i} changed\n`.repeat(40) : `file ${i}\n`.repeat(40)));
    const { fetch, requests } = recordingFetch(env);
    const second = await createS3Store(c, { fetch });
    requests.length = 0; // not the capability probe
    t = performance.now();
    const { version, created } = await upload(second, 'thousand', v1);
    const secondMs = performance.now() - t;
    expect(created).toBe(true);
    expect(version.index).toBe(1);
    const uploads = requests.filter(isBlobUpload);
    console.log(
      `[s3 bench] 1,000 files × 400 B: first upload ${firstMs.toFixed(0)} ms; re-upload with 10 changed ${secondMs.toFixed(0)} ms, ` +
        `${uploads.length} blob PUTs of ${requests.length} requests (${tally(requests)})`,
    );
    expect(uploads).toHaveLength(10);
    expect(new Set(uploads.map((r) => r.key)).size).toBe(10);
    expect(secondMs).toBeLessThan(60_000);

    // Handing every file to putBlobs (not only the missing ones) still sends only the 10 new
    // blobs' bytes; the 990 known ones get their staging time refreshed by a server-side copy.
    requests.length = 0;
    const v2 = await files(1000, (i) => (i % 100 === 9 ? `file ${i} changed again\n`.repeat(40) : `file ${i}\n`.repeat(40)));
    await second.putBlobs([...v2.blobs].map(([digest, blob]) => ({ digest, blob })));
    const copies = requests.filter((r) => r.headers.has('x-amz-copy-source')).length;
    console.log(`[s3 bench] putBlobs of all 1,000 with 10 new: ${requests.filter(isBlobUpload).length} blob PUTs with bytes, ${copies} metadata-only copies`);
    expect(requests.filter(isBlobUpload)).toHaveLength(10);
    second.close();
  });

  it('lists an artifact with 500 versions within 1 s, with one LIST and no per-version GET', async () => {
    const c = config('versions500');
    const writers = await Promise.all(Array.from({ length: 4 }, () => createS3Store(c)));
    const artifactId = artifactIdOf('bench', 'many');
    let t = performance.now();
    let next = 0;
    // Four clients commit concurrently (also exercises the index shards under contention).
    await Promise.all(
      writers.map(async (writer) => {
        for (let i = next++; i < 500; i = next++) {
          await writer.commitVersion({
            project: 'bench',
            artifactName: 'many',
            type: 'dataset',
            entries: [{ path: 'table.parquet', digest: `etag-${i}`, ref: `s3://bucket/table-${i}.parquet`, size: 1000 + i }],
            metadata: { rows: i, accuracy: i / 500 },
            tags: ['nightly'],
          });
        }
      }),
    );
    const seedMs = performance.now() - t;
    for (const w of writers) w.close();

    // The first reader repairs what the racing writers left out of the index (best effort), if anything.
    const first = recordingFetch(env);
    const warm = await createS3Store(c, { fetch: first.fetch });
    first.requests.length = 0;
    expect(await warm.listVersions(artifactId)).toHaveLength(500);
    const repaired = first.requests.filter((r) => r.method === 'GET' && r.key.includes('/versions/v')).length;

    const { fetch, requests } = recordingFetch(env);
    const reader = await createS3Store(c, { fetch });
    requests.length = 0;
    t = performance.now();
    const versions = await reader.listVersions(artifactId);
    const listMs = performance.now() - t;
    expect(versions).toHaveLength(500);
    expect(versions[0]).toMatchObject({ index: 499, aliases: ['latest'], tags: ['nightly'] });
    expect(versions.at(-1)?.index).toBe(0);
    const gets = requests.filter((r) => r.method === 'GET' && r.key.includes('/versions/v')).length;
    console.log(
      `[s3 bench] 500 versions: seeding (4 clients × 125 commits) ${seedMs.toFixed(0)} ms, first reader re-read ${repaired} records; listVersions from a fresh client ` +
        `${listMs.toFixed(0)} ms with ${requests.length} requests (${tally(requests)}), ${gets} per-version GETs`,
    );
    expect(gets).toBe(0);
    expect(requests.length).toBeLessThanOrEqual(8); // LIST, aliases, settings, 5 index shards
    expect(listMs).toBeLessThanOrEqual(1000);

    // Without the index (lost or stale) every record is read once and the index rebuilt.
    const cold = recordingFetch(env);
    const repairer = await createS3Store(c, { fetch: cold.fetch });
    const raw = new S3Client(c);
    const shards = await raw.list(`${c.prefix}projects/bench/artifacts/many/index/`);
    expect(shards.objects).toHaveLength(5);
    for (const o of shards.objects) await raw.delete(o.key);
    cold.requests.length = 0;
    t = performance.now();
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
