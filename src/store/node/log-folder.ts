/** Logs local files as a version through the ingest core: walk, hash, upload what the store lacks, commit. */
import { AppError } from '../../domain/errors';
import type { JsonObject, ManifestEntry, RunId } from '../../domain/types';
import type { ArtifactStore, CommitResult } from '../artifact-store';
import type { IngestProgress } from '../ingest/ingest-version';
import { ingestVersion } from '../ingest/ingest-version';
import type { HashProgress, LocalFile } from './local-folder';
import { hashFiles } from './local-folder';

export interface LogFilesInput {
  readonly project: string;
  readonly artifactName: string;
  readonly type: string;
  /** The files to store, with their entry paths. */
  readonly files: readonly LocalFile[];
  /** Entries whose bytes are not stored (references). */
  readonly references?: readonly ManifestEntry[];
  readonly aliases?: readonly string[];
  readonly description?: string;
  readonly metadata?: JsonObject;
  readonly producedBy?: RunId | null;
}

export interface LogFilesOptions {
  readonly signal?: AbortSignal;
  readonly onHashing?: (progress: HashProgress) => void;
  readonly onUpload?: (progress: IngestProgress) => void;
}

export async function logFiles(store: ArtifactStore, input: LogFilesInput, options: LogFilesOptions = {}): Promise<CommitResult> {
  const references = input.references ?? [];
  if (input.files.length + references.length === 0) throw new AppError('invalid-path', `${input.artifactName}: no files to log`);
  const seen = new Set<string>();
  for (const path of [...input.files.map((f) => f.path), ...references.map((r) => r.path)]) {
    if (seen.has(path)) throw new AppError('duplicate-path', `${input.artifactName}: two files have the path ${JSON.stringify(path)}`, { details: { path } });
    seen.add(path);
  }
  const hashed = await hashFiles(input.files, { ...(options.signal ? { signal: options.signal } : {}), ...(options.onHashing ? { onProgress: options.onHashing } : {}) });
  const entries = [...hashed.entries, ...references];
  return ingestVersion(
    store,
    {
      project: input.project,
      artifactName: input.artifactName,
      type: input.type,
      description: input.description ?? '',
      metadata: input.metadata ?? {},
      tags: [],
      aliases: input.aliases ?? [],
      entries,
      blobs: hashed.blobs,
      run: null,
      producedBy: input.producedBy ?? null,
    },
    { ...(options.signal ? { signal: options.signal } : {}), ...(options.onUpload ? { onProgress: options.onUpload } : {}) },
  );
}
