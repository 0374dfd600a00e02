/**
 * An in-memory S3 test double at the fetch level: `createS3Store(config, { fetch: double.fetch })`
 * runs the S3 adapter's real request code (URL building, SigV4 signing by aws4fetch, retries,
 * XML parsing) unchanged, and only the transport is replaced. It answers exactly the requests
 * src/store/s3 sends — GET/HEAD (with If-None-Match), PUT (with If-None-Match: * and If-Match,
 * Content-MD5, user metadata, CopyObject onto itself), DELETE, ListObjectsV2 and multipart
 * upload — and refuses anything else with 501, so a new kind of request fails loudly here
 * instead of passing untested.
 *
 * Not checked: the SigV4 signature itself (only that a request is signed with the configured
 * access key), CORS, and limits of a real store other than the 5 MiB minimum part size.
 * The real store stays the authority: the same contract runs on Ceph RGW in CI.
 */
import type { FetchLike, S3Config } from '../../store/s3/s3-config';
import { escapeXmlText } from '../../store/s3/s3-xml';
import type { StoredObject } from './s3-double-answers';
import { contentMd5Refusal, md5Hex, s3Error, xmlResponse } from './s3-double-answers';
import { listObjectsV2 } from './s3-double-list';
import { MultipartUploads } from './s3-double-multipart';

export interface S3DoubleOptions {
  bucket?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
}

/** `If-Match` / `If-None-Match` compare ETags with or without quotes (AWS wants them quoted, Ceph RGW bare). */
function sameEtag(header: string, etag: string): boolean {
  return header.split(',').some((one) => one.trim().replace(/^W\//, '').replace(/^"|"$/g, '') === etag);
}

function userMeta(headers: Headers): Record<string, string> {
  const meta: Record<string, string> = {};
  headers.forEach((value, name) => {
    if (name.startsWith('x-amz-meta-')) meta[name.slice('x-amz-meta-'.length)] = value;
  });
  return meta;
}

function objectHeaders(object: StoredObject): Record<string, string> {
  const headers: Record<string, string> = {
    etag: `"${object.etag}"`,
    'content-type': object.contentType,
    'content-length': String(object.bytes.length),
    'last-modified': object.lastModified.toUTCString(),
  };
  for (const [name, value] of Object.entries(object.meta)) headers[`x-amz-meta-${name}`] = value;
  return headers;
}

function abortError(): Error {
  const error = new Error('the request was aborted');
  error.name = 'AbortError';
  return error;
}

export class S3Double {
  readonly endpoint = 'http://s3-double.invalid';
  readonly bucket: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  private readonly objects = new Map<string, StoredObject>();
  private readonly multipart = new MultipartUploads();
  private prefixes = 0;

  constructor(options: S3DoubleOptions = {}) {
    this.bucket = options.bucket ?? 'double-bucket';
    this.accessKeyId = options.accessKeyId ?? 'DOUBLEACCESSKEY';
    this.secretAccessKey = options.secretAccessKey ?? 'DOUBLESECRETKEY';
  }

  /** The transport to give the S3 client or store (`{ fetch: double.fetch }`). */
  readonly fetch: FetchLike = (request) => this.handle(request);

  /** A config for a fresh key prefix of this double's bucket, so stores never see each other's data. */
  config(label: string): S3Config {
    this.prefixes += 1;
    return {
      endpoint: this.endpoint,
      region: 'us-east-1',
      bucket: this.bucket,
      prefix: `double/${label}-${this.prefixes}/`,
      accessKeyId: this.accessKeyId,
      secretAccessKey: this.secretAccessKey,
    };
  }

  private async handle(request: Request): Promise<Response> {
    if (request.signal.aborted) throw abortError();
    const url = new URL(request.url);
    if (url.origin !== this.endpoint) throw new TypeError(`fetch failed: the S3 double only answers ${this.endpoint}, not ${url.origin}`);
    const refused = this.checkSigned(request.headers);
    if (refused) return refused;
    const [bucket = '', ...keySegments] = url.pathname.slice(1).split('/');
    if (decodeURIComponent(bucket) !== this.bucket) return s3Error(404, 'NoSuchBucket', `The specified bucket does not exist: ${bucket}`);
    // The body is read before any condition is checked, so check-and-write below is atomic.
    const body = new Uint8Array(await request.arrayBuffer());
    if (request.signal.aborted) throw abortError();
    const query = url.searchParams;
    if (keySegments.length === 0 || (keySegments.length === 1 && keySegments[0] === '')) {
      if (request.method === 'GET' && query.get('list-type') === '2') return listObjectsV2(this.bucket, this.objects, query);
      return s3Error(501, 'NotImplemented', `the S3 double does not answer ${request.method} on the bucket with ${url.search || 'no query'}`);
    }
    const key = keySegments.map(decodeURIComponent).join('/');
    const uploadId = query.get('uploadId');
    if (request.method === 'POST' && query.has('uploads')) return this.multipart.create(this.bucket, key, request.headers, userMeta(request.headers));
    if (request.method === 'PUT' && uploadId !== null) return this.multipart.uploadPart(key, uploadId, query.get('partNumber'), body, request.headers);
    if (request.method === 'POST' && uploadId !== null) return this.completeMultipart(key, uploadId, body);
    if (request.method === 'DELETE' && uploadId !== null) return this.multipart.abort(key, uploadId);
    if ([...query.keys()].length > 0) return s3Error(501, 'NotImplemented', `the S3 double does not answer ${request.method} ${key}${url.search}`);
    switch (request.method) {
      case 'GET':
      case 'HEAD':
        return this.read(request.method, key, request.headers);
      case 'PUT':
        return request.headers.has('x-amz-copy-source') ? this.copy(key, request.headers) : this.put(key, body, request.headers);
      case 'DELETE':
        this.objects.delete(key);
        return new Response(null, { status: 204 });
      default:
        return s3Error(501, 'NotImplemented', `the S3 double does not answer ${request.method} ${key}`);
    }
  }

  /** Unsigned requests and foreign access keys are refused as S3 would; the signature is not verified. */
  private checkSigned(headers: Headers): Response | null {
    const authorization = headers.get('authorization');
    if (authorization === null) return s3Error(403, 'AccessDenied', 'Anonymous access is not allowed');
    const credential = /^AWS4-HMAC-SHA256 Credential=([^/]+)\//.exec(authorization);
    if (credential?.[1] !== this.accessKeyId) return s3Error(403, 'InvalidAccessKeyId', 'The access key ID you provided does not exist in our records.');
    return null;
  }

  private read(method: 'GET' | 'HEAD', key: string, headers: Headers): Response {
    const object = this.objects.get(key);
    if (!object) return method === 'HEAD' ? new Response(null, { status: 404 }) : s3Error(404, 'NoSuchKey', `The specified key does not exist: ${key}`);
    const ifNoneMatch = headers.get('if-none-match');
    if (ifNoneMatch !== null && sameEtag(ifNoneMatch, object.etag)) return new Response(null, { status: 304, headers: { etag: `"${object.etag}"` } });
    const ifMatch = headers.get('if-match');
    if (ifMatch !== null && !sameEtag(ifMatch, object.etag)) return s3Error(412, 'PreconditionFailed', 'At least one of the pre-conditions you specified did not hold');
    return new Response(method === 'HEAD' ? null : object.bytes.slice(), { status: 200, headers: objectHeaders(object) });
  }

  /**
   * 412 when the request's If-None-Match / If-Match does not hold for `key`, else null. If-Match
   * of a missing key is 412 too, as Ceph RGW answers (AWS documents 404 NoSuchKey).
   */
  private preconditionFailure(key: string, headers: Headers): Response | null {
    const current = this.objects.get(key);
    const ifNoneMatch = headers.get('if-none-match');
    const ifMatch = headers.get('if-match');
    const existsWhenItMayNot = current !== undefined && ifNoneMatch !== null && (ifNoneMatch.trim() === '*' || sameEtag(ifNoneMatch, current.etag));
    const differsWhenItMustMatch = ifMatch !== null && (current === undefined || (ifMatch.trim() !== '*' && !sameEtag(ifMatch, current.etag)));
    if (!existsWhenItMayNot && !differsWhenItMustMatch) return null;
    return s3Error(412, 'PreconditionFailed', 'At least one of the pre-conditions you specified did not hold');
  }

  private put(key: string, bytes: Uint8Array, headers: Headers): Response {
    const badDigest = contentMd5Refusal(bytes, headers);
    if (badDigest) return badDigest;
    const refused = this.preconditionFailure(key, headers);
    if (refused) return refused;
    const object: StoredObject = {
      bytes,
      etag: md5Hex(bytes),
      contentType: headers.get('content-type') ?? 'binary/octet-stream',
      meta: userMeta(headers),
      lastModified: new Date(),
    };
    this.objects.set(key, object);
    return new Response(null, { status: 200, headers: { etag: `"${object.etag}"` } });
  }

  /** CopyObject (the store copies an object onto itself to replace its metadata). */
  private copy(key: string, headers: Headers): Response {
    const source = (headers.get('x-amz-copy-source') ?? '').replace(/^\//, '');
    const [bucket = '', ...segments] = source.split('?')[0]?.split('/') ?? [];
    if (decodeURIComponent(bucket) !== this.bucket) return s3Error(404, 'NoSuchBucket', `The specified bucket does not exist: ${bucket}`);
    const sourceKey = segments.map(decodeURIComponent).join('/');
    const original = this.objects.get(sourceKey);
    if (!original) return s3Error(404, 'NoSuchKey', `The specified key does not exist: ${sourceKey}`);
    const replace = headers.get('x-amz-metadata-directive') === 'REPLACE';
    if (sourceKey === key && !replace) {
      return s3Error(400, 'InvalidRequest', 'This copy request is illegal because it is trying to copy an object to itself without changing the metadata.');
    }
    const refused = this.preconditionFailure(key, headers);
    if (refused) return refused;
    const copied: StoredObject = {
      ...original,
      meta: replace ? userMeta(headers) : { ...original.meta },
      contentType: replace ? (headers.get('content-type') ?? original.contentType) : original.contentType,
      lastModified: new Date(),
    };
    this.objects.set(key, copied);
    return xmlResponse(`<CopyObjectResult><LastModified>${copied.lastModified.toISOString()}</LastModified><ETag>"${copied.etag}"</ETag></CopyObjectResult>`);
  }

  private completeMultipart(key: string, uploadId: string, body: Uint8Array): Response {
    const completed = this.multipart.complete(key, uploadId, new TextDecoder().decode(body));
    if (completed instanceof Response) return completed;
    this.objects.set(key, completed);
    return xmlResponse(
      `<CompleteMultipartUploadResult><Bucket>${escapeXmlText(this.bucket)}</Bucket><Key>${escapeXmlText(key)}</Key><ETag>"${completed.etag}"</ETag></CompleteMultipartUploadResult>`,
    );
  }
}

/** A new, empty double with one bucket. */
export function createS3Double(options: S3DoubleOptions = {}): S3Double {
  return new S3Double(options);
}
