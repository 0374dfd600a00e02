/**
 * A small S3 client: SigV4 signing with aws4fetch, path-style URLs, retries of transient
 * failures, conditional writes, ListObjectsV2 and multipart upload. Every failure becomes an
 * AppError whose message names the request, the key and what S3 answered.
 */
import { AwsClient } from 'aws4fetch';
import { AppError, isAppError } from '../../domain/errors';
import type { StoreLocation } from '../artifact-store';
import { parseStagedAt, readText } from './object-client';
import type { HeadResult, LargePutOptions, ListResult, ObjectBody, ObjectClient, ObjectRead, PutOptions, PutResult } from './object-client';
import type { FetchLike, S3Answer, S3ClientOptions, S3Config, S3Transport } from './s3-config';
import { s3StoreId } from './s3-config';
import { multipartUpload } from './s3-multipart';
import {
  completeMultipartXml,
  parseListObjects,
  parseS3Error,
  parseUploadId,
  stripEtagQuotes,
  type ListedObject,
} from './s3-xml';

export type { HeadResult, ListResult, PutOptions, PutResult } from './object-client';

/** How the store wants an ETag in `If-Match`: RFC-quoted (AWS, R2, MinIO) or bare (Ceph RGW 16). */
export type EtagStyle = 'quoted' | 'unquoted';

const RETRY_STATUS = new Set([429, 500, 502, 503, 504]);
const MAX_ATTEMPTS = 4;

/** Key segments are URL-encoded one by one, so "/" stays a separator. */
function encodeKey(key: string): string {
  return key.split('/').map(encodeURIComponent).join('/');
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(cancelled());
      },
      { once: true },
    );
  });
}

function cancelled(): AppError {
  return new AppError('cancelled', 'the transfer was cancelled');
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
}

export class S3Client implements ObjectClient {
  readonly config: S3Config;
  /** Set by the capability probe; `If-Match` values are written in this form. */
  etagStyle: EtagStyle = 'quoted';
  private readonly aws: AwsClient;
  private readonly fetchImpl: FetchLike;
  private readonly transport: S3Transport | null;

  constructor(config: S3Config, options: S3ClientOptions = {}) {
    this.config = config;
    this.aws = new AwsClient({
      accessKeyId: config.accessKeyId,
      secretAccessKey: config.secretAccessKey,
      ...(config.sessionToken ? { sessionToken: config.sessionToken } : {}),
      service: 's3',
      region: config.region,
      retries: 0,
    });
    this.fetchImpl = options.fetch ?? ((request) => fetch(request));
    this.transport = options.transport?.(config) ?? null;
  }

  get keyPrefix(): string {
    return this.config.prefix;
  }

  get storeId(): string {
    return s3StoreId(this.config);
  }

  get location(): StoreLocation {
    const { endpoint, region, bucket, prefix } = this.config;
    return { kind: 's3', endpoint, region, bucket, prefix };
  }

  get label(): string {
    const where = `${this.config.bucket}${this.config.prefix ? `/${this.config.prefix.replace(/\/$/, '')}` : ''}`;
    return `S3 ${where} at ${new URL(this.config.endpoint).host}`;
  }

  bucketUrl(query: Record<string, string> = {}): string {
    const search = new URLSearchParams(query).toString();
    return `${this.config.endpoint}/${encodeURIComponent(this.config.bucket)}${search ? `?${search}` : ''}`;
  }

  objectUrl(key: string, query: Record<string, string> = {}): string {
    const search = new URLSearchParams(query).toString();
    return `${this.config.endpoint}/${encodeURIComponent(this.config.bucket)}/${encodeKey(key)}${search ? `?${search.replace(/=(&|$)/g, '$1')}` : ''}`;
  }

  formatIfMatch(etag: string): string {
    const bare = stripEtagQuotes(etag);
    return this.etagStyle === 'quoted' ? `"${bare}"` : bare;
  }

  /**
   * Signs and sends one request, retrying network failures, 429 and 5xx with jittered backoff.
   * Conditional writes are safe to retry: a lost success comes back as 412, which the callers
   * resolve by reading the object.
   */
  async send(method: string, url: string, init: { headers?: Record<string, string>; body?: ObjectBody; signal?: AbortSignal } = {}): Promise<S3Answer> {
    const what = `${method} ${this.describeUrl(url)}`;
    for (let attempt = 1; ; attempt++) {
      if (init.signal?.aborted) throw cancelled();
      let response: S3Answer;
      try {
        if (this.transport) response = await this.transport(method, url, init);
        else response = await this.fetchImpl(await this.signRequest(method, url, init));
      } catch (error) {
        if (isAbort(error) || init.signal?.aborted) throw cancelled();
        if (attempt >= MAX_ATTEMPTS) {
          const reason = error instanceof Error ? error.message : String(error);
          throw new AppError(
            'network',
            `cannot reach ${this.config.endpoint} (${what}: ${reason}); check the endpoint, the network and the bucket's CORS rule (run the connection test)`,
            { cause: error, details: { endpoint: this.config.endpoint } },
          );
        }
        await sleep(backoff(attempt), init.signal);
        continue;
      }
      if (RETRY_STATUS.has(response.status) && attempt < MAX_ATTEMPTS) {
        await response.body?.cancel();
        await sleep(backoff(attempt), init.signal);
        continue;
      }
      return response;
    }
  }

  private signRequest(method: string, url: string, init: { headers?: Record<string, string>; body?: ObjectBody; signal?: AbortSignal }): Promise<Request> {
    return this.aws.sign(url, {
      method,
      headers: init.headers ?? {},
      ...(init.body === undefined ? {} : { body: init.body }),
      ...(init.signal ? { signal: init.signal } : {}),
    });
  }

  /** An AppError for an unexpected answer, with S3's error code; reads the body. */
  async failure(response: S3Answer, what: string): Promise<AppError> {
    const text = await response.text().catch(() => '');
    const { code, message } = parseS3Error(text);
    const said = `HTTP ${response.status}${code ? ` ${code}` : ''}${message ? `: ${message}` : ''}`;
    const details = { status: response.status, s3Code: code };
    if (code === 'NoSuchBucket') {
      return new AppError('not-found', `bucket ${JSON.stringify(this.config.bucket)} does not exist at ${this.config.endpoint} (${what})`, { details });
    }
    if (code === 'InvalidAccessKeyId' || code === 'SignatureDoesNotMatch' || code === 'ExpiredToken' || code === 'InvalidToken') {
      return new AppError('network', `the store refused the credentials (${what}: ${said}); check the access key, secret and region`, { details });
    }
    if (response.status === 403) {
      return new AppError('network', `access denied (${what}: ${said}); the credentials lack permission for this bucket or prefix`, { details });
    }
    if (response.status === 404) return new AppError('not-found', `${what}: not found (${said})`, { details });
    return new AppError('internal', `${what} failed: ${said}`, { details });
  }

  /** GET an object; null when the key does not exist; 'not-modified' when `ifNoneMatch` still matches. */
  async get(key: string, options: { ifNoneMatch?: string; signal?: AbortSignal } = {}): Promise<ObjectRead | 'not-modified' | null> {
    const headers: Record<string, string> = {};
    if (options.ifNoneMatch !== undefined) headers['if-none-match'] = `"${stripEtagQuotes(options.ifNoneMatch)}"`;
    const response = await this.send('GET', this.objectUrl(key), { headers, ...(options.signal ? { signal: options.signal } : {}) });
    if (response.status === 304) return 'not-modified';
    if (response.status === 404) {
      const error = await this.failure(response, `GET ${key}`);
      if (error.details['s3Code'] === 'NoSuchBucket') throw error;
      return null;
    }
    if (!response.ok) throw await this.failure(response, `GET ${key}`);
    return { etag: stripEtagQuotes(response.headers.get('etag') ?? ''), blob: () => response.blob(), text: () => response.text() };
  }

  getText(key: string, options: { ifNoneMatch?: string } = {}): Promise<{ text: string; etag: string } | 'not-modified' | null> {
    return readText(this, key, options);
  }

  async head(key: string): Promise<HeadResult | null> {
    const response = await this.send('HEAD', this.objectUrl(key));
    if (response.status === 404) return null;
    if (!response.ok) throw await this.failure(response, `HEAD ${key}`);
    const modified = response.headers.get('last-modified');
    const staged = response.headers.get('x-amz-meta-staged-at');
    return {
      etag: stripEtagQuotes(response.headers.get('etag') ?? ''),
      size: Number(response.headers.get('content-length') ?? '0'),
      lastModified: modified ? Date.parse(modified) : 0,
      stagedAt: parseStagedAt(staged),
    };
  }

  async put(key: string, body: ObjectBody, options: PutOptions = {}): Promise<PutResult> {
    const headers: Record<string, string> = { 'content-type': options.contentType ?? 'application/octet-stream' };
    if (options.create) headers['if-none-match'] = '*';
    if (options.ifMatch !== undefined) headers['if-match'] = this.formatIfMatch(options.ifMatch);
    if (options.contentMd5 !== undefined) headers['content-md5'] = options.contentMd5;
    for (const [name, value] of Object.entries(options.meta ?? {})) headers[`x-amz-meta-${name}`] = value;
    const response = await this.send('PUT', this.objectUrl(key), { headers, body, ...(options.signal ? { signal: options.signal } : {}) });
    const conditional = options.create === true || options.ifMatch !== undefined;
    if (conditional && (response.status === 412 || response.status === 409)) {
      await response.body?.cancel();
      return { ok: false, status: response.status };
    }
    if (!response.ok) {
      const error = await this.failure(response, `PUT ${key}`);
      if (error.details['s3Code'] === 'BadDigest') {
        throw new AppError('digest-mismatch', `the bytes sent for ${key} do not match their md5 (Content-MD5 ${options.contentMd5 ?? ''})`, { cause: error });
      }
      throw error;
    }
    await response.body?.cancel();
    return { ok: true, etag: stripEtagQuotes(response.headers.get('etag') ?? '') };
  }

  async putJson(key: string, value: unknown, options: Omit<PutOptions, 'contentType'> = {}): Promise<PutResult> {
    return this.put(key, JSON.stringify(value), { ...options, contentType: 'application/json' });
  }

  /** Replaces an object's user metadata by copying it onto itself (no bytes travel). */
  async replaceMeta(key: string, meta: Record<string, string>): Promise<void> {
    const headers: Record<string, string> = {
      'x-amz-copy-source': `/${encodeURIComponent(this.config.bucket)}/${encodeKey(key)}`,
      'x-amz-metadata-directive': 'REPLACE',
      'content-type': 'application/octet-stream',
    };
    for (const [name, value] of Object.entries(meta)) headers[`x-amz-meta-${name}`] = value;
    const response = await this.send('PUT', this.objectUrl(key), { headers });
    const text = await response.text();
    // CopyObject may answer 200 with an <Error> body.
    if (!response.ok || parseS3Error(text).code !== '') {
      const { code, message } = parseS3Error(text);
      throw new AppError('internal', `CopyObject ${key} onto itself failed: HTTP ${response.status} ${code} ${message}`.trim());
    }
  }

  /** Deletes a key; a missing key is not an error (S3 answers 204 either way). */
  async delete(key: string): Promise<void> {
    const response = await this.send('DELETE', this.objectUrl(key));
    if (!response.ok && response.status !== 404) throw await this.failure(response, `DELETE ${key}`);
    await response.body?.cancel();
  }

  /** ListObjectsV2 over every page. With a delimiter, keys below the next delimiter come back as prefixes. */
  async list(prefix: string, options: { delimiter?: string; maxKeys?: number; startAfter?: string; signal?: AbortSignal } = {}): Promise<ListResult> {
    const objects: ListedObject[] = [];
    const prefixes: string[] = [];
    let token: string | null = null;
    do {
      const query: Record<string, string> = { 'list-type': '2', prefix };
      if (options.delimiter !== undefined) query['delimiter'] = options.delimiter;
      if (options.maxKeys !== undefined) query['max-keys'] = String(options.maxKeys);
      if (options.startAfter !== undefined && token === null) query['start-after'] = options.startAfter;
      if (token !== null) query['continuation-token'] = token;
      const response = await this.send('GET', this.bucketUrl(query), options.signal ? { signal: options.signal } : {});
      if (!response.ok) throw await this.failure(response, `LIST ${prefix}`);
      const page = parseListObjects(await response.text());
      objects.push(...page.objects);
      prefixes.push(...page.commonPrefixes);
      token = page.isTruncated && options.maxKeys === undefined ? page.nextContinuationToken : null;
    } while (token !== null);
    return { objects, prefixes };
  }

  // Multipart upload (for blobs above the single-PUT threshold)

  async putLarge(key: string, blob: Blob, options: LargePutOptions): Promise<void> {
    await multipartUpload(this, key, blob, options);
  }

  async createMultipart(key: string, meta: Record<string, string> = {}, signal?: AbortSignal): Promise<string> {
    const headers: Record<string, string> = { 'content-type': 'application/octet-stream' };
    for (const [name, value] of Object.entries(meta)) headers[`x-amz-meta-${name}`] = value;
    const response = await this.send('POST', this.objectUrl(key, { uploads: '' }), {
      headers,
      ...(signal ? { signal } : {}),
    });
    if (!response.ok) throw await this.failure(response, `CreateMultipartUpload ${key}`);
    const uploadId = parseUploadId(await response.text());
    if (!uploadId) throw new AppError('internal', `CreateMultipartUpload ${key}: the answer has no UploadId`);
    return uploadId;
  }

  async uploadPart(key: string, uploadId: string, partNumber: number, body: Blob, contentMd5: string, signal?: AbortSignal): Promise<string> {
    const url = this.objectUrl(key, { partNumber: String(partNumber), uploadId });
    const response = await this.send('PUT', url, { headers: { 'content-md5': contentMd5 }, body, ...(signal ? { signal } : {}) });
    if (!response.ok) throw await this.failure(response, `UploadPart ${partNumber} of ${key}`);
    await response.body?.cancel();
    const etag = response.headers.get('etag');
    if (!etag) {
      throw new AppError('network', `UploadPart ${partNumber} of ${key}: no ETag in the answer; the bucket's CORS rule must expose the ETag header`);
    }
    return stripEtagQuotes(etag);
  }

  async completeMultipart(key: string, uploadId: string, parts: readonly { partNumber: number; etag: string }[]): Promise<void> {
    const response = await this.send('POST', this.objectUrl(key, { uploadId }), {
      headers: { 'content-type': 'application/xml' },
      body: completeMultipartXml(parts),
    });
    const text = await response.text();
    // S3 may answer 200 with an <Error> body when completion fails late.
    if (!response.ok || parseS3Error(text).code !== '') {
      const { code, message } = parseS3Error(text);
      throw new AppError('internal', `CompleteMultipartUpload ${key} failed: HTTP ${response.status} ${code} ${message}`.trim());
    }
  }

  async abortMultipart(key: string, uploadId: string): Promise<void> {
    try {
      const response = await this.send('DELETE', this.objectUrl(key, { uploadId }));
      await response.body?.cancel();
    } catch (error) {
      // Best effort: an unfinished upload is invisible and the bucket's lifecycle rule can expire it.
      if (!isAppError(error)) throw error;
    }
  }

  private describeUrl(url: string): string {
    const base = `${this.config.endpoint}/${encodeURIComponent(this.config.bucket)}`;
    return url.startsWith(base) ? decodeURIComponent(url.slice(base.length).replace(/^\//, '')) || '/' : url;
  }
}

function backoff(attempt: number): number {
  return Math.random() * 100 * 2 ** attempt;
}
