import { resolve } from 'node:path';
import { diffManifests } from '../../domain/diff';
import { AppError } from '../../domain/errors';
import { hashFiles, listFolder } from '../../store/node/local-folder';
import { entriesUnder } from '../../store/node/download-version';
import type { CommandContext } from '../context';
import { resolveRef } from './resolve';

/** A local folder against a version (default: where `get` puts it); no upload. Fails when they differ. */
export async function verify(context: CommandContext, refText: string, dir: string | undefined): Promise<void> {
  const { out } = context;
  const { store } = await context.openStore();
  const version = await resolveRef(store, context, refText);
  const root = resolve(dir ?? `artifacts/${version.artifactName}:v${version.index}`);
  const files = await listFolder(root);
  const progress = out.progress(`hashing ${files.length} files`, files.reduce((s, f) => s + f.size, 0), 'bytes');
  const local = await hashFiles(files, { signal: context.signal, onProgress: (p) => progress.update(p.bytesDone) }).finally(() => progress.stop());
  const stored = entriesUnder(await store.readManifest(version.id), undefined).filter((e) => !e.ref);
  const changes = diffManifests(stored, local.entries);
  const same = changes.added.length + changes.removed.length + changes.modified.length + changes.renamed.length === 0;
  out.result({ version: version.id, root, matches: same, ...changes });
  if (!same) {
    const lines = [
      ...changes.removed.map((e) => `missing ${e.path}`),
      ...changes.added.map((e) => `extra ${e.path}`),
      ...changes.modified.map((m) => `changed ${m.path}`),
      ...changes.renamed.map((r) => `moved ${r.from.path} → ${r.to.path}`),
    ];
    throw new AppError('digest-mismatch', `${root} does not match ${version.id}:\n  ${lines.join('\n  ')}`, { details: { changes } });
  }
  out.line(`${root} matches ${version.id} (${files.length} files, digest ${version.digest})`);
}
