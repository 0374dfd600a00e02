/**
 * The object interface over a folder the browser's folder picker handed over
 * (`showDirectoryPicker()`), read-only: the app browses a folder store the CLI wrote with the
 * S3 store logic, and refuses every write. The layout and listing rules are the Node client's
 * (folder-tree.ts). ETags come from the writer's sidecar when it matches the file's size (the
 * browser cannot see inodes), otherwise from the md5 of the bytes.
 */
import { md5Base64 } from '../../domain/digest';
import { AppError } from '../../domain/errors';
import { parseStagedAt, readText } from '../s3/object-client';
import type { HeadResult, ListedObject, ListOptions, ListResult, ObjectClient, ObjectRead, PutResult } from '../s3/object-client';
import { digestToHex } from '../s3/s3-layout';
import { randomHex } from '../s3/s3-util';
import type { Sidecar } from './folder-tree';
import { FOLDER_STORE_ID_PREFIX, INTERNAL_DIR, keySegments, listTree, parseSidecar } from './folder-tree';

/** What the client uses of a FileSystemDirectoryHandle (TypeScript's DOM types lack `values()`). */
export interface DirectoryHandleLike {
  readonly kind: 'directory';
  readonly name: string;
  getDirectoryHandle(name: string): Promise<DirectoryHandleLike>;
  getFileHandle(name: string): Promise<{ getFile(): Promise<File> }>;
  values(): AsyncIterable<{ readonly kind: 'file' | 'directory'; readonly name: string }>;
}

function isMissing(error: unknown): boolean {
  return error instanceof DOMException && (error.name === 'NotFoundError' || error.name === 'TypeMismatchError');
}

export function folderReadOnlyError(name: string): AppError {
  return new AppError('read-only', `the folder store "${name}" is open read-only in the browser; write to it with the artifact-studio CLI or SDK`, {
    details: { folder: name },
  });
}

export class DirectoryHandleObjectClient implements ObjectClient {
  readonly keyPrefix = '';
  readonly storeId: string;
  readonly label: string;
  private readonly root: DirectoryHandleLike;

  constructor(root: DirectoryHandleLike) {
    this.root = root;
    // Two picked folders may share a name: each opening is its own store.
    this.storeId = `${FOLDER_STORE_ID_PREFIX}${root.name}:${randomHex(4)}`;
    this.label = `folder ${root.name}`;
  }

  /** A folder store has its own directory (written when opened) or projects. */
  async isFolderStore(): Promise<boolean> {
    return (await this.directory([INTERNAL_DIR])) !== null || (await this.directory(['projects'])) !== null;
  }

  private async directory(segments: readonly string[]): Promise<DirectoryHandleLike | null> {
    let dir = this.root;
    try {
      for (const segment of segments) dir = await dir.getDirectoryHandle(segment);
      return dir;
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  private async file(segments: readonly string[]): Promise<File | null> {
    const dir = await this.directory(segments.slice(0, -1));
    if (dir === null) return null;
    try {
      return await (await dir.getFileHandle(segments[segments.length - 1] ?? '')).getFile();
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  private async sidecar(key: string, file: File): Promise<Sidecar | null> {
    const text = await (await this.file([INTERNAL_DIR, 'meta', ...keySegments(`${key}.json`)]))?.text();
    const sidecar = text === undefined ? null : parseSidecar(text);
    return sidecar !== null && sidecar.size === file.size ? sidecar : null;
  }

  private async describe(key: string): Promise<{ file: File; etag: string; meta: Record<string, string> } | null> {
    const file = await this.file(keySegments(key));
    if (file === null) return null;
    const sidecar = await this.sidecar(key, file);
    if (sidecar !== null) return { file, etag: sidecar.etag, meta: sidecar.meta };
    return { file, etag: digestToHex(await md5Base64(new Uint8Array(await file.arrayBuffer()))), meta: {} };
  }

  async get(key: string, options: { ifNoneMatch?: string } = {}): Promise<ObjectRead | 'not-modified' | null> {
    const found = await this.describe(key);
    if (found === null) return null;
    if (options.ifNoneMatch !== undefined && options.ifNoneMatch.replace(/"/g, '') === found.etag) return 'not-modified';
    return { etag: found.etag, blob: () => Promise.resolve(found.file), text: () => found.file.text() };
  }

  getText(key: string, options: { ifNoneMatch?: string } = {}): Promise<{ text: string; etag: string } | 'not-modified' | null> {
    return readText(this, key, options);
  }

  async head(key: string): Promise<HeadResult | null> {
    const found = await this.describe(key);
    if (found === null) return null;
    const staged = found.meta['staged-at'];
    return {
      etag: found.etag,
      size: found.file.size,
      lastModified: found.file.lastModified,
      stagedAt: parseStagedAt(staged),
    };
  }

  async list(prefix: string, options: ListOptions = {}): Promise<ListResult> {
    return listTree(
      {
        entries: async (dirPrefix) => {
          const dir = await this.directory(dirPrefix === '' ? [] : dirPrefix.slice(0, -1).split('/'));
          if (dir === null) return [];
          const out = [];
          for await (const entry of dir.values()) out.push({ name: entry.name, isDirectory: entry.kind === 'directory' });
          return out;
        },
        object: async (key): Promise<ListedObject | null> => {
          const found = await this.describe(key);
          return found === null ? null : { key, etag: found.etag, size: found.file.size, lastModified: found.file.lastModified };
        },
      },
      prefix,
      options,
    );
  }

  put(): Promise<PutResult> {
    return Promise.reject(folderReadOnlyError(this.root.name));
  }

  putJson(): Promise<PutResult> {
    return Promise.reject(folderReadOnlyError(this.root.name));
  }

  replaceMeta(): Promise<void> {
    return Promise.reject(folderReadOnlyError(this.root.name));
  }

  delete(): Promise<void> {
    return Promise.reject(folderReadOnlyError(this.root.name));
  }

  putLarge(): Promise<void> {
    return Promise.reject(folderReadOnlyError(this.root.name));
  }
}
