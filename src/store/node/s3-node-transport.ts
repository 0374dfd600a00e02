/**
 * The S3 client's transport in Node: SigV4 with node:crypto and requests with node:http(s)
 * on a keep-alive agent. The browser's path (aws4fetch over WebCrypto, then fetch) costs a
 * chain of async WebCrypto jobs and several Request objects per request, which bounds how many
 * small blobs a CLI `put` sends per second; this one signs synchronously and answers with
 * a plain object (no Headers or Response: see S3Answer). It signs as aws4fetch does for S3: UNSIGNED-PAYLOAD (blob bodies carry
 * Content-MD5, which the store checks), single-encoded path, sorted query.
 */
import { createHash, createHmac } from 'node:crypto';
import type { IncomingMessage, OutgoingHttpHeaders } from 'node:http';
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { S3Answer, S3Config, S3Transport } from '../s3/s3-config';

/** Answers up to this size are read whole when they arrive; bigger ones stream. */
const BUFFERED_ANSWER_BYTES = 1024 * 1024;
/** Bodies up to this size are sent as one buffer; bigger ones (multipart parts, large files) stream. */
const BUFFERED_BODY_BYTES = 1024 * 1024;

/** Headers aws4fetch leaves unsigned; signing the same set keeps both signers identical. */
const UNSIGNED_HEADERS = new Set(['authorization', 'content-type', 'content-length', 'user-agent', 'presigned-expires', 'expect', 'x-amzn-trace-id', 'range', 'connection']);

const encodeRfc3986 = (text: string): string => text.replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** The canonical path and query of a URL as S3's SigV4 wants them. */
export function canonicalTarget(url: URL): { path: string; query: string } {
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname.replace(/\+/g, ' '));
  } catch {
    decoded = url.pathname;
  }
  const path = encodeRfc3986(encodeURIComponent(decoded).replace(/%2F/g, '/'));
  const seen = new Set<string>();
  const query = [...url.searchParams]
    .filter(([k]) => k !== '' && !seen.has(k) && seen.add(k))
    .map(([k, v]) => [encodeRfc3986(encodeURIComponent(k)), encodeRfc3986(encodeURIComponent(v))] as const)
    .sort(([k1, v1], [k2, v2]) => (k1 < k2 ? -1 : k1 > k2 ? 1 : v1 < v2 ? -1 : v1 > v2 ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  return { path, query };
}

/** Signs requests for one set of credentials; the signing key is derived once per day. */
export class SigV4Signer {
  private readonly config: S3Config;
  private key: { date: string; key: Buffer } | null = null;

  constructor(config: S3Config) {
    this.config = config;
  }

  /** The headers to send: `headers` plus host, x-amz-date, x-amz-content-sha256, the session token and Authorization. */
  sign(method: string, url: URL, headers: Record<string, string>, now = new Date()): Record<string, string> {
    const datetime = now.toISOString().replace(/[:-]|\.\d{3}/g, '');
    const date = datetime.slice(0, 8);
    const signed: Record<string, string> = { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD', 'x-amz-date': datetime };
    for (const [name, value] of Object.entries(headers)) signed[name.toLowerCase()] = value;
    if (this.config.sessionToken) signed['x-amz-security-token'] = this.config.sessionToken;
    const names = ['host', ...Object.keys(signed).filter((n) => !UNSIGNED_HEADERS.has(n))].sort();
    const canonicalHeaders = names.map((n) => `${n}:${n === 'host' ? url.host : (signed[n] ?? '').replace(/\s+/g, ' ')}\n`).join('');
    const signedHeaders = names.join(';');
    const { path, query } = canonicalTarget(url);
    const canonical = [method.toUpperCase(), path, query, canonicalHeaders, signedHeaders, signed['x-amz-content-sha256']].join('\n');
    const scope = `${date}/${this.config.region}/s3/aws4_request`;
    const toSign = ['AWS4-HMAC-SHA256', datetime, scope, createHash('sha256').update(canonical).digest('hex')].join('\n');
    const signature = createHmac('sha256', this.signingKey(date)).update(toSign).digest('hex');
    signed['authorization'] = `AWS4-HMAC-SHA256 Credential=${this.config.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
    return signed;
  }

  private signingKey(date: string): Buffer {
    if (this.key?.date !== date) {
      const hmac = (key: string | Buffer, text: string) => createHmac('sha256', key).update(text).digest();
      const key = hmac(hmac(hmac(hmac(`AWS4${this.config.secretAccessKey}`, date), this.config.region), 's3'), 'aws4_request');
      this.key = { date, key };
    }
    return this.key.key;
  }
}

function abortError(): Error {
  const error = new Error('the request was aborted');
  error.name = 'AbortError';
  return error;
}

/** An answer read whole (small or empty): its bytes in hand. */
function bufferedAnswer(message: IncomingMessage, bytes: Buffer<ArrayBuffer>): S3Answer {
  const status = message.statusCode ?? 0;
  return {
    status,
    ok: status >= 200 && status < 300,
    headers: { get: (name) => headerOf(message, name) },
    body: bytes.length === 0 ? null : { cancel: () => Promise.resolve() },
    text: () => Promise.resolve(bytes.toString('utf8')),
    blob: () => Promise.resolve(new Blob([bytes])),
  };
}

/** A big answer (a blob's bytes): read when asked, dropped on cancel. */
function streamedAnswer(message: IncomingMessage): S3Answer {
  const status = message.statusCode ?? 0;
  const all = async () => {
    const chunks: Buffer<ArrayBuffer>[] = [];
    for await (const chunk of message) chunks.push(chunk as Buffer<ArrayBuffer>);
    return chunks;
  };
  return {
    status,
    ok: status >= 200 && status < 300,
    headers: { get: (name) => headerOf(message, name) },
    body: {
      cancel: () => {
        message.destroy();
        return Promise.resolve();
      },
    },
    text: async () => Buffer.concat(await all()).toString('utf8'),
    blob: async () => new Blob(await all()),
  };
}

function headerOf(message: IncomingMessage, name: string): string | null {
  const value = message.headers[name.toLowerCase()];
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(', ') : value;
}

async function toAnswer(method: string, message: IncomingMessage): Promise<S3Answer> {
  const status = message.statusCode ?? 0;
  const length = Number(message.headers['content-length'] ?? Number.NaN);
  if (method === 'HEAD' || status === 204 || status === 304 || length === 0) {
    message.resume();
    return bufferedAnswer(message, Buffer.alloc(0));
  }
  if (Number.isFinite(length) && length <= BUFFERED_ANSWER_BYTES) {
    const chunks: Buffer<ArrayBuffer>[] = [];
    for await (const chunk of message) chunks.push(chunk as Buffer<ArrayBuffer>);
    return bufferedAnswer(message, Buffer.concat(chunks));
  }
  return streamedAnswer(message);
}

/** The transport for `S3ClientOptions.transport`: one keep-alive agent per client. */
export function nodeS3Transport(config: S3Config): S3Transport {
  const signer = new SigV4Signer(config);
  const https = config.endpoint.startsWith('https:');
  const agent = https ? new HttpsAgent({ keepAlive: true }) : new HttpAgent({ keepAlive: true });
  const send = https ? httpsRequest : httpRequest;
  return async (method, url, init) => {
    const target = new URL(url);
    const { body } = init;
    const headers: OutgoingHttpHeaders = signer.sign(method, target, init.headers ?? {});
    // A string or small blob goes as one buffer; a big blob streams (null payload).
    let payload: Buffer | null = null;
    let stream: Blob | null = null;
    if (typeof body === 'string') payload = Buffer.from(body);
    else if (body !== undefined && body.size <= BUFFERED_BODY_BYTES) payload = Buffer.from(await body.arrayBuffer());
    else if (body !== undefined) stream = body;
    if (body !== undefined) headers['content-length'] = payload ? payload.length : (stream?.size ?? 0);
    const { signal } = init;
    if (signal?.aborted) throw abortError();
    return new Promise<S3Answer>((resolve, reject) => {
      const request = send(target, { method, headers, agent }, (message) => {
        toAnswer(method, message).then(resolve, reject);
      });
      const onAbort = () => request.destroy(abortError());
      signal?.addEventListener('abort', onAbort, { once: true });
      request.on('error', reject);
      request.on('close', () => signal?.removeEventListener('abort', onAbort));
      if (stream === null) request.end(payload ?? undefined);
      else Readable.fromWeb(stream.stream() as WebReadableStream<Uint8Array>).on('error', (error) => request.destroy(error)).pipe(request);
    });
  };
}
