import { createHash } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { AppError } from '../../domain/errors';
import type { ManifestEntry, RunId } from '../../domain/types';
import { artifactIdOf } from '../../domain/types';
import { createMemoryStore } from '../../store/memory-store';
import { BlobStager } from './blob-stager';
import { commitDraft } from './commit-draft';
import type { CommitDraftInput } from './commit-draft';

const md5 = (bytes: Uint8Array): string => createHash('md5').update(bytes).digest('base64');

function draftOf(files: Record<string, Uint8Array>, patch: Partial<CommitDraftInput> = {}): CommitDraftInput {
  const entries: ManifestEntry[] = [];
  const blobs = new Map<string, Blob>();
  for (const [path, bytes] of Object.entries(files)) {
    const digest = md5(bytes);
    entries.push({ path, digest, size: bytes.byteLength });
    blobs.set(digest, new Blob([new Uint8Array(bytes)]));
  }
  return {
    project: 'p',
    artifactName: 'data',
    type: 'dataset',
    description: '',
    metadata: {},
    tags: [],
    aliases: [],
    entries: entries.sort((a, b) => (a.path < b.path ? -1 : 1)),
    blobs,
    run: null,
    ...patch,
  };
}

const bytes = (n: number, fill: number) => new Uint8Array(n).fill(fill);
const clock = () => {
  let t = 1_000_000;
  return () => (t += 1000);
};

describe('commitDraft', () => {
  it('writes only blobs the store lacks, then commits; identical content adds aliases instead', async () => {
    const now = clock();
    const store = createMemoryStore({ now });
    const first = await commitDraft(store, draftOf({ 'a.bin': bytes(3000, 1), 'b.bin': bytes(10, 2) }), { now, estimate: null });
    expect(first).toMatchObject({ created: true, version: { index: 0, fileCount: 2, size: 3010 } });

    const put = vi.spyOn(store, 'putBlobs');
    const phases: string[] = [];
    const second = await commitDraft(store, draftOf({ 'a.bin': bytes(3000, 1), 'c.bin': bytes(500, 3) }), {
      now,
      estimate: null,
      onProgress: (p) => phases.push(`${p.phase}:${p.bytesDone}/${p.bytesTotal}:${p.filesDone}/${p.filesTotal}`),
    });
    expect(second.version.index).toBe(1);
    expect(put.mock.calls[0]?.[0].map((b) => b.digest)).toEqual([md5(bytes(500, 3))]);
    expect(phases[0]).toBe('checking:0/0:0/0');
    expect(phases.at(-1)).toBe('committing:500/500:1/1');

    const again = await commitDraft(store, draftOf({ 'a.bin': bytes(3000, 1), 'b.bin': bytes(10, 2) }, { aliases: ['best'] }), { now, estimate: null });
    expect(again).toMatchObject({ created: false, version: { index: 0 } });
    expect(again.version.aliases).toContain('best');
    expect(put).toHaveBeenCalledTimes(1);
    expect(await store.checkIntegrity()).toEqual({ ok: true, problems: [] });
  });

  it('stores the bytes read while hashing instead of reading the files again', async () => {
    const now = clock();
    const store = createMemoryStore({ now });
    const files = { 'a.bin': bytes(3000, 1), 'b.bin': bytes(10, 2) };
    const input = draftOf(files);
    const reads = vi.fn();
    for (const blob of input.blobs.values()) blob.arrayBuffer = () => (reads(), Promise.reject(new Error('read again')));
    const hashed = new Map(Object.values(files).map((b) => [md5(b), b.slice().buffer]));
    const { version } = await commitDraft(store, { ...input, bytes: hashed }, { now, estimate: null });
    expect(version).toMatchObject({ index: 0, fileCount: 2, size: 3010 });
    expect(reads).not.toHaveBeenCalled();
    for (const b of Object.values(files)) {
      expect(new Uint8Array(await (await store.readBlob(md5(b))).arrayBuffer())).toEqual(b);
    }
    expect(await store.checkIntegrity()).toEqual({ ok: true, problems: [] });
  });

  it('refuses before writing when the browser says the space is short, naming needed and available', async () => {
    const now = clock();
    const store = createMemoryStore({ now });
    const put = vi.spyOn(store, 'putBlobs');
    const run = commitDraft(store, draftOf({ 'big.bin': bytes(5000, 1) }), { now, estimate: () => Promise.resolve({ quota: 4000, usage: 1000 }) });
    await expect(run).rejects.toMatchObject({ code: 'quota-exceeded', details: { needed: 5000, available: 3000 } });
    await expect(run).rejects.toThrow(/needs 5 kB of new storage, but the browser gives this app 3 kB more/);
    expect(put).not.toHaveBeenCalled();
  });

  it('maps a QuotaExceededError from the store and collects what was staged', async () => {
    const now = clock();
    const store = createMemoryStore({ now });
    const digest = md5(bytes(100, 7));
    vi.spyOn(store, 'putBlobs').mockImplementationOnce(async (blobs, options) => {
      await store.putBlobs.call(store, blobs.slice(0, 1), options); // first batch lands, then the disk is full
      throw new DOMException('full', 'QuotaExceededError');
    });
    const run = commitDraft(store, draftOf({ 'x.bin': bytes(100, 7), 'y.bin': bytes(200, 8) }), { now, estimate: () => Promise.resolve({ quota: 10_000_000, usage: 0 }) });
    await expect(run).rejects.toMatchObject({ code: 'quota-exceeded', details: { needed: 300 } });
    expect(await store.hasBlobs([digest])).toEqual(new Set());
    await expect(store.listArtifacts('p')).resolves.toEqual([]);
    expect(await store.checkIntegrity()).toEqual({ ok: true, problems: [] });
  });

  it('cancelled while writing: no version, no staged blob, no run', async () => {
    const now = clock();
    const store = createMemoryStore({ now });
    const controller = new AbortController();
    const files: Record<string, Uint8Array> = {};
    for (let i = 0; i < 40; i++) files[`f${i}.bin`] = bytes(300_000, i);
    const input = draftOf(files, { run: { name: 'upload-1', jobType: 'upload', config: {}, inputs: [] } });
    const run = commitDraft(store, input, {
      now,
      estimate: null,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.phase === 'writing' && p.bytesDone > 0) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ code: 'cancelled', message: 'the upload was cancelled; nothing was saved' });
    expect(await store.hasBlobs([...input.blobs.keys()])).toEqual(new Set());
    await expect(store.listArtifacts('p')).resolves.toEqual([]);
    await expect(store.listRuns('p')).resolves.toEqual([]);
    expect(await store.checkIntegrity()).toEqual({ ok: true, problems: [] });
  });

  it('names an existing run as the producer, and leaves that run alone when the commit is refused', async () => {
    const now = clock();
    const store = createMemoryStore({ now });
    const recorded = await store.createRun({ project: 'p', name: 'by-hand', jobType: 'train', state: 'finished', startedAt: 1, finishedAt: 2 });
    const { version } = await commitDraft(store, draftOf({ 'a.bin': bytes(10, 1) }, { run: { runId: recorded.id } }), { now, estimate: null });
    expect(version.producedBy).toBe(recorded.id);
    expect(await store.listRuns('p')).toEqual([recorded]);
    const refused = commitDraft(store, draftOf({ 'b.bin': bytes(20, 2) }, { type: 'model', run: { runId: recorded.id } }), { now, estimate: null });
    await expect(refused).rejects.toMatchObject({ code: 'type-mismatch' });
    expect(await store.listRuns('p')).toEqual([recorded]);
    await expect(commitDraft(store, draftOf({ 'c.bin': bytes(30, 3) }, { run: { runId: 'gone' as RunId } }), { now, estimate: null })).rejects.toMatchObject({
      code: 'not-found',
    });
    expect(await store.checkIntegrity()).toEqual({ ok: true, problems: [] });
  });

  it('a refused commit removes the run it created and keeps the store clean', async () => {
    const now = clock();
    const store = createMemoryStore({ now });
    await commitDraft(store, draftOf({ 'a.bin': bytes(10, 1) }), { now, estimate: null });
    const input = draftOf({ 'b.bin': bytes(20, 2) }, { type: 'model', run: { name: 'r', jobType: 'train', config: {}, inputs: [] } });
    const run = commitDraft(store, input, { now, estimate: null });
    await expect(run).rejects.toBeInstanceOf(AppError);
    await expect(run).rejects.toMatchObject({ code: 'type-mismatch' });
    await expect(store.listRuns('p')).resolves.toEqual([]);
    expect(await store.hasBlobs([md5(bytes(20, 2))])).toEqual(new Set());
    expect((await store.listVersions(artifactIdOf('p', 'data'))).length).toBe(1);
    expect(await store.checkIntegrity()).toEqual({ ok: true, problems: [] });
  });

  it('a failed commit removes only the blobs it wrote, not those another upload staged', async () => {
    const now = clock();
    const store = createMemoryStore({ now });
    const theirs = bytes(64, 9);
    await store.putBlobs([{ digest: md5(theirs), blob: new Blob([theirs]) }]);
    await commitDraft(store, draftOf({ 'a.bin': bytes(10, 1) }), { now, estimate: null });
    const run = commitDraft(store, draftOf({ 'b.bin': bytes(20, 2) }, { type: 'model' }), { now, estimate: null });
    await expect(run).rejects.toMatchObject({ code: 'type-mismatch' });
    expect(await store.hasBlobs([md5(theirs), md5(bytes(20, 2))])).toEqual(new Set([md5(theirs)]));
  });

  it('writes again a blob freed between its check and the commit (a version deleted meanwhile), then commits', async () => {
    const now = clock();
    const store = createMemoryStore({ now });
    const first = await commitDraft(store, draftOf({ 'a.bin': bytes(10, 1) }), { now, estimate: null });
    const commit = store.commitVersion.bind(store);
    vi.spyOn(store, 'commitVersion').mockImplementationOnce(async (input) => {
      await store.deleteVersion(first.version.id);
      return commit(input);
    });
    const second = await commitDraft(store, draftOf({ 'a.bin': bytes(10, 1), 'b.bin': bytes(20, 2) }), { now, estimate: null });
    expect(second).toMatchObject({ created: true, version: { index: 1, fileCount: 2 } });
    expect(new Uint8Array(await (await store.readBlob(md5(bytes(10, 1)))).arrayBuffer())).toEqual(bytes(10, 1));
    expect(await store.checkIntegrity()).toEqual({ ok: true, problems: [] });
  });

  it('waits for blobs staged while hashing and does not write them again', async () => {
    const now = clock();
    const store = createMemoryStore({ now });
    const files = { 'a.bin': bytes(3000, 1), 'b.bin': bytes(10, 2) };
    const input = draftOf(files);
    const stager = new BlobStager(store);
    for (const [digest, blob] of input.blobs) stager.offer({ digest, blob });
    const put = vi.spyOn(store, 'putBlobs');
    const { version } = await commitDraft(store, input, { now, estimate: null, stager });
    expect(version).toMatchObject({ index: 0, fileCount: 2 });
    expect(put).toHaveBeenCalledTimes(1); // the stager's, with both blobs
    expect(put.mock.calls[0]?.[0]).toHaveLength(2);
    await stager.discard();
    expect(await store.hasBlobs([...input.blobs.keys()])).toEqual(new Set(input.blobs.keys()));
    expect(await store.checkIntegrity()).toEqual({ ok: true, problems: [] });
  });

  it('looks up only the blobs the stager did not store, and writes again one freed since it stored it', async () => {
    const now = clock();
    const store = createMemoryStore({ now });
    const old = await commitDraft(store, draftOf({ 'shared.bin': bytes(10, 1) }), { now, estimate: null });
    const input = draftOf({ 'shared.bin': bytes(10, 1), 'new.bin': bytes(20, 2), 'late.bin': bytes(30, 3) });
    const stager = new BlobStager(store);
    const late = md5(bytes(30, 3));
    for (const [digest, blob] of input.blobs) if (digest !== late) stager.offer({ digest, blob });
    await stager.settled();
    // Another tab deletes the old version: the shared blob the stager found stored goes.
    await store.deleteVersion(old.version.id);
    const lookups = vi.spyOn(store, 'hasBlobs');
    const { version } = await commitDraft(store, input, { now, estimate: null, stager });
    expect(version).toMatchObject({ index: 1, fileCount: 3 });
    expect(lookups.mock.calls[0]?.[0]).toEqual([late]); // before the commit: only what the stager did not store
    expect(new Uint8Array(await (await store.readBlob(md5(bytes(10, 1)))).arrayBuffer())).toEqual(bytes(10, 1));
    await stager.discard();
    expect(await store.checkIntegrity()).toEqual({ ok: true, problems: [] });
  });
});
