/**
 * The object interface (src/store/s3/object-client.ts) over a local folder, for Node only: a
 * key is a file under the root. Every write goes to a temporary file first, so no reader ever
 * sees half an object:
 *   create   link(temp, target), which fails atomically when the target exists (412);
 *   ifMatch  under the key's lock file: compare the current ETag, then rename(temp, target);
 *   others   (unconditional put, delete, metadata) take the same lock, so a compare-and-swap
 *            never overwrites a change made between its compare and its rename.
 * The ETag is the md5 hex of the content (as S3 gives for a single-part PUT). It and the user
 * metadata are kept in a sidecar (`.folder-store/meta/<key>.json`) stamped with the file's
 * inode, size and mtime; a sidecar that does not match its file is ignored and the ETag is
 * hashed from the content, so a crash between two steps never yields a wrong ETag.
 */
import { createHash } from 'node:crypto';
import { openAsBlob } from 'node:fs';
import { link, mkdir, open, readdir, readFile, rename, rmdir, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { AppError } from '../../domain/errors';
import { parseStagedAt, readText } from '../s3/object-client';
import type { HeadResult, LargePutOptions, ListOptions, ListResult, ObjectBody, ObjectClient, ObjectRead, PutOptions, PutResult } from '../s3/object-client';
import type { ListedObject } from '../s3/object-client';
import { randomHex } from '../s3/s3-util';
import type { LockSettings } from './folder-lock';
import { withLock } from './folder-lock';
import type { Sidecar } from './folder-tree';
import { FOLDER_STORE_ID_PREFIX, INTERNAL_DIR, keySegments, listTree, parseSidecar } from './folder-tree';

export interface FolderClientOptions {
  /** Lock timing (stale-lock takeover, how long to wait). */
  locks?: Partial<LockSettings>;
  /** fsync each object before it becomes visible (default true), so a power cut leaves no torn object. */
  durable?: boolean;
  /** Refuse every write. */
  readOnly?: boolean;
}

/** Objects read whole into memory up to this size; larger ones are file-backed blobs. */
const READ_WHOLE_BYTES = 8 * 1024 * 1024;
/** Bytes written per step of a blob's write. */
const PIECE_BYTES = 1024 * 1024;

interface FileStamp {
  size: number;
  mtimeNs: string;
  ino: string;
  mtimeMs: number;
}

interface Staged {
  path: string;
  etag: string;
  stamp: FileStamp;
}

function errno(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | null)?.code;
}

function md5Hex(bytes: Uint8Array): string {
  return createHash('md5').update(bytes).digest('hex');
}

function hexToBase64(hex: string): string {
  return Buffer.from(hex, 'hex').toString('base64');
}

function cancelled(): AppError {
  return new AppError('cancelled', 'the transfer was cancelled');
}

async function stampOf(path: string): Promise<FileStamp | null> {
  try {
    const s = await stat(path, { bigint: true });
    if (!s.isFile()) return null;
    return { size: Number(s.size), mtimeNs: String(s.mtimeNs), ino: String(s.ino), mtimeMs: Number(s.mtimeMs) };
  } catch (error) {
    if (errno(error) === 'ENOENT' || errno(error) === 'ENOTDIR') return null;
    throw error;
  }
}

function sameFile(sidecar: Sidecar | null, stamp: FileStamp): sidecar is Sidecar {
  return sidecar !== null && sidecar.ino === stamp.ino && sidecar.size === stamp.size && sidecar.mtimeNs === stamp.mtimeNs;
}

export class FolderObjectClient implements ObjectClient {
  readonly root: string;
  readonly keyPrefix = '';
  readonly storeId: string;
  readonly label: string;
  private readonly locks: LockSettings;
  private readonly durable: boolean;
  private readonly readOnly: boolean;

  constructor(root: string, options: FolderClientOptions = {}) {
    this.root = resolve(root);
    this.storeId = `${FOLDER_STORE_ID_PREFIX}${this.root}`;
    this.label = `folder ${this.root}`;
    this.locks = { staleMs: options.locks?.staleMs ?? 10_000, waitMs: options.locks?.waitMs ?? 60_000 };
    this.durable = options.durable ?? true;
    this.readOnly = options.readOnly ?? false;
  }

  private assertWritable(): void {
    if (this.readOnly) throw new AppError('read-only', `the folder store ${this.root} is open read-only`, { details: { root: this.root } });
  }

  private path(key: string): string {
    return join(this.root, ...keySegments(key));
  }

  private sidecarPath(key: string): string {
    return join(this.root, INTERNAL_DIR, 'meta', ...keySegments(`${key}.json`));
  }

  private lockPath(key: string): string {
    return join(this.root, INTERNAL_DIR, 'locks', `${createHash('md5').update(key).digest('hex')}.lock`);
  }

  private async readSidecar(key: string): Promise<Sidecar | null> {
    const text = await readFile(this.sidecarPath(key), 'utf8').catch(() => null);
    return text === null ? null : parseSidecar(text);
  }

  /** The ETag and metadata of the file as it is now; null when there is no such object. */
  private async describe(key: string): Promise<{ stamp: FileStamp; etag: string; meta: Record<string, string> } | null> {
    const path = this.path(key);
    const stamp = await stampOf(path);
    if (stamp === null) return null;
    const sidecar = await this.readSidecar(key);
    if (sameFile(sidecar, stamp)) return { stamp, etag: sidecar.etag, meta: sidecar.meta };
    const bytes = await readFile(path).catch((error: unknown) => {
      if (errno(error) === 'ENOENT') return null;
      throw error;
    });
    if (bytes === null) return null;
    // The file changed after the stat: describe the new one.
    const again = await stampOf(path);
    if (again === null || again.ino !== stamp.ino || again.mtimeNs !== stamp.mtimeNs) return this.describe(key);
    return { stamp, etag: md5Hex(bytes), meta: {} };
  }

  /** Writes the body to a temporary file (hashed on the way, checked against `contentMd5`). */
  private async stage(body: ObjectBody, contentMd5: string | undefined, signal?: AbortSignal, onBytes?: (n: number) => void): Promise<Staged> {
    this.assertWritable();
    const path = await this.tempPath();
    const hash = createHash('md5');
    const handle = await open(path, 'wx');
    try {
      if (typeof body === 'string') {
        const bytes = Buffer.from(body, 'utf8');
        hash.update(bytes);
        await handle.write(bytes);
      } else {
        // Bounded pieces, so progress and cancel work for a blob already whole in memory.
        for (let offset = 0; offset < body.size; offset += PIECE_BYTES) {
          if (signal?.aborted) throw cancelled();
          const piece = new Uint8Array(await body.slice(offset, Math.min(offset + PIECE_BYTES, body.size)).arrayBuffer());
          hash.update(piece);
          await handle.write(piece);
          onBytes?.(piece.length);
        }
      }
      if (this.durable) await handle.sync();
    } catch (error) {
      await handle.close();
      await unlink(path).catch(() => undefined);
      throw error;
    }
    await handle.close();
    const etag = hash.digest('hex');
    if (contentMd5 !== undefined && hexToBase64(etag) !== contentMd5) {
      await unlink(path).catch(() => undefined);
      throw new AppError('digest-mismatch', `the bytes given for digest ${contentMd5} hash to ${hexToBase64(etag)}; nothing was stored`, {
        details: { digest: contentMd5, actual: hexToBase64(etag) },
      });
    }
    const stamp = await stampOf(path);
    if (stamp === null) throw new AppError('internal', `the temporary file ${path} disappeared while it was written`);
    return { path, etag, stamp };
  }

  private tmpReady = false;

  /** A fresh name in `.folder-store/tmp/` (same file system as the objects, so link and rename work). */
  private async tempPath(): Promise<string> {
    const tmpDir = join(this.root, INTERNAL_DIR, 'tmp');
    if (!this.tmpReady) {
      await mkdir(tmpDir, { recursive: true });
      this.tmpReady = true;
    }
    return join(tmpDir, `${Date.now().toString(36)}-${randomHex(8)}`);
  }

  /** Runs a step that needs the target's directory: creates it when missing (also when a concurrent delete removed it). */
  private async inDirectory<T>(target: string, step: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await step();
      } catch (error) {
        if (errno(error) !== 'ENOENT' || attempt >= 5) throw error;
      }
      await mkdir(dirname(target), { recursive: true });
    }
  }

  private async writeSidecar(key: string, staged: { etag: string; stamp: FileStamp }, meta: Record<string, string>): Promise<void> {
    const sidecar: Sidecar = { etag: staged.etag, size: staged.stamp.size, mtimeNs: staged.stamp.mtimeNs, ino: staged.stamp.ino, meta };
    // Not synced: a sidecar lost in a crash is only a cache (its stamp no longer matches).
    const temp = await this.tempPath();
    await writeFile(temp, JSON.stringify(sidecar), { flag: 'wx' });
    const target = this.sidecarPath(key);
    await this.inDirectory(target, () => rename(temp, target));
  }

  private withKeyLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
    return withLock(this.lockPath(key), this.locks, `object ${key} in ${this.root}`, fn);
  }

  async get(key: string, options: { ifNoneMatch?: string; signal?: AbortSignal } = {}): Promise<ObjectRead | 'not-modified' | null> {
    if (options.signal?.aborted) throw cancelled();
    const path = this.path(key);
    const found = await this.describe(key);
    if (found === null) return null;
    if (options.ifNoneMatch !== undefined && options.ifNoneMatch.replace(/"/g, '') === found.etag) return 'not-modified';
    // Read now (small) so the bytes are those the ETag describes; large objects are never replaced (blobs).
    const bytes = found.stamp.size <= READ_WHOLE_BYTES ? await readFile(path).catch(() => null) : null;
    if (bytes !== null && md5Hex(bytes) !== found.etag) return this.get(key, options);
    return {
      etag: found.etag,
      blob: () => (bytes !== null ? Promise.resolve(new Blob([bytes])) : openAsBlob(path)),
      text: async () => (bytes !== null ? bytes.toString('utf8') : readFile(path, 'utf8')),
    };
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
      size: found.stamp.size,
      lastModified: Math.floor(found.stamp.mtimeMs),
      stagedAt: parseStagedAt(staged),
    };
  }

  async put(key: string, body: ObjectBody, options: PutOptions = {}): Promise<PutResult> {
    if (options.signal?.aborted) throw cancelled();
    const target = this.path(key);
    const staged = await this.stage(body, options.contentMd5, options.signal);
    const meta = options.meta ?? {};
    try {
      if (options.create) return await this.createFrom(key, target, staged, meta);
      return await this.withKeyLock(key, async () => {
        if (options.ifMatch !== undefined) {
          const current = await this.describe(key);
          if (current === null || current.etag !== options.ifMatch.replace(/"/g, '')) return { ok: false, status: 412 };
        }
        await this.inDirectory(target, () => rename(staged.path, target));
        await this.writeSidecar(key, staged, meta);
        return { ok: true, etag: staged.etag };
      });
    } finally {
      await unlink(staged.path).catch(() => undefined);
    }
  }

  /** The exclusive create: link(2) fails with EEXIST when the key exists, atomically. */
  private async createFrom(key: string, target: string, staged: Staged, meta: Record<string, string>): Promise<PutResult> {
    try {
      await this.inDirectory(target, () => link(staged.path, target));
    } catch (error) {
      if (errno(error) === 'EEXIST') return { ok: false, status: 412 };
      throw error;
    }
    await this.writeSidecar(key, staged, meta);
    return { ok: true, etag: staged.etag };
  }

  async putJson(key: string, value: unknown, options: Omit<PutOptions, 'contentType'> = {}): Promise<PutResult> {
    return this.put(key, JSON.stringify(value), options);
  }

  async replaceMeta(key: string, meta: Record<string, string>): Promise<void> {
    this.assertWritable();
    // No lock: the sidecar names the file it describes, so one written for a file replaced or deleted meanwhile is ignored.
    const current = await this.describe(key);
    if (current === null) throw new AppError('not-found', `cannot set the metadata of ${key}: no such object in ${this.root}`, { details: { key } });
    await this.writeSidecar(key, current, meta);
  }

  async delete(key: string): Promise<void> {
    this.assertWritable();
    const target = this.path(key);
    await this.withKeyLock(key, async () => {
      await unlink(target).catch((error: unknown) => {
        if (errno(error) !== 'ENOENT') throw error;
      });
      await unlink(this.sidecarPath(key)).catch(() => undefined);
    });
    await this.pruneEmptyDirectories(dirname(target), this.root);
    await this.pruneEmptyDirectories(dirname(this.sidecarPath(key)), join(this.root, INTERNAL_DIR, 'meta'));
  }

  /** Removes directories left empty up to `stop` (S3 has no directories); a writer recreates what it needs. */
  private async pruneEmptyDirectories(dir: string, stop: string): Promise<void> {
    for (let current = dir; current.startsWith(`${stop}/`); current = dirname(current)) {
      try {
        await rmdir(current);
      } catch {
        return;
      }
    }
  }

  async list(prefix: string, options: ListOptions = {}): Promise<ListResult> {
    return listTree(
      {
        entries: async (dirPrefix) => {
          const dir = dirPrefix === '' ? this.root : join(this.root, ...dirPrefix.slice(0, -1).split('/'));
          const entries = await readdir(dir, { withFileTypes: true }).catch((error: unknown) => {
            if (errno(error) === 'ENOENT' || errno(error) === 'ENOTDIR') return [];
            throw error;
          });
          return entries.filter((e) => e.isFile() || e.isDirectory()).map((e) => ({ name: e.name, isDirectory: e.isDirectory() }));
        },
        object: async (key): Promise<ListedObject | null> => {
          const found = await this.describe(key);
          return found === null ? null : { key, etag: found.etag, size: found.stamp.size, lastModified: Math.floor(found.stamp.mtimeMs) };
        },
      },
      prefix,
      options,
    );
  }

  async putLarge(key: string, blob: Blob, options: LargePutOptions): Promise<void> {
    if (options.signal?.aborted) throw cancelled();
    const staged = await this.stage(blob, options.contentMd5, options.signal, options.onBytes);
    try {
      // Content-addressed: an existing object under this key already holds these bytes.
      await this.createFrom(key, this.path(key), staged, options.meta ?? {});
    } finally {
      await unlink(staged.path).catch(() => undefined);
    }
  }
}
