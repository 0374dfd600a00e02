import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { AppError } from '../../domain/errors';
import type { JsonObject, RunId } from '../../domain/types';
import { validateAliases, validateArtifactType, validateDescription, validateMetadata } from '../../domain/validation';
import type { ArtifactStore, CommitResult } from '../../store/artifact-store';
import { listFolder } from '../../store/node/local-folder';
import type { LogFilesInput } from '../../store/node/log-folder';
import { logFiles } from '../../store/node/log-folder';
import type { CommandContext } from '../context';
import type { Progress } from '../output';
import { parseArtifactRef } from '../refs';
import { UsageError } from '../cli-errors';

export interface PutOptions {
  readonly name: string;
  readonly type: string;
  readonly alias?: readonly string[];
  readonly description?: string;
  readonly metadata?: string;
}

/** `--metadata '{"k":1}'` or `--metadata @file.json`. */
export async function readJsonOption(text: string, what: string): Promise<unknown> {
  const source = text.startsWith('@') ? await readFile(text.slice(1), 'utf8').catch(() => {
    throw new UsageError(`${what}: cannot read ${text.slice(1)}`);
  }) : text;
  try {
    return JSON.parse(source) as unknown;
  } catch (error) {
    throw new UsageError(`${what} is not valid JSON: ${(error as Error).message}`);
  }
}

export async function put(context: CommandContext, path: string, options: PutOptions): Promise<void> {
  const { out } = context;
  const target = parseArtifactRef(options.name, context.project);
  if (target.ref !== null) throw new UsageError(`--name ${options.name}: give the artifact without a version (e.g. ${target.project}/${target.artifactName})`);
  const type = validateArtifactType(options.type);
  const aliases = validateAliases(options.alias ?? []);
  const description = validateDescription(options.description ?? '');
  const metadata: JsonObject = options.metadata === undefined ? {} : validateMetadata(await readJsonOption(options.metadata, '--metadata'));
  const { store } = await context.openStore();

  const files = await listFolder(resolve(path));
  if (files.length === 0) throw new AppError('invalid-path', `${path} holds no files: nothing to log`);
  const runId = context.env['ARTIFACT_STUDIO_RUN_ID']?.trim();
  const input = { project: target.project, artifactName: target.artifactName, type, description, metadata, aliases, files, producedBy: runId ? (runId as RunId) : null };
  const result = await logFilesWithProgress(context, store, input);

  const { version, created } = result;
  out.result({
    version: version.id,
    created,
    digest: version.digest,
    files: version.fileCount,
    size: version.size,
    aliases: version.aliases,
    uploadedFiles: result.uploadedFiles,
    uploadedBytes: result.uploadedBytes,
  });
  if (created) out.line(version.id);
  else out.line(`${version.id} (identical to v${version.index}: no new version${aliases.length > 0 ? `; aliases ${aliases.join(', ')} added there` : ''})`);
}

/** A logged version, with what had to be uploaded for it (blobs the store lacked). */
export interface LoggedVersion extends CommitResult {
  readonly uploadedFiles: number;
  readonly uploadedBytes: number;
}

/** logFiles with a hashing bar, then an upload bar when anything is missing from the store. */
export async function logFilesWithProgress(context: CommandContext, store: ArtifactStore, input: LogFilesInput): Promise<LoggedVersion> {
  const { out, signal } = context;
  const total = input.files.reduce((sum, f) => sum + f.size, 0);
  const hashing = out.progress(`hashing ${input.files.length} files of ${input.artifactName}`, total, 'bytes');
  const uploading: { bar: Progress | null } = { bar: null };
  let uploadedFiles = 0;
  let uploadedBytes = 0;
  try {
    const result = await logFiles(store, input, {
      signal,
      onHashing: (p) => hashing.update(p.bytesDone),
      onUpload: (p) => {
        hashing.stop();
        if (p.phase !== 'writing' || p.filesTotal === 0) return;
        uploadedFiles = p.filesTotal;
        uploadedBytes = p.bytesTotal;
        uploading.bar ??= out.progress(`uploading ${p.filesTotal} new ${p.filesTotal === 1 ? 'file' : 'files'}`, p.bytesTotal, 'bytes');
        uploading.bar.update(p.bytesDone);
      },
    });
    return { ...result, uploadedFiles, uploadedBytes };
  } finally {
    hashing.stop();
    uploading.bar?.stop();
  }
}
