import { describe, expect, it } from 'vitest';
import { md5Base64 } from '../../domain/digest';
import type { ManifestEntry } from '../../domain/types';
import { createMemoryStore } from '../../store/memory-store';
import { repairFromFiles } from './repair';
import { verifyEntries } from './verify';

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('repairFromFiles', () => {
  it('replaces the damaged copies a local file matches, and names those it could not', async () => {
    const store = createMemoryStore();
    const files = { 'a.txt': 'alpha', 'b.txt': 'bravo', 'c.txt': 'charlie' };
    const entries: ManifestEntry[] = [];
    for (const [path, text] of Object.entries(files)) entries.push({ path, digest: await md5Base64(utf8(text)), size: utf8(text).length });
    // Stored under their digests but with wrong bytes: what a damaged disk leaves behind.
    const stored = new Map<string, string>([
      [entries[0]?.digest ?? '', 'alphA'],
      [entries[1]?.digest ?? '', 'bravO'],
    ]);
    const served = {
      readBlob: async (digest: string) => {
        const damaged = stored.get(digest);
        return damaged === undefined ? store.readBlob(digest) : new Blob([damaged]);
      },
      repairBlob: async (digest: string, blob: Blob) => {
        await store.repairBlob(digest, blob);
        stored.delete(digest);
      },
    };
    const { problems } = await verifyEntries(served, entries);
    expect(problems.map((p) => p.path)).toEqual(['a.txt', 'b.txt', 'c.txt']);

    const local = [new File(['alpha'], 'a.txt'), new File(['other'], 'x.txt'), new File(['charlie'], 'c-copy.txt')];
    const report = await repairFromFiles(served, problems, local);
    expect(report.repaired).toEqual(['a.txt', 'c.txt']);
    expect(report.left).toEqual([{ path: 'b.txt', reason: 'no file in the folder has its content' }]);
    expect((await verifyEntries(served, entries)).problems.map((p) => p.path)).toEqual(['b.txt']);
  });
});
