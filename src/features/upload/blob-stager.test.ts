import { createHash } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { createMemoryStore } from '../../store/memory-store';
import type { BlobInput } from '../../store/artifact-store';
import { BlobStager, EAGER_STAGING_MAX_BYTES, stagerFor } from './blob-stager';

const md5 = (bytes: Uint8Array): string => createHash('md5').update(bytes).digest('base64');

function blobOf(fill: number, size = 100): BlobInput & { bytes: ArrayBuffer } {
  const bytes = new Uint8Array(size).fill(fill);
  return { digest: md5(bytes), blob: new Blob([bytes]), bytes: bytes.slice().buffer };
}

describe('BlobStager', () => {
  it('stores what it is offered, telling the blobs it added from those the store held', async () => {
    const store = createMemoryStore();
    const held = blobOf(1);
    await store.putBlobs([held]);
    const stored: string[] = [];
    const stager = new BlobStager(store, { onStored: (blobs) => stored.push(...blobs.map((b) => b.digest)) });
    const fresh = [blobOf(2), blobOf(3, 5000)];
    const big = blobOf(4, EAGER_STAGING_MAX_BYTES + 1); // left for the commit
    for (const b of [held, ...fresh, fresh[0] ?? held, big]) stager.offer(b);
    await stager.settled();
    expect(await store.hasBlobs([big.digest])).toEqual(new Set());
    expect(await store.hasBlobs(fresh.map((b) => b.digest))).toEqual(new Set(fresh.map((b) => b.digest)));
    expect(fresh.every((b) => stager.isNew(b.digest))).toBe(true);
    expect(stager.isNew(held.digest)).toBe(false);
    expect(stored.sort()).toEqual([held, ...fresh].map((b) => b.digest).sort());
    expect([held, ...fresh].every((b) => stager.holds(b.digest))).toBe(true);
    expect(stager.holds(big.digest)).toBe(false);
    expect(stager.error).toBeNull();
  });

  it('discard removes the blobs it added that no version took, and nothing else', async () => {
    const store = createMemoryStore();
    const held = blobOf(1);
    await store.putBlobs([held]);
    const [taken, left] = [blobOf(2), blobOf(3)];
    const stager = new BlobStager(store);
    for (const b of [held, taken, left]) stager.offer(b);
    await stager.settled();
    await store.commitVersion({ project: 'p', artifactName: 'a', type: 'dataset', entries: [{ path: 'x', digest: taken.digest, size: 100 }] });
    await stager.discard();
    expect(await store.hasBlobs([held.digest, taken.digest, left.digest])).toEqual(new Set([held.digest, taken.digest]));
    stager.offer(blobOf(4));
    await stager.settled();
    expect(await store.hasBlobs([blobOf(4).digest])).toEqual(new Set());
    expect(await store.checkIntegrity()).toEqual({ ok: true, problems: [] });
  });

  it('discard while a batch is being written leaves no staged blob behind', async () => {
    const store = createMemoryStore();
    const blobs = Array.from({ length: 20 }, (_, i) => blobOf(i + 10, 900));
    const stager = new BlobStager(store);
    const cancel = { done: Promise.resolve() };
    const put = store.putBlobs.bind(store);
    const spy = vi.spyOn(store, 'putBlobs').mockImplementationOnce(async (input, options) => {
      await put(input, options);
      cancel.done = stager.discard(); // the user closes the dialog as this batch is stored
      expect(await store.hasBlobs(input.map((b) => b.digest))).toEqual(new Set(input.map((b) => b.digest)));
    });
    for (const b of blobs) stager.offer(b);
    await expect.poll(() => spy.mock.calls.length).toBe(1);
    await cancel.done;
    expect(await store.hasBlobs(blobs.map((b) => b.digest))).toEqual(new Set());
    expect(stager.error).toBeNull();
    expect(await store.checkIntegrity()).toEqual({ ok: true, problems: [] });
  });

  it('stops at the first failure and says why; the commit writes what is left', async () => {
    const store = createMemoryStore();
    vi.spyOn(store, 'putBlobs').mockRejectedValueOnce(new DOMException('full', 'QuotaExceededError'));
    const failures: string[] = [];
    const stager = new BlobStager(store, { onFailure: (error) => failures.push(error.message) });
    stager.offer(blobOf(1));
    await stager.settled();
    stager.offer(blobOf(2));
    await stager.settled();
    expect(stager.error?.message).toMatch(/full/);
    expect(failures).toEqual([stager.error?.message]); // told once
    expect(await store.hasBlobs([blobOf(1).digest, blobOf(2).digest])).toEqual(new Set());
    // Not stored, so the commit looks them up and writes them.
    expect(stager.holds(blobOf(1).digest)).toBe(false);
  });

  it('is made only for stores that stage eagerly', () => {
    const store = createMemoryStore();
    expect(stagerFor(store)).toBeInstanceOf(BlobStager);
    expect(stagerFor(Object.assign(Object.create(store) as typeof store, { eagerStaging: false }))).toBeNull();
  });
});
