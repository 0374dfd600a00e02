import { describe, expect, it } from 'vitest';
import { md5Base64 } from '../../domain/digest';
import type { AppError } from '../../domain/errors';
import type { ManifestEntry } from '../../domain/types';
import { readVerifiedBlob } from '../../store/blob-bytes';
import { createMemoryStore } from '../../store/memory-store';
import { zipStream } from './download';

const utf8 = (text: string) => new TextEncoder().encode(text);

/** A version of three files whose stored copy of `b.txt` has one byte changed (same length). */
async function versionWithDamagedCopy() {
  const store = createMemoryStore();
  const entries: ManifestEntry[] = [];
  for (const [path, text] of [['a.txt', 'alpha'], ['b.txt', 'bravo'], ['c.txt', 'charlie']] as const) {
    const bytes = utf8(text);
    entries.push({ path, digest: await md5Base64(bytes), size: bytes.length });
    await store.putBlobs([{ digest: entries.at(-1)?.digest ?? '', blob: new Blob([bytes]) }]);
  }
  const damagedDigest = entries[1]?.digest;
  const served = { readBlob: async (digest: string) => (digest === damagedDigest ? new Blob(['brAvo']) : store.readBlob(digest)) };
  return { served, entries };
}

async function drain(stream: ReadableStream<Uint8Array>): Promise<void> {
  const reader = stream.getReader();
  for (;;) if ((await reader.read()).done) return;
}

describe('served bytes are checked against their digest', () => {
  it('a zip of a version with a damaged copy fails, naming the file', async () => {
    const { served, entries } = await versionWithDamagedCopy();
    const failures: AppError[] = [];
    await expect(drain(zipStream(served, entries, { onFailure: (e) => failures.push(e) }))).rejects.toThrow(/b\.txt.*damaged/);
    expect(failures.map((f) => [f.code, f.details?.['path']])).toEqual([['digest-mismatch', 'b.txt']]);
  });

  it('a zip of intact copies goes through', async () => {
    const { served, entries } = await versionWithDamagedCopy();
    const intact = entries.filter((e) => e.path !== 'b.txt');
    await expect(drain(zipStream(served, intact))).resolves.toBeUndefined();
  });

  it('a preview or download read refuses the damaged copy and serves the others', async () => {
    const { served, entries } = await versionWithDamagedCopy();
    const [a, b] = entries;
    const refusal = await readVerifiedBlob(served, b?.digest ?? '', 'b.txt').then(() => null, (error: unknown) => error as AppError);
    expect(refusal?.code).toBe('digest-mismatch');
    expect(refusal?.message).toContain('"b.txt" is damaged');
    expect(await (await readVerifiedBlob(served, a?.digest ?? '')).text()).toBe('alpha');
  });
});
