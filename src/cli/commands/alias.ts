import { validateAlias } from '../../domain/validation';
import type { CommandContext } from '../context';
import { parseArtifactRef } from '../refs';
import { resolveRef } from './resolve';

export async function aliasAdd(context: CommandContext, refText: string, alias: string, options: { confirmProtected?: boolean }): Promise<void> {
  const name = validateAlias(alias);
  const { store } = await context.openStore();
  const version = await resolveRef(store, context, refText);
  await store.setAlias(version.id, name, { confirmProtected: options.confirmProtected === true });
  context.out.result({ version: version.id, alias: name });
  context.out.line(`${version.artifactId}:${name} → v${version.index}`);
}

export async function aliasRm(context: CommandContext, refText: string, alias: string, options: { confirmProtected?: boolean }): Promise<void> {
  const name = validateAlias(alias);
  const { store } = await context.openStore();
  const ref = parseArtifactRef(refText, context.project);
  await store.getArtifact(ref.artifactId);
  await store.removeAlias(ref.artifactId, name, { confirmProtected: options.confirmProtected === true });
  context.out.result({ artifact: ref.artifactId, removed: name });
  context.out.line(`removed ${ref.artifactId}:${name}`);
}
