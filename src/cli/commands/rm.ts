import type { CommandContext } from '../context';
import { UsageError } from '../cli-errors';
import { parseArtifactRef } from '../refs';
import { resolveRef } from './resolve';

export async function rm(context: CommandContext, refText: string, options: { deleteAliases?: boolean }): Promise<void> {
  if (parseArtifactRef(refText, context.project).ref === null) {
    throw new UsageError(`rm ${refText}: name the version to delete (e.g. ${refText}:v0); deleting never defaults to latest`);
  }
  const { store } = await context.openStore();
  const version = await resolveRef(store, context, refText);
  await store.deleteVersion(version.id, { dropAliases: options.deleteAliases === true });
  context.out.result({ deleted: version.id });
  context.out.line(`deleted ${version.id}`);
}
