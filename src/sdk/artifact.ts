/** An artifact being built in code, W&B style: files, folders and references added, then logged by a run. */
import { stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { parseReferenceList, referenceEntry } from '../domain/draft-references';
import { AppError } from '../domain/errors';
import { normalisePath } from '../domain/paths';
import type { JsonObject, ManifestEntry } from '../domain/types';
import { validateArtifactName, validateArtifactType, validateDescription, validateMetadata } from '../domain/validation';
import type { LocalFile } from '../store/node/local-folder';
import { listFolder } from '../store/node/local-folder';

export interface ArtifactOptions {
  description?: string;
  metadata?: JsonObject;
}

type Addition =
  | { kind: 'file'; localPath: string; name: string }
  | { kind: 'dir'; localPath: string; prefix: string }
  | { kind: 'reference'; entry: ManifestEntry };

export class Artifact {
  readonly name: string;
  readonly type: string;
  description: string;
  metadata: JsonObject;
  private readonly additions: Addition[] = [];
  private readonly removed = new Set<string>();

  /** `name` may be `project/name`; the project defaults to the run's. */
  constructor(name: string, type: string, options: ArtifactOptions = {}) {
    const [first, second] = name.split('/');
    if (second !== undefined) validateArtifactName(second);
    else validateArtifactName(first);
    this.name = name;
    this.type = validateArtifactType(type);
    this.description = validateDescription(options.description ?? '');
    this.metadata = validateMetadata(options.metadata ?? {});
  }

  /** Adds one file, as `name` in the artifact (default: its file name). */
  addFile(localPath: string, options: { name?: string } = {}): this {
    this.additions.push({ kind: 'file', localPath: resolve(localPath), name: normalisePath(options.name ?? basename(localPath)) });
    return this;
  }

  /** Adds every file under a folder, under `name` in the artifact (default: at its root). */
  addDir(localPath: string, options: { name?: string } = {}): this {
    this.additions.push({ kind: 'dir', localPath: resolve(localPath), prefix: options.name === undefined ? '' : normalisePath(options.name) });
    return this;
  }

  /** Adds a reference (`s3://…`, `https://…`): tracked by URI, its bytes not stored. */
  addReference(uri: string, options: { name?: string } = {}): this {
    const [parsed] = parseReferenceList(uri);
    if (!parsed) throw new AppError('invalid-path', `${JSON.stringify(uri)} is not a URI like s3://bucket/key or https://host/file`);
    const path = options.name === undefined ? parsed.path : normalisePath(options.name);
    this.additions.push({ kind: 'reference', entry: referenceEntry({ uri: parsed.uri, path }, null) });
    return this;
  }

  /** Removes a path (or every path under a folder) added so far. */
  remove(path: string): this {
    this.removed.add(normalisePath(path));
    return this;
  }

  /** The files to store and the reference entries, removals applied. */
  async contents(): Promise<{ files: LocalFile[]; references: ManifestEntry[] }> {
    const files: LocalFile[] = [];
    const references: ManifestEntry[] = [];
    for (const addition of this.additions) {
      if (addition.kind === 'reference') {
        references.push(addition.entry);
      } else if (addition.kind === 'file') {
        const info = await stat(addition.localPath).catch(() => null);
        if (!info?.isFile()) throw new AppError('not-found', `addFile: ${addition.localPath} is not a file`);
        files.push({ path: addition.name, absolute: addition.localPath, size: info.size, mtimeMs: info.mtimeMs });
      } else {
        for (const file of await listFolder(addition.localPath)) {
          files.push({ ...file, path: addition.prefix === '' ? file.path : `${addition.prefix}/${file.path}` });
        }
      }
    }
    const kept = (path: string) => ![...this.removed].some((r) => path === r || path.startsWith(`${r}/`));
    return { files: files.filter((f) => kept(f.path)), references: references.filter((r) => kept(r.path)) };
  }
}
