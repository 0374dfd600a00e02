import { resolve } from 'node:path';
import { artifactStudioHome } from '../../store/node/store-spec';
import { downloadRecordPath } from '../../store/node/download-record';
import { downloadVersion } from '../../store/node/download-version';
import { readManifestCached } from '../../store/node/manifest-cache';
import type { CommandContext } from '../context';
import { resolveRef } from './resolve';
import { homedir } from 'node:os';
import { formatBytes } from '../../domain/format';

export interface GetOptions {
  readonly root?: string;
  readonly path?: readonly string[];
  readonly verify?: boolean;
}

export async function get(context: CommandContext, refText: string, options: GetOptions): Promise<void> {
  const { out } = context;
  const { store } = await context.openStore();
  const version = await resolveRef(store, context, refText);
  const root = resolve(options.root ?? `artifacts/${version.artifactName}:v${version.index}`);
  const home = artifactStudioHome({ env: context.env, home: homedir() });
  const entries = await readManifestCached(store, version, home);
  const recordFile = downloadRecordPath(home, root);
  const progress = out.progress(`checking ${entries.length} files of ${version.id}`, entries.length, 'files');
  const result = await downloadVersion(store, entries, root, {
    ...(options.path ? { paths: options.path } : {}),
    verify: options.verify === true,
    recordFile,
    signal: context.signal,
    onProgress: (p) => progress.update(p.filesDone),
  }).finally(() => progress.stop());
  out.result({ version: version.id, digest: version.digest, root, ...result });
  out.line(
    `${version.id} → ${root}: ${result.files} files verified, ${result.fetched} fetched (${formatBytes(result.bytesFetched)}), ${result.kept} already there` +
      (result.references > 0 ? `; ${result.references} references not downloaded` : ''),
  );
}
