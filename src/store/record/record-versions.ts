/** Reading and editing versions and their manifests in the record store. */
import type {
  ArtifactId,
  ArtifactVersion,
  ManifestEntry, VersionId
} from '../../domain/types';
import type {
  ManifestPage, VersionPatch
} from '../artifact-store';
import type { VersionRecord } from '../records';
import { MANIFEST_CHUNK_ENTRIES } from '../records';
import { onlyKey, prefixRange } from '../record-backend';
import { chunkEntriesOf, chunkSpan } from '../manifest-chunks';
import { artifactNotFound } from '../store-errors';
import { parseVersionRef, validatePage, validateVersionPatch } from '../store-validation';
import { noVersionOrAliasError, patchedVersion } from '../store-rules';
import type { RecordContext } from './record-context';
import { toVersions, toVersionIn, getVersionRecordIn } from './record-tx';

// Versions

export async function listVersions(ctx: RecordContext, artifactId: ArtifactId): Promise<ArtifactVersion[]> {
  return ctx.read(['artifacts', 'versions', 'aliases'], async (tx) => {
    const [artifact, versions, aliases] = await Promise.all([
      tx.get('artifacts', artifactId),
      tx.getAllFromIndex('versions', 'byArtifact', prefixRange([artifactId])),
      tx.getAll('aliases', prefixRange([artifactId])),
    ]);
    if (!artifact) throw artifactNotFound(artifactId);
    return toVersions(versions, aliases).reverse();
  });
}

export async function getVersion(ctx: RecordContext, id: VersionId): Promise<ArtifactVersion> {
  return ctx.read(['artifacts', 'versions', 'aliases'], async (tx) => toVersionIn(tx, await getVersionRecordIn(tx, id)));
}

export async function resolveVersion(ctx: RecordContext, artifactId: ArtifactId, ref: string): Promise<ArtifactVersion> {
  const parsed = parseVersionRef(ref);
  return ctx.read(['artifacts', 'versions', 'aliases'], async (tx) => {
    let record: VersionRecord | undefined;
    if (parsed.kind === 'index') {
      record = (await tx.getAllFromIndex('versions', 'byArtifact', onlyKey([artifactId, parsed.index])))[0];
    } else if (parsed.kind === 'latest') {
      record = await tx.lastFromIndex('versions', 'byArtifact', prefixRange([artifactId]));
    } else {
      const alias = await tx.get('aliases', [artifactId, parsed.alias]);
      if (alias) record = (await tx.getAllFromIndex('versions', 'byArtifact', onlyKey([artifactId, alias.index])))[0];
    }
    if (record) return toVersionIn(tx, record);
    if (!(await tx.get('artifacts', artifactId))) throw artifactNotFound(artifactId);
    throw noVersionOrAliasError(artifactId, ref);
  });
}

export async function findVersionByDigest(ctx: RecordContext, artifactId: ArtifactId, digest: string): Promise<ArtifactVersion | null> {
  return ctx.read(['versions', 'aliases'], async (tx) => {
    const record = (await tx.getAllFromIndex('versions', 'byDigest', onlyKey([artifactId, digest])))[0];
    return record ? toVersionIn(tx, record) : null;
  });
}

export async function updateVersion(ctx: RecordContext, id: VersionId, patch: VersionPatch): Promise<ArtifactVersion> {
  const valid = validateVersionPatch(patch);
  return ctx.write(['artifacts', 'versions', 'aliases'], async (tx) => {
    const record = await getVersionRecordIn(tx, id);
    const next = patchedVersion(record, valid);
    await tx.put('versions', next);
    return toVersionIn(tx, next);
  });
}

// Manifests

export async function readManifest(ctx: RecordContext, id: VersionId): Promise<ManifestEntry[]> {
  return ctx.read(['artifacts', 'versions', 'manifestChunks'], async (tx) => {
    await getVersionRecordIn(tx, id);
    const chunks = await tx.getAll('manifestChunks', prefixRange([id]));
    return chunks.flatMap((c) => chunkEntriesOf(c));
  });
}

export async function readManifestPage(ctx: RecordContext, id: VersionId, page: { offset: number; limit: number }): Promise<ManifestPage> {
  const { offset, limit } = validatePage(page);
  return ctx.read(['artifacts', 'versions', 'manifestChunks'], async (tx) => {
    const record = await getVersionRecordIn(tx, id);
    const span = chunkSpan(offset, limit, record.fileCount);
    if (!span) return { entries: [], total: record.fileCount };
    const chunks = await tx.getAll('manifestChunks', { lower: [id, span.first], upper: [id, span.last] });
    // Decode only the entries of the page: [offset, offset + limit) across the chunks.
    const entries = chunks.flatMap((c) => {
      const base = c.chunkNo * MANIFEST_CHUNK_ENTRIES;
      return chunkEntriesOf(c, Math.max(0, offset - base), offset + limit - base);
    });
    return { entries, total: record.fileCount };
  });
}
