// Requests per operation on Ceph RGW: hasBlobs of many digests lists the blob prefix instead of
// one HEAD each, and opening a store whose write test passed a moment ago writes nothing.
import { describe, expect, it, vi } from 'vitest';
import { md5Base64 } from '../../domain/digest';
import type { EtagStyle } from './s3-client';
import type { S3WriteTestMemory } from './s3-probe';
import { createS3Store } from './create-s3-store';
import { recordingFetch, s3TestEnv } from './s3-test-env';
import { s3TestPrefixes } from '../../test/s3-test-prefixes';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const env = s3TestEnv();
const config = s3TestPrefixes(env);

async function blobsOf(texts: readonly string[]): Promise<{ digest: string; blob: Blob }[]> {
  return Promise.all(
    texts.map(async (text) => {
      const bytes = new TextEncoder().encode(text);
      return { digest: await md5Base64(bytes), blob: new Blob([bytes]) };
    }),
  );
}

const isList = (url: string) => new URL(url).searchParams.has('list-type');

describe('S3 store request counts (Ceph RGW)', () => {
  it('hasBlobs of 300 digests lists the blob prefix (no HEAD per digest) and tells stored from missing', async () => {
    const c = config('bulk-has');
    const { fetch, requests } = recordingFetch(env);
    const store = await createS3Store(c, { fetch });
    const stored = await blobsOf(Array.from({ length: 200 }, (_, i) => `stored ${i}`));
    const missing = await blobsOf(Array.from({ length: 100 }, (_, i) => `missing ${i}`));
    await store.putBlobs(stored);
    // A fresh instance: nothing remembered from the upload.
    const reader = await createS3Store(c, { fetch });
    requests.length = 0;
    const present = await reader.hasBlobs([...stored, ...missing].map((b) => b.digest));
    expect([...present].sort()).toEqual(stored.map((b) => b.digest).sort());
    expect(requests.filter((r) => r.method === 'HEAD')).toHaveLength(0);
    expect(requests.filter((r) => isList(r.url)).length).toBeLessThanOrEqual(16);
    // The sizes came with the listing: the commit needs no HEAD either.
    requests.length = 0;
    const entries = stored.map((b, i) => ({ path: `f${i}`, digest: b.digest, size: b.blob.size }));
    await reader.commitVersion({ project: 'p', artifactName: 'data', type: 'dataset', entries });
    expect(requests.filter((r) => r.method === 'HEAD' && r.key.includes('/blobs/'))).toHaveLength(0);
    store.close();
    reader.close();
  });

  it('opens without test writes when the write test passed a moment ago, and tests again otherwise', async () => {
    const c = config('write-memory');
    const remembered: EtagStyle[] = [];
    const memory: S3WriteTestMemory = { recall: () => remembered.at(-1) ?? null, remember: (style) => remembered.push(style) };
    const first = recordingFetch(env);
    const opened = await createS3Store(c, { fetch: first.fetch, writeTestMemory: memory });
    expect(opened.readOnly).toBe(false);
    expect(first.requests.some((r) => r.method === 'PUT')).toBe(true);
    expect(remembered).toHaveLength(1);

    const again = recordingFetch(env);
    const reopened = await createS3Store(c, { fetch: again.fetch, writeTestMemory: memory });
    expect(reopened.readOnly).toBe(false);
    expect(again.requests.map((r) => r.method)).toEqual(['GET']); // one listing, no writes
    // The remembered If-Match form works for compare-and-swap writes.
    const [blob] = await blobsOf(['x']);
    if (!blob) throw new Error('no blob');
    await reopened.putBlobs([blob]);
    const committed = await reopened.commitVersion({ project: 'p', artifactName: 'a', type: 'dataset', entries: [{ path: 'x', digest: blob.digest, size: 1 }], aliases: ['best'] });
    expect(committed.created).toBe(true);
    opened.close();
    reopened.close();
  });
});
