import { describe, expect, it } from 'vitest';
import type { ArtifactId, VersionId } from '../domain/types';
import type { ArtifactRecord, VersionRecord } from './records';
import type { IntegritySnapshot } from './integrity';
import { findIntegrityProblems, groupIntegrityProblems } from './integrity';
import { toManifestColumns } from './manifest-chunks';

const artifact: ArtifactRecord = {
  id: 'p/a' as ArtifactId,
  project: 'p',
  name: 'a',
  type: 'dataset',
  description: '',
  createdAt: 1,
  nextIndex: 2,
  summary: { versionCount: 2, totalSize: 30, latestIndex: 1 },
};

function version(index: number, size: number): VersionRecord {
  return {
    id: `p/a:v${index}` as VersionId,
    artifactId: artifact.id,
    project: 'p',
    artifactName: 'a',
    type: 'dataset',
    index,
    digest: `d${index}`,
    size,
    fileCount: 1,
    chunkCount: 1,
    createdAt: 1,
    description: '',
    metadata: {},
    tags: [],
    producedBy: null,
    ttlSeconds: null,
  };
}

/** Two reference-only versions: v0 in a v1 chunk of entry objects, v1 in a columnar chunk. */
function snapshot(overrides: Partial<IntegritySnapshot> = {}): IntegritySnapshot {
  return {
    projects: [{ name: 'p', createdAt: 1 }],
    artifacts: [artifact],
    versions: [version(0, 10), version(1, 20)],
    manifestChunks: [
      { versionId: 'p/a:v0' as VersionId, chunkNo: 0, entries: [{ path: 'x', digest: 'e0', ref: 's3://b/x', size: 10 }] },
      { versionId: 'p/a:v1' as VersionId, chunkNo: 0, columns: toManifestColumns([{ path: 'x', digest: 'e1', ref: 's3://b/x', size: 20 }]) },
    ],
    blobs: [],
    blobChunkKeys: [],
    packs: [],
    aliases: [],
    runs: [],
    pendingRefs: [],
    ...overrides,
  };
}

describe('findIntegrityProblems', () => {
  it('accepts manifests in both chunk layouts and a summary that matches the live versions', () => {
    expect(findIntegrityProblems(snapshot())).toEqual([]);
  });

  it.each([
    { name: 'count', summary: { versionCount: 3, totalSize: 30, latestIndex: 1 } },
    { name: 'size', summary: { versionCount: 2, totalSize: 29, latestIndex: 1 } },
    { name: 'latest', summary: { versionCount: 2, totalSize: 30, latestIndex: 0 } },
  ])('reports a summary whose $name drifted from the versions', ({ summary }) => {
    expect(findIntegrityProblems(snapshot({ artifacts: [{ ...artifact, summary }] }))).toEqual([
      `artifact p/a: summary says ${JSON.stringify(summary)} but its live versions give {"versionCount":2,"totalSize":30,"latestIndex":1}`,
    ]);
  });

  it('reports an artifact record without a summary (written before schema v2 and never migrated)', () => {
    const { summary: _summary, ...old } = artifact;
    const problems = findIntegrityProblems(snapshot({ artifacts: [old as ArtifactRecord] }));
    expect(problems).toEqual(['artifact p/a: summary says null but its live versions give {"versionCount":2,"totalSize":30,"latestIndex":1}']);
  });

  it('reports a columnar chunk whose columns differ in length', () => {
    const columns = toManifestColumns([{ path: 'x', digest: 'e1', ref: 's3://b/x', size: 20 }]);
    const problems = findIntegrityProblems(
      snapshot({
        manifestChunks: [
          { versionId: 'p/a:v0' as VersionId, chunkNo: 0, entries: [{ path: 'x', digest: 'e0', ref: 's3://b/x', size: 10 }] },
          { versionId: 'p/a:v1' as VersionId, chunkNo: 0, columns: { ...columns, digests: '["e1","e2"]', refs: '[]', extras: '{' } },
        ],
      }),
    );
    expect(problems).toContain('version p/a:v1: chunk 0 has 1 sizes but 2 digests, 0 refs, unreadable extras');
  });

  describe('packed blobs', () => {
    const staged = (digest: string, offset: number, size = 10) => ({ digest, size, refCount: 0, stagedAt: 1, chunkCount: 0, complete: true, pack: { id: 'k1', offset } });

    it('accepts blobs whose bytes lie in a pack that lists them', () => {
      const blobs = [staged('a', 0), staged('b', 10)];
      expect(findIntegrityProblems(snapshot({ blobs, packs: [{ id: 'k1', size: 20, members: ['a', 'b'] }] }))).toEqual([]);
    });

    it('reports a missing pack, an unlisted member, bytes beyond the pack, pieces, and a pack nobody points to', () => {
      const problems = findIntegrityProblems(
        snapshot({
          blobs: [staged('a', 0), staged('b', 15), { ...staged('c', 0), pack: { id: 'gone', offset: 0 } }, { ...staged('d', 0), chunkCount: 1 }],
          blobChunkKeys: [['d', 0]],
          packs: [
            { id: 'k1', size: 20, members: ['a', 'b', 'd', 'x'] },
            { id: 'k2', size: 5, members: [] },
          ],
        }),
      );
      expect(problems).toEqual([
        'pack k1 lists x, whose blob record does not point to it',
        'pack k2 has no members and should have gone with its last blob',
        'blob b: bytes 15..25 lie beyond its pack\'s 20',
        'blob c: its pack gone is missing',
        'blob d: packed, yet has pieces',
      ]);
    });
  });

  describe('pending references', () => {
    // v1 now uses the blob "b1" instead of a reference.
    const manifestChunks = [
      { versionId: 'p/a:v0' as VersionId, chunkNo: 0, entries: [{ path: 'x', digest: 'e0', ref: 's3://b/x', size: 10 }] },
      { versionId: 'p/a:v1' as VersionId, chunkNo: 0, columns: toManifestColumns([{ path: 'x', digest: 'b1', size: 20 }]) },
    ];
    const blob = (refCount: number) => ({ digest: 'b1', size: 20, refCount, stagedAt: 1, chunkCount: 1, complete: true });

    it('expects no count yet from a version whose references are pending, and one once they are counted', () => {
      expect(findIntegrityProblems(snapshot({ manifestChunks, blobs: [blob(0)], blobChunkKeys: [['b1', 0]], pendingRefs: ['p/a:v1'] }))).toEqual([]);
      expect(findIntegrityProblems(snapshot({ manifestChunks, blobs: [blob(1)], blobChunkKeys: [['b1', 0]] }))).toEqual([]);
      expect(findIntegrityProblems(snapshot({ manifestChunks, blobs: [blob(0)], blobChunkKeys: [['b1', 0]] }))).toEqual([
        'blob b1: refCount 0 but 1 live versions use it (not counting those pending)',
      ]);
      expect(findIntegrityProblems(snapshot({ manifestChunks, blobs: [blob(1)], blobChunkKeys: [['b1', 0]], pendingRefs: ['p/a:v1'] }))).toEqual([
        'blob b1: refCount 1 but 0 live versions use it (not counting those pending)',
      ]);
    });

    it('reports pending references of a version that is gone', () => {
      expect(findIntegrityProblems(snapshot({ pendingRefs: ['p/a:v7'] }))).toEqual(['references of p/a:v7 are pending but the version does not exist']);
    });
  });
});

describe('groupIntegrityProblems', () => {
  it('groups problems by the artifact they name, store-wide ones last', () => {
    const problems = [
      'blob abc: refCount 2 but 1 live versions use it (not counting those pending)',
      'version p/b:v3: "x.txt" needs blob abc, which is missing',
      'artifact p/a: latest is v1 but the newest live version is v2',
      'manifest chunks of p/b:v9 remain but the version does not exist',
      'pack 1 lists abc, whose blob record does not point to it',
    ];
    expect(groupIntegrityProblems(problems)).toEqual([
      { artifactId: 'p/a', problems: ['artifact p/a: latest is v1 but the newest live version is v2'] },
      { artifactId: 'p/b', problems: ['version p/b:v3: "x.txt" needs blob abc, which is missing', 'manifest chunks of p/b:v9 remain but the version does not exist'] },
      { artifactId: null, problems: ['blob abc: refCount 2 but 1 live versions use it (not counting those pending)', 'pack 1 lists abc, whose blob record does not point to it'] },
    ]);
  });
});
