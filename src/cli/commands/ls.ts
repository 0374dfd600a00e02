import { formatBytes } from '../../domain/format';
import { validateProjectName } from '../../domain/validation';
import type { CommandContext } from '../context';
import { parseArtifactRef } from '../refs';

const when = (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, 19);

/** No argument: projects; `project`: its artifacts; `project/artifact`: its versions. */
export async function ls(context: CommandContext, what: string | undefined, options: { type?: string }): Promise<void> {
  const { out } = context;
  const { store } = await context.openStore();
  if (what === undefined) {
    const projects = await store.listProjects();
    out.result(projects);
    for (const p of projects) out.line(p.name);
    return;
  }
  if (!what.includes('/')) {
    const artifacts = (await store.listArtifacts(validateProjectName(what))).filter((a) => !options.type || a.type === options.type);
    out.result(artifacts);
    for (const a of artifacts) out.line(`${a.id}\t${a.type}\t${a.versionCount} versions\t${formatBytes(a.totalSize)}`);
    return;
  }
  const ref = parseArtifactRef(what, context.project);
  const versions = await store.listVersions((await store.getArtifact(ref.artifactId)).id);
  out.result(versions);
  for (const v of versions) out.line(`${v.id}\t${v.aliases.join(',') || '-'}\t${v.fileCount} files\t${formatBytes(v.size)}\t${when(v.createdAt)}`);
}
