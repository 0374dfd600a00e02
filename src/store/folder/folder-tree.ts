/**
 * What a folder store's files look like and how they are listed, shared by the Node client
 * (read-write, node:fs) and the browser's read-only client (a picked directory handle): keys
 * map to files under the root; everything that is not an object (temporary files, locks,
 * metadata sidecars) lives under one reserved directory that listing never enters. No Node
 * or DOM imports here.
 */
import { AppError } from '../../domain/errors';
import type { ListedObject, ListOptions, ListResult } from '../s3/object-client';
import { mapLimit } from '../s3/s3-util';

/** Store ids of folder stores start with this. */
export const FOLDER_STORE_ID_PREFIX = 'folder:';

/** The reserved directory at the root: `tmp/`, `locks/`, `meta/<key>.json`. */
export const INTERNAL_DIR = '.folder-store';

/** What a sidecar `meta/<key>.json` holds: the object's ETag and user metadata, valid for one file. */
export interface Sidecar {
  etag: string;
  size: number;
  /** The file's modification time in ns (as a decimal string) and inode when the sidecar was written. */
  mtimeNs: string;
  ino: string;
  meta: Record<string, string>;
}

export function parseSidecar(text: string): Sidecar | null {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return null;
    const v = value as Record<string, unknown>;
    if (typeof v['etag'] !== 'string' || typeof v['size'] !== 'number' || typeof v['mtimeNs'] !== 'string' || typeof v['ino'] !== 'string') return null;
    const meta = typeof v['meta'] === 'object' && v['meta'] !== null ? (v['meta'] as Record<string, unknown>) : {};
    const strings = Object.fromEntries(Object.entries(meta).filter((e): e is [string, string] => typeof e[1] === 'string'));
    return { etag: v['etag'], size: v['size'], mtimeNs: v['mtimeNs'], ino: v['ino'], meta: strings };
  } catch {
    return null;
  }
}

/** The key's path segments; refuses keys that would leave the root or reach the reserved directory. */
export function keySegments(key: string): string[] {
  const segments = key.split('/');
  const bad =
    key === '' ||
    segments.some((s) => s === '' || s === '.' || s === '..' || s.includes('\\') || s.includes('\0')) ||
    segments[0] === INTERNAL_DIR;
  if (bad) throw new AppError('invalid-path', `${JSON.stringify(key)} is not a valid object key for a folder store`, { details: { key } });
  return segments;
}

const encoder = new TextEncoder();

/** S3's key order: UTF-8 bytes (JS string order differs for characters above U+FFFF). */
export function compareUtf8(a: string, b: string): number {
  if (a === b) return 0;
  const x = encoder.encode(a);
  const y = encoder.encode(b);
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) {
    const d = (x[i] as number) - (y[i] as number);
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

export interface TreeEntry {
  name: string;
  isDirectory: boolean;
}

/** How a client reads its tree: the entries of a directory (by key prefix, '' for the root; [] when missing) and one object. */
export interface TreeReader {
  entries(dirPrefix: string): Promise<TreeEntry[]>;
  /** null when the file disappeared meanwhile. */
  object(key: string): Promise<ListedObject | null>;
}

async function visibleEntries(reader: TreeReader, dirPrefix: string): Promise<TreeEntry[]> {
  const entries = await reader.entries(dirPrefix);
  return dirPrefix === '' ? entries.filter((e) => e.name !== INTERNAL_DIR) : entries;
}

/** Every file key under a directory, any depth. */
async function walk(reader: TreeReader, dirPrefix: string, out: string[]): Promise<void> {
  for (const entry of await visibleEntries(reader, dirPrefix)) {
    if (entry.isDirectory) await walk(reader, `${dirPrefix}${entry.name}/`, out);
    else out.push(`${dirPrefix}${entry.name}`);
  }
}

/** True when the directory holds a file whose key passes `accept` (S3 has no empty "directories"). */
async function holdsKey(reader: TreeReader, dirPrefix: string, accept: (key: string) => boolean): Promise<boolean> {
  for (const entry of await visibleEntries(reader, dirPrefix)) {
    if (entry.isDirectory ? await holdsKey(reader, `${dirPrefix}${entry.name}/`, accept) : accept(`${dirPrefix}${entry.name}`)) return true;
  }
  return false;
}

/** ListObjectsV2 over a tree: keys under `prefix` in UTF-8 byte order, grouped by the delimiter, after `startAfter`, at most `maxKeys`. */
export async function listTree(reader: TreeReader, prefix: string, options: ListOptions = {}): Promise<ListResult> {
  const { delimiter, startAfter } = options;
  const after = (key: string) => startAfter === undefined || compareUtf8(key, startAfter) > 0;
  const dirPrefix = prefix.slice(0, prefix.lastIndexOf('/') + 1);
  const keys: string[] = [];
  const prefixes = new Set<string>();
  if (delimiter === '/') {
    // Only the directory of the prefix is read; a subdirectory is a common prefix when it holds a key.
    for (const entry of await visibleEntries(reader, dirPrefix)) {
      const key = `${dirPrefix}${entry.name}`;
      if (!key.startsWith(prefix)) continue;
      if (!entry.isDirectory) {
        if (after(key)) keys.push(key);
      } else if (await holdsKey(reader, `${key}/`, after)) {
        prefixes.add(`${key}/`);
      }
    }
  } else {
    const all: string[] = [];
    await walk(reader, dirPrefix, all);
    for (const key of all) {
      if (!key.startsWith(prefix) || !after(key)) continue;
      const cut = delimiter ? key.indexOf(delimiter, prefix.length) : -1;
      if (cut >= 0 && delimiter) prefixes.add(key.slice(0, cut + delimiter.length));
      else keys.push(key);
    }
  }
  const merged = [...keys.map((key) => ({ key, isPrefix: false })), ...[...prefixes].map((key) => ({ key, isPrefix: true }))];
  merged.sort((a, b) => compareUtf8(a.key, b.key));
  const page = options.maxKeys === undefined ? merged : merged.slice(0, Math.max(0, options.maxKeys));
  const described = await mapLimit(page, 16, async (item) => {
    if (options.signal?.aborted) throw new AppError('cancelled', 'the listing was cancelled');
    return item.isPrefix ? null : reader.object(item.key);
  });
  const objects = described.filter((o): o is ListedObject => o !== null);
  return { objects, prefixes: page.filter((i) => i.isPrefix).map((i) => i.key) };
}
