import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { AppError } from '../../domain/errors';
import type { ArtifactStore } from '../artifact-store';
import type { Env, SpecContext, StoreSpec } from './store-spec';
import { artifactStudioHome, chooseStoreSpec, s3ConfigOf } from './store-spec';
import { fileWriteTestMemory, writeTestMemoryFile } from './write-test-memory';

export interface OpenedStore {
  readonly store: ArtifactStore;
  /** e.g. `s3://bucket/prefix (http://127.0.0.1:7480)` or the folder's path. */
  readonly description: string;
  /** Why writes are refused, when the store opened read-only. */
  readonly readOnlyReason: string | null;
}

export interface OpenStoreOptions {
  /** `--store`: s3://bucket/prefix or a folder; default ARTIFACT_STUDIO_STORE, then the default folder store. */
  readonly store?: string;
  readonly env?: Env;
  readonly home?: string;
}

function readText(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new AppError('invalid-config', `cannot read ${path}: ${(error as Error).message}`, { cause: error });
  }
}

export function specContext(options: OpenStoreOptions = {}): SpecContext {
  return { env: options.env ?? process.env, home: options.home ?? homedir(), readText };
}

/** Opens the store a CLI command or SDK run works on (see store-spec.ts for how it is chosen). */
export async function openStore(options: OpenStoreOptions = {}): Promise<OpenedStore> {
  const context = specContext(options);
  const spec = chooseStoreSpec(options.store, context);
  return openSpec(spec, context);
}

async function openSpec(spec: StoreSpec, context: SpecContext): Promise<OpenedStore> {
  if (spec.kind === 'folder') return openFolder(resolve(spec.path));
  const config = s3ConfigOf(spec, context);
  const { createS3Store } = await import('../s3/create-s3-store');
  const memory = fileWriteTestMemory(writeTestMemoryFile(artifactStudioHome(context), config));
  const { nodeS3Transport } = await import('./s3-node-transport');
  const store = await createS3Store(config, { writeTestMemory: memory, transport: nodeS3Transport });
  return {
    store,
    description: `s3://${config.bucket}/${config.prefix} (${config.endpoint})`,
    readOnlyReason: store.readOnly ? (store.readOnlyReason ?? 'the bucket cannot be written safely') : null,
  };
}

/** The one place that opens a local folder store (created when missing). */
async function openFolder(path: string): Promise<OpenedStore> {
  const { openFolderStore } = await import('../folder/open-folder-store');
  const store = await openFolderStore(path);
  return { store, description: path, readOnlyReason: null };
}
