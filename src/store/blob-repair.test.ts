import { describe, expect, it } from 'vitest';
import { md5Base64 } from '../domain/digest';
import type { ManifestEntry } from '../domain/types';
import { versionIdOf } from '../domain/types';
import { createMemoryBackend } from './memory-store';
import type { RecordBackend } from './record-backend';
import { RecordStore } from './record-store';

/** Bytes that differ at every position, so that one changed byte changes the digest. */
function patterned(size: number, seed: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i++) out[i] = (i * 31 + seed * 7) & 255;
  return out;
}

async function storeWith(files: Record<string, Uint8Array<ArrayBuffer>>): Promise<{ store: RecordStore; backend: RecordBackend; entries: ManifestEntry[] }> {
  const backend = createMemoryBackend();
  const store = new RecordStore(backend, { id: 'memory', label: 'memory' });
  const entries: ManifestEntry[] = [];
  for (const [path, bytes] of Object.entries(files)) entries.push({ path, digest: await md5Base64(bytes), size: bytes.length });
  await store.putBlobs(entries.map((e) => ({ digest: e.digest, blob: new Blob([files[e.path] ?? new Uint8Array()]) })));
  await store.commitVersion({ project: 'p', artifactName: 'a', type: 'dataset', entries });
  return { store, backend, entries };
}

/** Flips one byte of the stored copy of `digest` in place (same length), as a damaged disk would. */
async function flipStoredByte(backend: RecordBackend, digest: string): Promise<void> {
  await backend.transaction(['blobs', 'packs', 'blobChunks'], 'readwrite', async (tx) => {
    const record = await tx.get('blobs', digest);
    if (!record) throw new Error('no record');
    if (record.pack) {
      const pack = await tx.get('packs', record.pack.id);
      if (!pack) throw new Error('no pack');
      const bytes = new Uint8Array(await pack.data.arrayBuffer());
      bytes[record.pack.offset] = (bytes[record.pack.offset] ?? 0) ^ 0xff;
      await tx.put('packs', { ...pack, data: new Blob([bytes]) });
    } else {
      const piece = await tx.get('blobChunks', [digest, 0]);
      if (!piece) throw new Error('no piece');
      const bytes = new Uint8Array(piece.data instanceof Blob ? await piece.data.arrayBuffer() : piece.data.slice(0));
      bytes[0] = (bytes[0] ?? 0) ^ 0xff;
      await tx.put('blobChunks', { ...piece, data: bytes.buffer });
    }
  });
}

async function storedDigest(store: RecordStore, digest: string): Promise<string> {
  return md5Base64(new Uint8Array(await (await store.readBlob(digest)).arrayBuffer()));
}

describe('damaged stored copies', () => {
  it('are healed when the same small file is stored again (verify-on-dedup), keeping their references', async () => {
    const small = patterned(4096, 1);
    const other = patterned(4096, 2);
    const { store, backend, entries } = await storeWith({ 'a.bin': small, 'b.bin': other });
    const [a, b] = entries;
    if (!a || !b) throw new Error('no entries');
    await flipStoredByte(backend, a.digest);
    expect(await storedDigest(store, a.digest)).not.toBe(a.digest);

    const missing: string[] = [];
    await store.putBlobs([{ digest: a.digest, blob: new Blob([small]), bytes: small.slice().buffer }], { onMissing: (d) => missing.push(...d) });
    expect(missing).toEqual([]); // still "already stored": healed in place, not staged anew
    expect(await storedDigest(store, a.digest)).toBe(a.digest);
    expect(await storedDigest(store, b.digest)).toBe(b.digest); // its pack neighbour is untouched
    expect(await store.checkIntegrity()).toEqual({ ok: true, problems: [] });
    await store.deleteVersion(versionIdOf('p', 'a', 0));
    expect(await store.hasBlobs([a.digest, b.digest])).toEqual(new Set());
  });

  it('are left alone when the bytes given for the digest are not its content either', async () => {
    const small = patterned(100, 3);
    const { store, backend, entries } = await storeWith({ 'a.bin': small });
    const digest = entries[0]?.digest ?? '';
    await flipStoredByte(backend, digest);
    const damaged = new Uint8Array(await (await store.readBlob(digest)).arrayBuffer());
    await store.putBlobs([{ digest, blob: new Blob([patterned(100, 4)]) }]);
    expect(new Uint8Array(await (await store.readBlob(digest)).arrayBuffer())).toEqual(damaged);
  });

  it('of a large blob are replaced by repairBlob, and a lost blob record gets its references back from the manifests', async () => {
    const large = patterned(300 * 1024, 5);
    const small = patterned(10, 6);
    const { store, backend, entries } = await storeWith({ 'large.bin': large, 'small.bin': small });
    const [big, tiny] = entries;
    if (!big || !tiny) throw new Error('no entries');
    await flipStoredByte(backend, big.digest);
    await store.repairBlob(big.digest, new Blob([large]));
    expect(await storedDigest(store, big.digest)).toBe(big.digest);

    await backend.transaction(['blobs'], 'readwrite', (tx) => tx.delete('blobs', tiny.digest));
    await expect(store.readBlob(tiny.digest)).rejects.toMatchObject({ code: 'not-found' });
    await store.repairBlob(tiny.digest, new Blob([small]));
    expect(await storedDigest(store, tiny.digest)).toBe(tiny.digest);
    const report = await store.checkIntegrity();
    expect(report.problems).toEqual([]);
    await store.deleteVersion(versionIdOf('p', 'a', 0));
    expect(await store.hasBlobs([big.digest, tiny.digest])).toEqual(new Set());
  });
});
