/**
 * The connection test and capability probe for an S3-compatible store. It reports exactly what
 * is wrong — network/DNS, CORS (with the rule to add), credentials, permissions, a missing
 * bucket — and whether the store honours conditional writes. A store that does not (or whose
 * CORS rule hides the ETag) can only be opened read-only: without If-None-Match/If-Match two
 * writers would silently overwrite each other.
 */
import { isAppError } from '../../domain/errors';
import type { EtagStyle } from './s3-client';
import { S3Client } from './s3-client';
import type { S3Answer, S3ClientOptions, S3Config } from './s3-config';
import { normaliseS3Config } from './s3-config';
import { s3Layout } from './s3-layout';
import { parseS3Error } from './s3-xml';

export type S3ProblemKind =
  | 'config'
  | 'network'
  | 'cors'
  | 'credentials'
  | 'permission'
  | 'bucket-missing'
  | 'not-s3'
  | 'conditional-writes'
  | 'etag-hidden'
  | 'unexpected';

export interface S3Problem {
  kind: S3ProblemKind;
  message: string;
  /** What to change, e.g. the CORS rule to add to the bucket. */
  fix?: string;
}

export interface S3ProbeResult {
  /** The bucket can be listed and read. */
  canRead: boolean;
  /** Objects can be created (permission to write). */
  canWrite: boolean;
  /** Open read-only: writes are refused by the store, or conditional writes are not honoured. */
  readOnly: boolean;
  readOnlyReason?: string;
  /** The If-Match form the store accepts; null when conditional writes did not work. */
  etagStyle: EtagStyle | null;
  problems: S3Problem[];
  /** Each step, in order, for the connection-test dialog. */
  checks: { step: string; ok: boolean; detail: string }[];
}

const HEADERS_NEEDED = ['authorization', 'content-type', 'content-md5', 'if-match', 'if-none-match', 'x-amz-*'];

/** The bucket CORS rule the browser app needs, in the JSON form of the AWS console / `aws s3api put-bucket-cors`. */
export function corsRuleFor(origin: string): string {
  return JSON.stringify(
    {
      CORSRules: [
        {
          AllowedOrigins: [origin],
          AllowedMethods: ['GET', 'PUT', 'HEAD', 'DELETE', 'POST'],
          AllowedHeaders: HEADERS_NEEDED,
          ExposeHeaders: ['ETag', 'x-amz-meta-staged-at'],
          MaxAgeSeconds: 3000,
        },
      ],
    },
    null,
    2,
  );
}

function pageOrigin(): string | null {
  const location = (globalThis as { location?: { origin?: string } }).location;
  return typeof location?.origin === 'string' && location.origin !== 'null' ? location.origin : null;
}

function randomId(): string {
  return crypto.randomUUID();
}

export async function probeS3(config: S3Config, options: S3ClientOptions = {}): Promise<S3ProbeResult> {
  let normalised: S3Config;
  try {
    normalised = normaliseS3Config(config);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { canRead: false, canWrite: false, readOnly: true, readOnlyReason: message, etagStyle: null, problems: [{ kind: 'config', message }], checks: [{ step: 'settings', ok: false, detail: message }] };
  }
  return probeWithClient(new S3Client(normalised, options), options);
}

/**
 * A write test this bucket passed a short while ago (kept by the caller, e.g. in a file per
 * endpoint, bucket, prefix and access key): the probe then only lists, and writes nothing.
 */
export interface S3WriteTestMemory {
  /** The If-Match form a recent write test found, or null when there is none. */
  recall(): EtagStyle | null;
  remember(style: EtagStyle): void;
}

/** Probes through an existing client and sets its `etagStyle` to what the store accepts. */
export async function probeWithClient(client: S3Client, options: S3ClientOptions = {}, memory?: S3WriteTestMemory): Promise<S3ProbeResult> {
  const { endpoint, bucket } = client.config;
  const origin = pageOrigin();
  const result: S3ProbeResult = { canRead: false, canWrite: false, readOnly: true, etagStyle: null, problems: [], checks: [] };
  const check = (step: string, ok: boolean, detail: string) => result.checks.push({ step, ok, detail });
  const fail = (kind: S3ProblemKind, message: string, fix?: string): S3ProbeResult => {
    result.problems.push(fix === undefined ? { kind, message } : { kind, message, fix });
    if (result.readOnlyReason === undefined) result.readOnlyReason = message;
    return result;
  };

  // 1. Reach the bucket and list it: network, CORS, credentials, bucket.
  let listing: S3Answer;
  try {
    listing = await client.send('GET', client.bucketUrl({ 'list-type': '2', prefix: client.config.prefix, 'max-keys': '1' }));
  } catch (error) {
    const reason = rootReason(error);
    // Some stores (Ceph RGW) send no CORS headers with a signature error, so the browser sees a
    // network failure. An unsigned request (no preflight) that the browser may read shows the
    // CORS rule lets this page in: then the signed request was refused, i.e. the credentials.
    const unsigned = origin !== null ? await unsignedAnswer(client.bucketUrl({ 'list-type': '2', 'max-keys': '1' }), options) : null;
    if (origin !== null && unsigned !== null) {
      check('reach the endpoint', true, `${endpoint} answers (unsigned: HTTP ${unsigned.status}${unsigned.code ? ` ${unsigned.code}` : ''})`);
      check('CORS', true, `bucket "${bucket}" lets ${origin} read its answers`);
      if (unsigned.code === 'NoSuchBucket') {
        check('bucket', false, `HTTP ${unsigned.status} NoSuchBucket`);
        return fail('bucket-missing', `bucket "${bucket}" does not exist at ${endpoint}`, `Create the bucket "${bucket}" (or correct its name).`);
      }
      check('credentials', false, 'the store refused the signed request without telling the browser why');
      return fail(
        'credentials',
        `the store refused the signed request: the secret access key, the access key id or the region is probably wrong (the store hid its error from the browser, while the bucket's CORS rule does let this page in)`,
        `Check the access key ID, the secret access key and the region. If they are right, the bucket's CORS rule may not allow the signing headers; this rule does:\n${corsRuleFor(origin)}`,
      );
    }
    if (origin !== null && (await reachableWithoutCors(endpoint, options))) {
      check('reach the endpoint', true, `${endpoint} answers`);
      check('CORS', false, `the browser blocked the answer to ${origin}`);
      return fail(
        'cors',
        `${endpoint} answers, but the bucket's CORS rule does not allow this page (${origin}) to read it, or bucket "${bucket}" does not exist (a missing bucket has no CORS rule either, so the browser cannot tell them apart)`,
        `Check the bucket name, then add this CORS rule to bucket "${bucket}":\n${corsRuleFor(origin)}`,
      );
    }
    check('reach the endpoint', false, reason);
    return fail('network', `cannot reach ${endpoint}: ${reason}. Check the address, DNS and network.`);
  }
  check('reach the endpoint', true, `${endpoint} answers (HTTP ${listing.status})`);
  // Any web server answers a GET: only an S3 answer (XML with the right root) means an S3 store.
  const listingText = await listing.text();
  const notS3 = notAnS3Answer(listing, listingText);
  if (notS3 !== null) {
    check('S3 answer', false, notS3);
    return fail('not-s3', `${endpoint} is not an S3 endpoint: it answered ${notS3}. Check the endpoint address (the S3 API's URL, e.g. https://s3.<region>.amazonaws.com, or the RGW port such as :7480), not a web page's.`);
  }
  if (!listing.ok) {
    const { code, message } = parseS3Error(listingText);
    const said = `HTTP ${listing.status}${code ? ` ${code}` : ''}${message ? `: ${message}` : ''}`;
    if (code === 'NoSuchBucket' || (listing.status === 404 && code === '')) {
      check('bucket', false, said);
      return fail('bucket-missing', `bucket "${bucket}" does not exist at ${endpoint}`, `Create the bucket "${bucket}" (or correct its name).`);
    }
    if (['InvalidAccessKeyId', 'SignatureDoesNotMatch', 'ExpiredToken', 'InvalidToken', 'AuthorizationHeaderMalformed'].includes(code)) {
      check('credentials', false, said);
      const hint =
        code === 'InvalidAccessKeyId'
          ? 'the access key id is unknown to the store'
          : code === 'SignatureDoesNotMatch'
            ? 'the secret access key (or the region) is wrong'
            : code === 'AuthorizationHeaderMalformed'
              ? `the region "${client.config.region}" is wrong for this bucket`
              : 'the session token has expired; get new temporary credentials';
      return fail('credentials', `the store refused the credentials: ${hint} (${said})`);
    }
    if (listing.status === 403) {
      check('list the bucket', false, said);
      return fail('permission', `the credentials may not list bucket "${bucket}" (${said}); grant s3:ListBucket, s3:GetObject and s3:PutObject on it`);
    }
    check('list the bucket', false, said);
    return fail('unexpected', `listing bucket "${bucket}" failed: ${said}`);
  }
  result.canRead = true;
  check('list the bucket', true, `bucket "${bucket}" is readable`);

  // 2. Conditional writes on a scratch key, unless the bucket passed that test a moment ago.
  const recalled = memory?.recall() ?? null;
  if (recalled !== null) {
    client.etagStyle = recalled;
    result.etagStyle = recalled;
    result.canWrite = true;
    result.readOnly = false;
    check('conditional writes', true, `passed a recent write test (If-Match ${recalled})`);
    return result;
  }
  const key = `${s3Layout(client.config.prefix).probePrefix}${randomId()}`;
  try {
    const probed = await probeWrites(client, key, origin, result, check, fail);
    if (!probed.readOnly && probed.etagStyle !== null) memory?.remember(probed.etagStyle);
    return probed;
  } catch (error) {
    if (!isAppError(error)) throw error;
    check('conditional writes', false, error.message);
    return fail('unexpected', `the write test failed: ${error.message}`);
  } finally {
    if (result.canWrite) await client.delete(key).catch(() => undefined);
  }
}

async function probeWrites(
  client: S3Client,
  key: string,
  origin: string | null,
  result: S3ProbeResult,
  check: (step: string, ok: boolean, detail: string) => void,
  fail: (kind: S3ProblemKind, message: string, fix?: string) => S3ProbeResult,
): Promise<S3ProbeResult> {
  const bucket = client.config.bucket;
  const created = await client.send('PUT', client.objectUrl(key), { headers: { 'if-none-match': '*', 'content-type': 'text/plain' }, body: 'probe 1' });
  if (created.status === 403) {
    const { code } = parseS3Error(await created.text());
    check('write', false, `HTTP 403 ${code}`);
    return fail('permission', `the credentials may read bucket "${bucket}" but not write to it (HTTP 403 ${code}); the store opens read-only`);
  }
  if (!created.ok) {
    const { code, message } = parseS3Error(await created.text());
    check('write', false, `HTTP ${created.status} ${code} ${message}`.trim());
    if (created.status === 412 || created.status === 501 || created.status === 400) {
      return fail('conditional-writes', `the store refused a create-only write (If-None-Match: *) with HTTP ${created.status} ${code}; it does not support conditional writes, so the store opens read-only`);
    }
    return fail('unexpected', `writing a test object failed: HTTP ${created.status} ${code} ${message}`.trim());
  }
  await created.body?.cancel();
  result.canWrite = true;
  const etag = (created.headers.get('etag') ?? '').replace(/^"|"$/g, '');
  check('write', true, 'a test object was created');
  if (etag === '') {
    check('ETag visible', false, 'the answer has no ETag header');
    if (origin !== null) {
      return fail('etag-hidden', `the bucket's CORS rule does not expose the ETag header, so the browser cannot do compare-and-swap; the store opens read-only`, `Add "ETag" to ExposeHeaders of the CORS rule of bucket "${bucket}":\n${corsRuleFor(origin)}`);
    }
    return fail('etag-hidden', 'the store does not return an ETag on PUT; the store opens read-only');
  }
  check('ETag visible', true, etag);

  const again = await client.put(key, 'probe 2', { create: true, contentType: 'text/plain' });
  if (again.ok) {
    check('create-only write (If-None-Match: *)', false, 'a second create of the same key succeeded');
    return fail('conditional-writes', 'the store ignores If-None-Match: * (a second create of the same key succeeded), so concurrent writers would overwrite each other; the store opens read-only');
  }
  check('create-only write (If-None-Match: *)', true, `a second create was refused (HTTP ${again.status})`);

  const wrong = await client.send('PUT', client.objectUrl(key), { headers: { 'if-match': '"00000000000000000000000000000000"', 'content-type': 'text/plain' }, body: 'probe 3' });
  await wrong.body?.cancel();
  if (wrong.ok) {
    check('compare-and-swap (If-Match)', false, 'a write with a wrong ETag succeeded');
    return fail('conditional-writes', 'the store ignores If-Match (a write with a wrong ETag succeeded), so alias updates could be lost; the store opens read-only');
  }
  for (const style of ['quoted', 'unquoted'] as const) {
    const value = style === 'quoted' ? `"${etag}"` : etag;
    const swap = await client.send('PUT', client.objectUrl(key), { headers: { 'if-match': value, 'content-type': 'text/plain' }, body: `probe ${style}` });
    await swap.body?.cancel();
    if (swap.ok) {
      client.etagStyle = style;
      result.etagStyle = style;
      result.readOnly = false;
      check('compare-and-swap (If-Match)', true, `a wrong ETag is refused; the current one is accepted ${style}`);
      return result;
    }
  }
  check('compare-and-swap (If-Match)', false, 'the current ETag was refused both quoted and unquoted');
  return fail('conditional-writes', 'the store refuses If-Match even with the current ETag (quoted or not), so aliases cannot be updated safely; the store opens read-only');
}

/** What a non-S3 server said instead (for the message), or null when the answer is S3's XML. */
function notAnS3Answer(response: S3Answer, text: string): string | null {
  const root = /^\s*(?:<\?xml[^>]*\?>\s*)?<([A-Za-z][\w:-]*)/.exec(text)?.[1] ?? null;
  const expected = response.ok ? 'ListBucketResult' : 'Error';
  if (root === expected) return null;
  const type = response.headers.get('content-type')?.split(';')[0]?.trim() || 'no content type';
  const what = root === null ? (text.trim() === '' ? 'an empty body' : 'a body that is not XML') : `XML <${root}>`;
  return `HTTP ${response.status} with ${type} and ${what} instead of S3's <${expected}>`;
}

/** The underlying failure ("Failed to fetch", "ECONNREFUSED"), without the client's own advice around it. */
function rootReason(error: unknown): string {
  let cause: unknown = error;
  while (cause instanceof Error && cause.cause instanceof Error) cause = cause.cause;
  return cause instanceof Error ? cause.message : String(cause);
}

/** Status and S3 error code of an unsigned GET the page may read (CORS allows it); null when it may not. */
async function unsignedAnswer(url: string, options: S3ClientOptions): Promise<{ status: number; code: string } | null> {
  const send = options.fetch ?? ((request: Request) => fetch(request));
  try {
    const response = await send(new Request(url, { method: 'GET' }));
    return { status: response.status, code: response.ok ? '' : parseS3Error(await response.text()).code };
  } catch {
    return null;
  }
}

/** In a browser, a `no-cors` request succeeds when the host answers, even if CORS then blocks reading. */
async function reachableWithoutCors(endpoint: string, options: S3ClientOptions): Promise<boolean> {
  const send = options.fetch ?? ((request: Request) => fetch(request));
  try {
    await send(new Request(endpoint, { mode: 'no-cors', method: 'GET' }));
    return true;
  } catch {
    return false;
  }
}
