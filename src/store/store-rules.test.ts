import { describe, expect, it } from 'vitest';
import type { ManifestEntry, VersionId } from '../domain/types';
import type { ManifestChunkRecord } from './records';
import { MANIFEST_CHUNK_ENTRIES } from './records';
import { summariseVersions, summaryWithVersion } from './record-mappers';
import { chunkEntriesOf, chunkLength, toManifestChunks, toManifestColumns } from './manifest-chunks';

const versionId = 'p/a:v0' as VersionId;

const mixed: ManifestEntry[] = [
  { path: 'a.txt', digest: 'XrY7u+Ae7tCTyyK7j1rNww==', size: 11 },
  { path: 'b.bin', digest: 'etag-1', ref: 's3://bucket/b.bin', size: 0, extra: { etag: '"etag-1"', nested: { list: [1, null, 'x'] } } },
  { path: 'c/d', digest: 'XrY7u+Ae7tCTyyK7j1rNww==' },
  { path: 'e', digest: 'XrY7u+Ae7tCTyyK7j1rNww==', birthArtifactID: 'QXJ0aWZhY3Q6MQ==', size: 2 ** 40, extra: { alg: 'XXH128', ['__proto__']: 'data' } },
];

describe('manifest chunk columns', () => {
  it.each([
    { name: 'every optional field, some entries without', entries: mixed },
    { name: 'no optional field at all', entries: [{ path: 'x', digest: 'd1' }, { path: 'y', digest: 'd2' }] },
    { name: 'only the last entry has a ref', entries: [{ path: 'x', digest: 'd1', size: 1 }, { path: 'y', digest: 'd2', ref: 's3://b/y' }] },
    { name: 'empty', entries: [] },
  ])('give back exactly the entries they were made from: $name', ({ entries }) => {
    const chunk: ManifestChunkRecord = { versionId, chunkNo: 0, columns: toManifestColumns(entries) };
    const back = chunkEntriesOf(structuredClone(chunk));
    expect(back).toEqual(entries);
    back.forEach((entry, i) => expect(Object.keys(entry).sort()).toEqual(Object.keys(entries[i] ?? {}).sort()));
    expect(chunkLength(chunk)).toBe(entries.length);
  });

  it('leave out the columns no entry uses', () => {
    expect(toManifestColumns([{ path: 'x', digest: 'd', size: 3 }])).toEqual({ paths: '["x"]', digests: '["d"]', sizes: Float64Array.from([3]) });
    expect(Object.keys(toManifestColumns(mixed)).sort()).toEqual(['birthArtifactIDs', 'digests', 'extras', 'paths', 'refs', 'sizes']);
  });

  it('decode a slice of either layout', () => {
    const columnar: ManifestChunkRecord = { versionId, chunkNo: 0, columns: toManifestColumns(mixed) };
    const rows: ManifestChunkRecord = { versionId, chunkNo: 0, entries: mixed };
    for (const chunk of [columnar, rows]) {
      expect(chunkEntriesOf(chunk, 1, 3)).toEqual(mixed.slice(1, 3));
      expect(chunkEntriesOf(chunk, 3, 99)).toEqual(mixed.slice(3));
      expect(chunkEntriesOf(chunk)).toEqual(mixed);
      expect(chunkLength(chunk)).toBe(4);
    }
  });

  it('split a manifest into numbered chunks of MANIFEST_CHUNK_ENTRIES', () => {
    const entries = Array.from({ length: MANIFEST_CHUNK_ENTRIES * 2 + 5 }, (_, i) => ({ path: `f${String(i).padStart(5, '0')}`, digest: `d${i}`, size: i }));
    const chunks = toManifestChunks(versionId, entries);
    expect(chunks.map((c) => [c.versionId, c.chunkNo, chunkLength(c)])).toEqual([
      [versionId, 0, MANIFEST_CHUNK_ENTRIES],
      [versionId, 1, MANIFEST_CHUNK_ENTRIES],
      [versionId, 2, 5],
    ]);
    expect(chunks.flatMap((c) => chunkEntriesOf(c))).toEqual(entries);
  });
});

describe('artifact summaries', () => {
  it('count, add up and find the newest of the live versions', () => {
    expect(summariseVersions([])).toEqual({ versionCount: 0, totalSize: 0, latestIndex: null });
    expect(summariseVersions([{ index: 3, size: 10 }, { index: 0, size: 5 }, { index: 1, size: 0 }])).toEqual({ versionCount: 3, totalSize: 15, latestIndex: 3 });
  });

  it('take a new version as the newest', () => {
    expect(summaryWithVersion({ versionCount: 2, totalSize: 15, latestIndex: 3 }, { index: 7, size: 1 })).toEqual({ versionCount: 3, totalSize: 16, latestIndex: 7 });
    expect(summaryWithVersion({ versionCount: 0, totalSize: 0, latestIndex: null }, { index: 4, size: 9 })).toEqual({ versionCount: 1, totalSize: 9, latestIndex: 4 });
  });
});
