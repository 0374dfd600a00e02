/**
 * The low-level object interface the S3 store logic runs on: get/put/list with create-only
 * writes (the commit point) and compare-and-swap (aliases). `S3Client` implements it over
 * HTTP; the folder store implements it over files (src/store/folder), so the store logic and
 * the key layout are shared, not rewritten.
 */
import type { StoreLocation } from '../artifact-store';
import type { ListedObject } from './s3-xml';

export type { ListedObject } from './s3-xml';

export type PutResult = { ok: true; etag: string } | { ok: false; status: number };

/** What a put may send: text (JSON documents) or bytes (blobs). */
export type ObjectBody = string | Blob;

export interface PutOptions {
  /** Create only (`If-None-Match: *`); `{ ok: false, status: 412 }` when the key exists. */
  create?: boolean;
  /** Replace only this version (bare ETag); `{ ok: false, status: 412 | 409 }` otherwise. */
  ifMatch?: string;
  /** base64 md5 of the body: the store refuses bytes that do not match it (`digest-mismatch`). */
  contentMd5?: string;
  contentType?: string;
  /** User metadata (`x-amz-meta-<name>` on S3). */
  meta?: Record<string, string>;
  signal?: AbortSignal;
}

export interface HeadResult {
  etag: string;
  size: number;
  lastModified: number;
  /** `x-amz-meta-staged-at` (ms, the writer's clock); null when the object has none. */
  stagedAt: number | null;
}

export interface ListResult {
  objects: ListedObject[];
  prefixes: string[];
}

export interface ListOptions {
  delimiter?: string;
  /** Only the first this many entries (objects and prefixes); otherwise every page. */
  maxKeys?: number;
  /** Only keys after this one, in UTF-8 byte order. */
  startAfter?: string;
  signal?: AbortSignal;
}

/** An object being read: its ETag, then its bytes once. */
export interface ObjectRead {
  etag: string;
  blob(): Promise<Blob>;
  text(): Promise<string>;
}

export interface LargePutOptions {
  /** base64 md5 of the whole object: checked while the bytes go up; nothing is stored on a mismatch. */
  contentMd5: string;
  /** Bytes per part on S3 (multipart upload); ignored where the object is written as one stream. */
  partSize: number;
  meta?: Record<string, string>;
  signal?: AbortSignal;
  /** Called with the bytes of each piece stored. */
  onBytes?: (bytes: number) => void;
}

export interface ObjectClient {
  /** The key prefix the store's layout lives under ('' or ending in "/"). */
  readonly keyPrefix: string;
  /** The store id (2nd segment of every query key). */
  readonly storeId: string;
  /** Where the objects are, for people (e.g. `S3 bucket/prefix at host`, `folder /path`). */
  readonly label: string;
  /** Where code elsewhere can reach the same objects (no credentials); undefined when it cannot be named. */
  readonly location?: StoreLocation;
  /** null when the key does not exist; 'not-modified' when `ifNoneMatch` still matches. */
  get(key: string, options?: { ifNoneMatch?: string; signal?: AbortSignal }): Promise<ObjectRead | 'not-modified' | null>;
  getText(key: string, options?: { ifNoneMatch?: string }): Promise<{ text: string; etag: string } | 'not-modified' | null>;
  head(key: string): Promise<HeadResult | null>;
  put(key: string, body: ObjectBody, options?: PutOptions): Promise<PutResult>;
  putJson(key: string, value: unknown, options?: Omit<PutOptions, 'contentType'>): Promise<PutResult>;
  /** Replaces an object's user metadata, keeping its bytes. */
  replaceMeta(key: string, meta: Record<string, string>): Promise<void>;
  /** Deletes a key; a missing key is not an error. */
  delete(key: string): Promise<void>;
  /** Keys under `prefix` in UTF-8 byte order; with a delimiter, keys below the next one come back as prefixes. */
  list(prefix: string, options?: ListOptions): Promise<ListResult>;
  /** Stores a large object (multipart upload on S3, a streamed write on disk), hashing it as it goes. */
  putLarge(key: string, blob: Blob, options: LargePutOptions): Promise<void>;
}

/** `getText` of every client: `get`, then the body as text. */
export async function readText(
  client: Pick<ObjectClient, 'get'>,
  key: string,
  options: { ifNoneMatch?: string } = {},
): Promise<{ text: string; etag: string } | 'not-modified' | null> {
  const result = await client.get(key, options);
  if (result === null || result === 'not-modified') return result;
  return { text: await result.text(), etag: result.etag };
}

/** The `staged-at` user metadata (ms since the epoch) as written; null when absent or not a whole number. */
export function parseStagedAt(value: string | null | undefined): number | null {
  return value !== undefined && value !== null && /^\d+$/.test(value) ? Number(value) : null;
}
