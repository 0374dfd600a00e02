/**
 * Test data builders: valid domain objects with sensible defaults, overridable field by field.
 * Everything is deterministic (seeded), so tests and benchmarks see the same data every run.
 */
import { fnv1a32 } from '../domain/fnv1a';
import { bytesToBase64 } from '../domain/digest';
import {
  artifactIdOf,
  versionIdOf,
  type Artifact,
  type ArtifactVersion,
  type ManifestEntry,
  type Run,
  type RunId,
} from '../domain/types';

/** mulberry32: a tiny seeded PRNG returning floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A well-formed base64 md5-style digest (16 bytes) derived from `seed`; not the md5 of
 * anything. Equal seeds give equal digests.
 */
export function fakeDigest(seed: string | number): string {
  const random = seededRandom(typeof seed === 'number' ? seed : fnv1a32(seed));
  const bytes = new Uint8Array(16);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(random() * 256);
  return bytesToBase64(bytes);
}

/** A stored-file entry; the digest is derived from the path unless given. */
export function makeEntry(overrides: Partial<ManifestEntry> = {}): ManifestEntry {
  const path = overrides.path ?? 'file.txt';
  return { path, digest: fakeDigest(path), size: 1024, ...overrides };
}

/**
 * `count` entries sorted by path in code-point order, `perFolder` (1000) per folder, e.g.
 * "dir-003/file-000042.bin". Same (count, seed) → same manifest.
 */
export function makeManifest(count: number, seed = 1, options: { perFolder?: number } = {}): ManifestEntry[] {
  const random = seededRandom(seed);
  const width = Math.max(6, String(count).length);
  const perFolder = options.perFolder ?? 1000;
  const folderWidth = Math.max(3, String(Math.floor(count / perFolder)).length);
  const entries: ManifestEntry[] = [];
  for (let i = 0; i < count; i++) {
    const folder = String(Math.floor(i / perFolder)).padStart(folderWidth, '0');
    const path = `dir-${folder}/file-${String(i).padStart(width, '0')}.bin`;
    entries.push({ path, digest: fakeDigest(Math.floor(random() * 2 ** 32)), size: Math.floor(random() * 1_000_000) });
  }
  return entries;
}

export function makeArtifact(overrides: Partial<Artifact> = {}): Artifact {
  const project = overrides.project ?? 'demo';
  const name = overrides.name ?? 'dataset';
  return {
    id: artifactIdOf(project, name),
    project,
    name,
    type: 'dataset',
    description: '',
    createdAt: 1_700_000_000_000,
    versionCount: 1,
    totalSize: 1024,
    latestIndex: 0,
    nextIndex: 1,
    protectedAliases: [],
    ...overrides,
  };
}

export function makeVersion(overrides: Partial<ArtifactVersion> = {}): ArtifactVersion {
  const project = overrides.project ?? 'demo';
  const artifactName = overrides.artifactName ?? 'dataset';
  const index = overrides.index ?? 0;
  return {
    id: versionIdOf(project, artifactName, index),
    artifactId: artifactIdOf(project, artifactName),
    project,
    artifactName,
    type: 'dataset',
    index,
    digest: '0123456789abcdef0123456789abcdef',
    size: 1024,
    fileCount: 1,
    createdAt: 1_700_000_000_000 + index * 60_000,
    description: '',
    metadata: {},
    tags: [],
    aliases: [],
    producedBy: null,
    ttlSeconds: null,
    ...overrides,
  };
}

export function makeRun(overrides: Partial<Run> = {}): Run {
  return {
    id: 'run-1' as RunId,
    project: 'demo',
    name: 'train',
    jobType: 'train',
    state: 'finished',
    config: {},
    startedAt: 1_700_000_000_000,
    finishedAt: 1_700_000_060_000,
    inputs: [],
    ...overrides,
  };
}
