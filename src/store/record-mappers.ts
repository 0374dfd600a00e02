/**
 * Records to domain objects and back: versions with their aliases and `latest`, artifacts with
 * their summaries, metadata kept exactly. Shared by every adapter; no I/O.
 */
import { hasExactNumber, parseExactJson, stringifyExactJson } from '../domain/exact-json';
import type { Artifact, ArtifactVersion, JsonObject } from '../domain/types';
import type { ArtifactRecord, ArtifactSummary, VersionRecord } from './records';

export const LATEST = 'latest';

/**
 * How a record keeps metadata: IndexedDB's structured clone and the S3 documents' JSON would
 * lose an ExactNumber's text, so metadata holding one is kept as exact JSON text as well.
 */
export function metadataRecordFields(metadata: JsonObject): Pick<VersionRecord, 'metadata' | 'metadataJson'> {
  if (!hasExactNumber(metadata)) return { metadata, metadataJson: undefined };
  const metadataJson = stringifyExactJson(metadata);
  return { metadata: JSON.parse(metadataJson) as JsonObject, metadataJson };
}

/** The metadata a record holds, numbers exactly as written. */
export function metadataOfRecord(record: Pick<VersionRecord, 'metadata' | 'metadataJson'>): JsonObject {
  if (record.metadataJson === undefined) return record.metadata;
  return parseExactJson(record.metadataJson, 'stored metadata', 'internal') as JsonObject;
}

/** `latest` first, then the user aliases in the order given. */
export function aliasesForDisplay(userAliases: readonly string[], isLatest: boolean): string[] {
  return isLatest ? [LATEST, ...userAliases] : [...userAliases];
}

export function toArtifactVersion(record: VersionRecord, userAliases: readonly string[], latestIndex: number | null): ArtifactVersion {
  return {
    id: record.id,
    artifactId: record.artifactId,
    project: record.project,
    artifactName: record.artifactName,
    type: record.type,
    index: record.index,
    digest: record.digest,
    size: record.size,
    fileCount: record.fileCount,
    createdAt: record.createdAt,
    description: record.description,
    metadata: metadataOfRecord(record),
    tags: [...record.tags],
    aliases: aliasesForDisplay(userAliases, record.index === latestIndex),
    producedBy: record.producedBy,
    ttlSeconds: record.ttlSeconds,
  };
}

/** `latest` is the live version with the greatest index. */
export function latestIndexOf(versions: readonly Pick<VersionRecord, 'index'>[]): number | null {
  let latest: number | null = null;
  for (const v of versions) if (latest === null || v.index > latest) latest = v.index;
  return latest;
}

export const EMPTY_SUMMARY: Readonly<ArtifactSummary> = { versionCount: 0, totalSize: 0, latestIndex: null };

/** The summary of an artifact with these live versions (what ArtifactRecord.summary must hold). */
export function summariseVersions(liveVersions: readonly Pick<VersionRecord, 'index' | 'size'>[]): ArtifactSummary {
  let totalSize = 0;
  for (const v of liveVersions) totalSize += v.size;
  return { versionCount: liveVersions.length, totalSize, latestIndex: latestIndexOf(liveVersions) };
}

/** The summary after adding a new version, which is always the newest (indices only grow). */
export function summaryWithVersion(summary: ArtifactSummary, version: Pick<VersionRecord, 'index' | 'size'>): ArtifactSummary {
  return { versionCount: summary.versionCount + 1, totalSize: summary.totalSize + version.size, latestIndex: version.index };
}

export function toArtifact(record: ArtifactRecord): Artifact {
  const { versionCount, totalSize, latestIndex } = record.summary;
  return {
    id: record.id,
    project: record.project,
    name: record.name,
    type: record.type,
    description: record.description,
    createdAt: record.createdAt,
    versionCount,
    totalSize,
    latestIndex,
    nextIndex: record.nextIndex,
    protectedAliases: [...(record.protectedAliases ?? [])],
  };
}

/** String bounds that enclose every artifact id of a project (names never contain "/", and "0" follows "/"). */
export function projectIdBounds(project: string): { lower: string; upper: string } {
  return { lower: `${project}/`, upper: `${project}0` };
}
