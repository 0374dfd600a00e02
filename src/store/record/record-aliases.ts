/**
 * Aliases of the record store: moving, removing and protecting them, and their event log.
 */
import { protectedAliasError } from '../../domain/aliases';
import type {
  AliasEvent,
  Artifact,
  ArtifactId, VersionId
} from '../../domain/types';
import { validateAlias, validateExistingAlias } from '../../domain/validation';
import type {
  AliasChangeOptions
} from '../artifact-store';
import type { ArtifactRecord } from '../records';
import type { RecordTx } from '../record-backend';
import { onlyKey } from '../record-backend';
import { toArtifact } from '../record-mappers';
import { artifactNotFound } from '../store-errors';
import { noAliasError, withProtection } from '../store-rules';
import type { RecordContext } from './record-context';
import { ALIAS_STORES, getVersionRecordIn } from './record-tx';

/**
 * Puts `alias` on version `toIndex`, moving it from the version that held it, and logs the event.
 * Moving a protected alias needs `confirmProtected`.
 */
export async function moveAliasIn(
  tx: RecordTx,
  artifact: Pick<ArtifactRecord, 'id' | 'protectedAliases'>,
  alias: string,
  toIndex: number,
  at: number,
  confirmProtected = false,
): Promise<void> {
  const artifactId = artifact.id;
  const current = await tx.get('aliases', [artifactId, alias]);
  if (current?.index === toIndex) return;
  if (current && !confirmProtected && (artifact.protectedAliases ?? []).includes(alias)) {
    throw protectedAliasError(alias, artifactId, 'move');
  }
  await tx.put('aliases', { artifactId, alias, index: toIndex });
  await tx.put('aliasEvents', {
    artifactId,
    alias,
    action: current ? 'move' : 'add',
    fromIndex: current ? current.index : null,
    toIndex,
    at,
  });
}

// Aliases

export async function setAlias(ctx: RecordContext, id: VersionId, alias: string, options: AliasChangeOptions = {}): Promise<void> {
  const valid = validateAlias(alias);
  await ctx.write(ALIAS_STORES, async (tx) => {
    const record = await getVersionRecordIn(tx, id);
    const artifact = await tx.get('artifacts', record.artifactId);
    if (!artifact) throw artifactNotFound(record.artifactId);
    await moveAliasIn(tx, artifact, valid, record.index, ctx.now(), options.confirmProtected === true);
  });
}

export async function removeAlias(ctx: RecordContext, artifactId: ArtifactId, alias: string, options: AliasChangeOptions = {}): Promise<void> {
  const valid = validateExistingAlias(alias);
  await ctx.write(ALIAS_STORES, async (tx) => {
    const [current, artifact] = await Promise.all([tx.get('aliases', [artifactId, valid]), tx.get('artifacts', artifactId)]);
    if (!artifact) throw artifactNotFound(artifactId);
    if (!current) {
      throw noAliasError(artifactId, valid);
    }
    if (options.confirmProtected !== true && (artifact.protectedAliases ?? []).includes(valid)) {
      throw protectedAliasError(valid, artifactId, 'remove');
    }
    await tx.delete('aliases', [artifactId, valid]);
    await tx.put('aliasEvents', { artifactId, alias: valid, action: 'remove', fromIndex: current.index, toIndex: null, at: ctx.now() });
  });
}

export async function setAliasProtected(ctx: RecordContext, artifactId: ArtifactId, alias: string, isProtected: boolean): Promise<Artifact> {
  const valid = validateExistingAlias(alias);
  return ctx.write(['artifacts'], async (tx) => {
    const record = await tx.get('artifacts', artifactId);
    if (!record) throw artifactNotFound(artifactId);
    const next: ArtifactRecord = { ...record, protectedAliases: withProtection(record.protectedAliases, valid, isProtected) };
    await tx.put('artifacts', next);
    return toArtifact(next);
  });
}

/** Oldest first. */
export async function listAliasEvents(ctx: RecordContext, artifactId: ArtifactId): Promise<AliasEvent[]> {
  return ctx.read(['artifacts', 'aliasEvents'], async (tx) => {
    if (!(await tx.get('artifacts', artifactId))) throw artifactNotFound(artifactId);
    const events = await tx.getAllFromIndex('aliasEvents', 'byArtifact', onlyKey(artifactId));
    return events.map(({ artifactId: a, alias, action, fromIndex, toIndex, at }) => ({ artifactId: a, alias, action, fromIndex, toIndex, at }));
  });
}
