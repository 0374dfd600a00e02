/**
 * The store's invariants, checked over a plain snapshot of its records. Both adapters take the
 * snapshot in one read transaction and call `findIntegrityProblems`; no I/O here.
 */
import { compareCodePoints } from '../domain/paths';
import { versionIdOf } from '../domain/types';
import type { AliasRecord, ArtifactRecord, BlobRecord, ManifestChunkRecord, ProjectRecord, RunRecord, VersionRecord } from './records';
import { BLOB_CHUNK_BYTES, MANIFEST_CHUNK_ENTRIES } from './records';
import { LATEST, latestIndexOf, summariseVersions } from './record-mappers';
import { blobDigestsOf, chunkEntriesOf, chunkLength, manifestTotals } from './manifest-chunks';

export interface IntegritySnapshot {
  projects: readonly ProjectRecord[];
  artifacts: readonly ArtifactRecord[];
  versions: readonly VersionRecord[];
  manifestChunks: readonly ManifestChunkRecord[];
  blobs: readonly BlobRecord[];
  /** Keys only: the bytes are not needed and may be gigabytes. */
  blobChunkKeys: readonly (readonly [string, number])[];
  /** Packs of small blobs: their byte size, not their bytes. */
  packs: readonly { id: string; size: number; members: readonly string[] }[];
  aliases: readonly AliasRecord[];
  runs: readonly RunRecord[];
  /** Versions whose blob references are not counted in the blob records yet (see PendingRefsRecord). */
  pendingRefs: readonly string[];
}

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

/** A columnar chunk whose columns are not all lists of one item per entry (null when fine or not columnar). */
function columnsProblem(chunk: ManifestChunkRecord): string | null {
  if ('entries' in chunk) return null;
  const count = chunk.columns.sizes.length;
  const wrong: string[] = [];
  for (const name of ['paths', 'digests', 'refs', 'birthArtifactIDs', 'extras'] as const) {
    const json = chunk.columns[name];
    if (json === undefined) {
      if (name === 'paths' || name === 'digests') wrong.push(`no ${name}`);
      continue;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(json);
    } catch {
      wrong.push(`unreadable ${name}`);
      continue;
    }
    const items: unknown[] | null = Array.isArray(parsed) ? parsed : null;
    if (!items || (name !== 'extras' && !items.every((item) => typeof item === 'string'))) wrong.push(`${name} that are not a list`);
    else if (items.length !== count) wrong.push(`${items.length} ${name}`);
  }
  return wrong.length === 0 ? null : `has ${count} sizes but ${wrong.join(', ')}`;
}

export function findIntegrityProblems(s: IntegritySnapshot): string[] {
  const problems: string[] = [];
  const projects = new Set(s.projects.map((p) => p.name));
  const artifacts = new Map(s.artifacts.map((a) => [a.id as string, a]));
  const runs = new Set<string>(s.runs.map((r) => r.id));
  const versions = new Map(s.versions.map((v) => [v.id as string, v]));
  const blobs = new Map(s.blobs.map((b) => [b.digest, b]));

  for (const a of s.artifacts) {
    const guarded = a.protectedAliases ?? [];
    if (guarded.some((alias, i) => alias === LATEST || /^v\d+$/.test(alias) || (i > 0 && (guarded[i - 1] ?? '') >= alias))) {
      problems.push(`artifact ${a.id}: protected aliases ${JSON.stringify(guarded)} must be sorted, unique and not reserved`);
    }
    if (!projects.has(a.project)) problems.push(`artifact ${a.id}: project ${a.project} does not exist`);
    if (a.id !== `${a.project}/${a.name}`) problems.push(`artifact ${a.id}: id does not match project/name`);
  }
  const byArtifact = groupBy(s.versions, (v) => v.artifactId as string);

  // Each artifact's summary against its live versions.
  for (const a of s.artifacts) {
    const expected = summariseVersions(byArtifact.get(a.id) ?? []);
    const { versionCount, totalSize, latestIndex } = a.summary ?? {};
    if (versionCount !== expected.versionCount || totalSize !== expected.totalSize || latestIndex !== expected.latestIndex) {
      problems.push(
        `artifact ${a.id}: summary says ${JSON.stringify(a.summary ?? null)} but its live versions give ${JSON.stringify(expected)}`,
      );
    }
  }
  for (const r of s.runs) {
    if (!projects.has(r.project)) problems.push(`run ${r.id}: project ${r.project} does not exist`);
  }

  // Versions against their artifact; digests unique per artifact.
  for (const [artifactId, list] of byArtifact) {
    const artifact = artifacts.get(artifactId);
    if (!artifact) {
      problems.push(`versions of ${artifactId} exist but the artifact does not`);
      continue;
    }
    const digests = new Set<string>();
    for (const v of list) {
      if (v.id !== versionIdOf(artifact.project, artifact.name, v.index)) problems.push(`version ${v.id}: id does not match its artifact and index`);
      if (v.type !== artifact.type) problems.push(`version ${v.id}: type ${v.type} differs from the artifact's ${artifact.type}`);
      if (v.index >= artifact.nextIndex) problems.push(`version ${v.id}: index ${v.index} is not below the artifact counter ${artifact.nextIndex}`);
      if (digests.has(v.digest)) problems.push(`version ${v.id}: another live version of ${artifactId} has digest ${v.digest}`);
      digests.add(v.digest);
      if (v.producedBy !== null && !runs.has(v.producedBy)) problems.push(`version ${v.id}: producing run ${v.producedBy} does not exist`);
    }
    const latest = latestIndexOf(list);
    const max = Math.max(...list.map((v) => v.index));
    if (latest !== max) problems.push(`artifact ${artifactId}: latest is v${String(latest)} but the newest live version is v${max}`);
  }

  // Manifests: complete chunks, sorted, totals agree; no chunks without a version.
  const chunksByVersion = groupBy(s.manifestChunks, (c) => c.versionId as string);
  for (const versionId of chunksByVersion.keys()) {
    if (!versions.has(versionId)) problems.push(`manifest chunks of ${versionId} remain but the version does not exist`);
  }
  const pending = new Set(s.pendingRefs);
  for (const versionId of pending) {
    if (!versions.has(versionId)) problems.push(`references of ${versionId} are pending but the version does not exist`);
  }
  const expectedRefs = new Map<string, number>();
  for (const v of s.versions) {
    const chunks = [...(chunksByVersion.get(v.id) ?? [])].sort((a, b) => a.chunkNo - b.chunkNo);
    if (chunks.length !== v.chunkCount || chunks.some((c, i) => c.chunkNo !== i)) {
      problems.push(`version ${v.id}: expected manifest chunks 0..${v.chunkCount - 1}, found ${chunks.map((c) => c.chunkNo).join(',') || 'none'}`);
      continue;
    }
    let unreadable = false;
    chunks.forEach((c, i) => {
      const length = chunkLength(c);
      if (i < chunks.length - 1 && length !== MANIFEST_CHUNK_ENTRIES) problems.push(`version ${v.id}: chunk ${i} has ${length} entries, not ${MANIFEST_CHUNK_ENTRIES}`);
      const ragged = columnsProblem(c);
      if (ragged) problems.push(`version ${v.id}: chunk ${i} ${ragged}`);
      unreadable ||= ragged !== null;
    });
    if (unreadable) continue;
    const entries = chunks.flatMap((c) => chunkEntriesOf(c));
    for (let i = 1; i < entries.length; i++) {
      const prev = entries[i - 1];
      const cur = entries[i];
      if (prev && cur && compareCodePoints(prev.path, cur.path) >= 0) {
        problems.push(`version ${v.id}: manifest paths are not strictly sorted at ${JSON.stringify(cur.path)}`);
        break;
      }
    }
    const totals = manifestTotals(entries);
    if (totals.fileCount !== v.fileCount) problems.push(`version ${v.id}: fileCount ${v.fileCount} but the manifest has ${totals.fileCount} entries`);
    if (totals.size !== v.size) problems.push(`version ${v.id}: size ${v.size} but the manifest adds up to ${totals.size}`);
    for (const [digest, path] of blobDigestsOf(entries)) {
      if (!pending.has(v.id)) expectedRefs.set(digest, (expectedRefs.get(digest) ?? 0) + 1);
      const blob = blobs.get(digest);
      if (!blob || !blob.complete) problems.push(`version ${v.id}: ${JSON.stringify(path)} needs blob ${digest}, which is ${blob ? 'incomplete' : 'missing'}`);
    }
  }

  // Blobs: reference counts and pieces.
  const piecesByDigest = groupBy(s.blobChunkKeys, (k) => k[0]);
  for (const digest of piecesByDigest.keys()) {
    if (!blobs.has(digest)) problems.push(`blob pieces of ${digest} remain without their blob record`);
  }
  const packs = new Map(s.packs.map((p) => [p.id, p]));
  for (const p of s.packs) {
    if (p.members.length === 0) problems.push(`pack ${p.id} has no members and should have gone with its last blob`);
    for (const digest of p.members) {
      if (blobs.get(digest)?.pack?.id !== p.id) problems.push(`pack ${p.id} lists ${digest}, whose blob record does not point to it`);
    }
  }
  for (const b of s.blobs) {
    const expected = expectedRefs.get(b.digest) ?? 0;
    if (b.refCount !== expected) problems.push(`blob ${b.digest}: refCount ${b.refCount} but ${expected} live versions use it (not counting those pending)`);
    const pieces = (piecesByDigest.get(b.digest) ?? []).map((k) => k[1]).sort((x, y) => x - y);
    if (b.pack) {
      const pack = packs.get(b.pack.id);
      if (!pack) problems.push(`blob ${b.digest}: its pack ${b.pack.id} is missing`);
      else if (!pack.members.includes(b.digest)) problems.push(`blob ${b.digest}: pack ${b.pack.id} does not list it`);
      else if (b.pack.offset + b.size > pack.size) problems.push(`blob ${b.digest}: bytes ${b.pack.offset}..${b.pack.offset + b.size} lie beyond its pack's ${pack.size}`);
      if (b.chunkCount !== 0 || pieces.length > 0) problems.push(`blob ${b.digest}: packed, yet has pieces`);
      if (!b.complete) problems.push(`blob ${b.digest}: packed blobs are written whole, yet marked incomplete`);
      continue;
    }
    if (b.chunkCount !== Math.ceil(b.size / BLOB_CHUNK_BYTES)) problems.push(`blob ${b.digest}: ${b.chunkCount} pieces recorded for ${b.size} bytes`);
    if (b.complete) {
      if (pieces.length !== b.chunkCount || pieces.some((p, i) => p !== i)) {
        problems.push(`blob ${b.digest}: expected pieces 0..${b.chunkCount - 1}, found ${pieces.join(',') || 'none'}`);
      }
    } else {
      if (b.refCount !== 0) problems.push(`blob ${b.digest}: incomplete but referenced`);
      if (pieces.some((p) => p >= b.chunkCount)) problems.push(`blob ${b.digest}: has pieces beyond its ${b.chunkCount}`);
    }
  }

  // Aliases: each on exactly one live version of its artifact (the key makes it unique).
  for (const a of s.aliases) {
    if (a.alias === LATEST || /^v\d+$/.test(a.alias)) problems.push(`alias ${JSON.stringify(a.alias)} of ${a.artifactId} is reserved and may not be stored`);
    const artifact = artifacts.get(a.artifactId);
    const holder = artifact ? versions.get(versionIdOf(artifact.project, artifact.name, a.index)) : undefined;
    if (!holder) problems.push(`alias ${JSON.stringify(a.alias)} of ${a.artifactId} points at v${a.index}, which is not a live version`);
  }
  return problems;
}

export interface IntegrityProblemGroup {
  /** The artifact the problems concern (`project/name`); null for store-wide records (blobs, packs, runs). */
  artifactId: string | null;
  problems: string[];
}

/** Artifact (and its versions) a problem line names first; null when it names none. */
const ARTIFACT_OF_PROBLEM = /^(?:artifact|versions of|version|manifest chunks of|references of) ([^\s:]+\/[^\s:]+)/;

/** Problems grouped by the artifact they concern, artifacts in code-point order, store-wide ones last. */
export function groupIntegrityProblems(problems: readonly string[]): IntegrityProblemGroup[] {
  const byArtifact = groupBy(problems, (p) => ARTIFACT_OF_PROBLEM.exec(p)?.[1] ?? null);
  const storeWide = byArtifact.get(null) ?? [];
  byArtifact.delete(null);
  const groups = [...byArtifact]
    .map(([artifactId, list]) => ({ artifactId, problems: list }))
    .sort((a, b) => compareCodePoints(a.artifactId ?? '', b.artifactId ?? ''));
  return storeWide.length > 0 ? [...groups, { artifactId: null, problems: storeWide }] : groups;
}
