import { createHash } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { artifactDigest } from '../../domain/digest';
import type { ManifestEntry } from '../../domain/types';
import { createMemoryStore } from '../../store/memory-store';
import { previewDraft } from './draft-preview';

const md5 = (bytes: Uint8Array): string => createHash('md5').update(bytes).digest('base64');
const fileOf = (path: string, fill: number, size: number) => {
  const bytes = new Uint8Array(size).fill(fill);
  return { entry: { path, digest: md5(bytes), size } satisfies ManifestEntry, input: { digest: md5(bytes), blob: new Blob([bytes]) } };
};

describe('previewDraft', () => {
  it('counts as new what the store lacks and what this upload staged, and looks up only the rest', async () => {
    const store = createMemoryStore();
    const held = fileOf('held.bin', 1, 10); // in the store before the upload
    const staged = fileOf('staged.bin', 2, 20); // stored by this upload's stager
    const fresh = fileOf('fresh.bin', 3, 40); // not stored yet
    await store.putBlobs([held.input, staged.input]);
    const reference: ManifestEntry = { path: 'ref.bin', digest: 'etag-1', ref: 's3://b/ref.bin', size: 1000 };
    const entries = [fresh.entry, held.entry, reference, staged.entry];
    const base = [held.entry];
    const lookups = vi.spyOn(store, 'hasBlobs');

    const preview = await previewDraft(store, entries, base, (d) => d === staged.entry.digest);

    expect(preview).toMatchObject({ newBlobs: 2, newBytes: 60, totalBytes: 1070, digest: await artifactDigest(entries) });
    expect(preview.diff.added.map((e) => e.path)).toEqual(['fresh.bin', 'ref.bin', 'staged.bin']);
    expect(lookups).toHaveBeenCalledTimes(1);
    expect(lookups.mock.calls[0]?.[0]).toEqual([fresh.entry.digest, held.entry.digest]);
  });

  it('asks the store nothing when the upload staged every file', async () => {
    const store = createMemoryStore();
    const staged = fileOf('a.bin', 1, 10);
    await store.putBlobs([staged.input]);
    const lookups = vi.spyOn(store, 'hasBlobs');
    expect(await previewDraft(store, [staged.entry], [], () => true)).toMatchObject({ newBlobs: 1, newBytes: 10 });
    expect(lookups).not.toHaveBeenCalled();
  });
});
