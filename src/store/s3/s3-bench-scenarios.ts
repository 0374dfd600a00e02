/**
 * The S3 adapter's performance scenarios (issue 8), run against a real S3 store by both the
 * RGW test suite (which asserts on them) and `npm run bench` (which reports them):
 *  - re-uploading a 1,000-file version of which 10 files changed sends only those 10 blobs;
 *  - listing an artifact with 500 versions from a fresh client (no per-version GET).
 */
import { md5Base64 } from '../../domain/digest';
import type { ArtifactVersion, ManifestEntry } from '../../domain/types';
import { artifactIdOf } from '../../domain/types';
import type { BlobInput } from '../artifact-store';
import type { S3Config } from './s3-config';
import type { S3Store } from './s3-store';
import { createS3Store } from './create-s3-store';
import type { RecordedRequest, S3TestEnv } from './s3-test-env';
import { recordingFetch } from './s3-test-env';

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

export const isBlobUpload = (r: RecordedRequest) => r.method === 'PUT' && r.key.includes('/blobs/md5/') && !r.headers.has('x-amz-copy-source');

export function tally(requests: readonly RecordedRequest[]): string {
  const counts = new Map<string, number>();
  for (const r of requests) counts.set(r.method, (counts.get(r.method) ?? 0) + 1);
  return [...counts].map(([m, n]) => `${n} ${m}`).join(', ');
}

export interface ReuploadOutcome {
  firstMs: number;
  secondMs: number;
  version: ArtifactVersion;
  created: boolean;
  /** Blob PUTs carrying bytes during the re-upload, and every request it made. */
  blobUploads: RecordedRequest[];
  requests: RecordedRequest[];
  /** Then: putBlobs handed all 1,000 files of which 10 are new. */
  allFilesBlobUploads: RecordedRequest[];
  allFilesCopies: number;
}

export async function reuploadScenario(env: S3TestEnv, config: S3Config): Promise<ReuploadOutcome> {
  const first = await createS3Store(config);
  const v0 = await files(1000, (i) => `file ${i}\n`.repeat(40));
  let t = performance.now();
  await upload(first, 'thousand', v0);
  const firstMs = performance.now() - t;
  first.close();

  const v1 = await files(1000, (i) => (i % 100 === 7 ? `file ${i} changed\n`.repeat(40) : `file ${i}\n`.repeat(40)));
  const { fetch, requests } = recordingFetch(env);
  const second = await createS3Store(config, { fetch });
  requests.length = 0; // not the capability probe
  t = performance.now();
  const { version, created } = await upload(second, 'thousand', v1);
  const secondMs = performance.now() - t;
  const reupload = [...requests];

  // Handing every file to putBlobs (not only the missing ones) still sends only the new blobs'
  // bytes; the known ones get their staging time refreshed by a server-side copy.
  requests.length = 0;
  const v2 = await files(1000, (i) => (i % 100 === 9 ? `file ${i} changed again\n`.repeat(40) : `file ${i}\n`.repeat(40)));
  await second.putBlobs([...v2.blobs].map(([digest, blob]) => ({ digest, blob })));
  const allFilesCopies = requests.filter((r) => r.headers.has('x-amz-copy-source')).length;
  const allFilesBlobUploads = requests.filter(isBlobUpload);
  second.close();
  return { firstMs, secondMs, version, created, blobUploads: reupload.filter(isBlobUpload), requests: reupload, allFilesBlobUploads, allFilesCopies };
}

export interface ListingOutcome {
  seedMs: number;
  /** Per-version records the first reader re-read to repair the index after the racing writers. */
  repaired: number;
  listMs: number;
  versions: ArtifactVersion[];
  requests: RecordedRequest[];
  perVersionGets: number;
}

/** Seeds 500 versions with four concurrent writers, then lists them from a fresh client. */
export async function listingScenario(env: S3TestEnv, config: S3Config): Promise<ListingOutcome> {
  const writers = await Promise.all(Array.from({ length: 4 }, () => createS3Store(config)));
  const artifactId = artifactIdOf('bench', 'many');
  let t = performance.now();
  let next = 0;
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

  const first = recordingFetch(env);
  const warm = await createS3Store(config, { fetch: first.fetch });
  first.requests.length = 0;
  await warm.listVersions(artifactId);
  const repaired = first.requests.filter((r) => r.method === 'GET' && r.key.includes('/versions/v')).length;

  const { fetch, requests } = recordingFetch(env);
  const reader = await createS3Store(config, { fetch });
  requests.length = 0;
  t = performance.now();
  const versions = await reader.listVersions(artifactId);
  const listMs = performance.now() - t;
  const perVersionGets = requests.filter((r) => r.method === 'GET' && r.key.includes('/versions/v')).length;
  return { seedMs, repaired, listMs, versions, requests: [...requests], perVersionGets };
}
