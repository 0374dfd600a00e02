/**
 * The connection test and capability probe against a real S3 store. Faults the store cannot
 * be asked to have (ignored conditional headers, a hidden ETag, CORS, no write permission) are
 * produced by a fetch wrapper in front of the real store.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { md5Base64 } from '../../domain/digest';
import { AppError } from '../../domain/errors';
import { artifactIdOf } from '../../domain/types';
import { S3Client } from './s3-client';
import type { FetchLike } from './s3-config';
import { corsRuleFor, probeS3 } from './s3-probe';
import { createS3Store } from './create-s3-store';
import { s3TestEnv } from './s3-test-env';
import { s3TestPrefixes } from '../../test/s3-test-prefixes';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const env = s3TestEnv();
const config = s3TestPrefixes(env);
afterEach(() => {
  Reflect.deleteProperty(globalThis, 'location');
});

const isProbeWrite = (r: Request) => r.method === 'PUT' && r.url.includes('/.probe/');

/** A store that accepts every conditional write (last writer wins), like the npm S3 fakes. */
const ignoresConditions: FetchLike = async (request) => {
  const response = await fetch(request);
  if (isProbeWrite(request) && response.status === 412) return new Response(null, { status: 200, headers: { etag: '"0123456789abcdef0123456789abcdef"' } });
  return response;
};

describe('probeS3', () => {
  it('passes on Ceph RGW: readable, writable, conditional writes honoured (ETag unquoted), and cleans up', async () => {
    const c = config('probe-ok');
    const result = await probeS3(c);
    expect(result).toMatchObject({ canRead: true, canWrite: true, readOnly: false, etagStyle: 'unquoted', problems: [] });
    expect(result.checks.map((x) => [x.step, x.ok])).toEqual([
      ['reach the endpoint', true],
      ['list the bucket', true],
      ['write', true],
      ['ETag visible', true],
      ['create-only write (If-None-Match: *)', true],
      ['compare-and-swap (If-Match)', true],
    ]);
    expect((await new S3Client(c).list(c.prefix)).objects).toEqual([]);
  });

  it('names a wrong secret, an unknown access key, a missing bucket, an unreachable endpoint and bad settings', async () => {
    const wrongSecret = await probeS3({ ...config('probe-secret'), secretAccessKey: 'not-the-secret' });
    expect(wrongSecret.problems[0]).toMatchObject({ kind: 'credentials', message: expect.stringMatching(/secret access key/) as unknown });
    expect(wrongSecret.canRead).toBe(false);

    const unknownKey = await probeS3({ ...config('probe-key'), accessKeyId: 'NOSUCHKEY' });
    expect(unknownKey.problems[0]).toMatchObject({ kind: 'credentials', message: expect.stringMatching(/access key id is unknown/) as unknown });

    const noBucket = await probeS3({ ...config('probe-bucket'), bucket: 'no-such-bucket-here' });
    expect(noBucket.problems[0]).toMatchObject({ kind: 'bucket-missing', message: expect.stringMatching(/"no-such-bucket-here" does not exist/) as unknown });

    const offline = await probeS3({ ...config('probe-offline'), endpoint: 'http://127.0.0.1:9' });
    expect(offline.problems[0]).toMatchObject({ kind: 'network', message: expect.stringMatching(/cannot reach http:\/\/127\.0\.0\.1:9/) as unknown });

    const bad = await probeS3({ ...config('probe-config'), endpoint: 'ftp://example.com' });
    expect(bad.problems[0]).toMatchObject({ kind: 'config', message: expect.stringMatching(/http:\/\/ or https:\/\//) as unknown });
  });

  it('opening a store that fails to connect throws with the reason', async () => {
    await expect(createS3Store({ ...config('open-bucket'), bucket: 'no-such-bucket-here' })).rejects.toMatchObject({
      code: 'not-found',
      message: expect.stringMatching(/does not exist/) as unknown,
    });
    await expect(createS3Store({ ...config('open-secret'), secretAccessKey: 'nope' })).rejects.toMatchObject({ code: 'network' });
  });

  it('opens read-only, with the reason, a store that ignores conditional writes; reads still work', async () => {
    const c = config('probe-lww');
    const writer = await createS3Store(c);
    const bytes = new TextEncoder().encode('hello');
    const digest = await md5Base64(bytes);
    await writer.putBlobs([{ digest, blob: new Blob([bytes]) }]);
    await writer.commitVersion({ project: 'p', artifactName: 'data', type: 'dataset', entries: [{ path: 'a.txt', digest }] });

    const result = await probeS3(c, { fetch: ignoresConditions });
    expect(result).toMatchObject({ canRead: true, canWrite: true, readOnly: true, etagStyle: null });
    expect(result.problems[0]?.kind).toBe('conditional-writes');
    expect(result.readOnlyReason).toMatch(/ignores If-None-Match/);

    const store = await createS3Store(c, { fetch: ignoresConditions });
    expect(store.readOnly).toBe(true);
    expect(store.readOnlyReason).toMatch(/ignores If-None-Match/);
    expect(store.label).toMatch(/read-only/);
    expect((await store.listVersions(artifactIdOf('p', 'data'))).map((v) => v.index)).toEqual([0]);
    const error = await store.setAlias((await store.listVersions(artifactIdOf('p', 'data')))[0]?.id ?? ('' as never), 'prod').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'read-only', message: expect.stringMatching(/read-only: the store ignores If-None-Match/) as unknown });
    await expect(store.putBlobs([{ digest, blob: new Blob([bytes]) }])).rejects.toMatchObject({ code: 'read-only' });
    await expect(store.ensureProject('new')).rejects.toMatchObject({ code: 'read-only' });
  });

  it('opens read-only when writes are forbidden, and when the ETag is hidden', async () => {
    const forbidden: FetchLike = (request) =>
      isProbeWrite(request)
        ? Promise.resolve(new Response('<Error><Code>AccessDenied</Code></Error>', { status: 403 }))
        : fetch(request);
    const denied = await probeS3(config('probe-403'), { fetch: forbidden });
    expect(denied).toMatchObject({ canRead: true, canWrite: false, readOnly: true });
    expect(denied.problems[0]).toMatchObject({ kind: 'permission', message: expect.stringMatching(/may read .* but not write/) as unknown });

    const hidden: FetchLike = async (request) => {
      const response = await fetch(request);
      const headers = new Headers(response.headers);
      headers.delete('etag');
      return new Response(response.body, { status: response.status, headers });
    };
    globalThis.location = { origin: 'http://127.0.0.1:4173' } as Location;
    const noEtag = await probeS3(config('probe-etag'), { fetch: hidden });
    expect(noEtag).toMatchObject({ canRead: true, readOnly: true });
    expect(noEtag.problems[0]).toMatchObject({ kind: 'etag-hidden', fix: expect.stringMatching(/"ExposeHeaders": \[\s*"ETag"/) as unknown });
  });

  it('tells a CORS refusal (host answers, browser blocks) from a network failure, with the rule to add', async () => {
    globalThis.location = { origin: 'http://127.0.0.1:4173' } as Location;
    const blockedByCors: FetchLike = (request) =>
      request.mode === 'no-cors' ? fetch(request) : Promise.reject(new TypeError('Failed to fetch'));
    const cors = await probeS3(config('probe-cors'), { fetch: blockedByCors });
    expect(cors.problems[0]?.kind).toBe('cors');
    expect(cors.problems[0]?.message).toMatch(/CORS rule does not allow this page \(http:\/\/127\.0\.0\.1:4173\)/);
    expect(cors.problems[0]?.fix).toContain(corsRuleFor('http://127.0.0.1:4173'));

    // Ceph RGW sends no CORS headers with a signature error: the browser sees a network failure,
    // while an unsigned request (no preflight) is readable. That is the credentials, not CORS.
    const hidesSignatureErrors: FetchLike = async (request) => {
      const signed = request.headers.has('authorization');
      const response = await fetch(request);
      if (signed && !response.ok) throw new TypeError('Failed to fetch');
      return response;
    };
    const wrongSecret = await probeS3({ ...config('probe-secret-cors'), secretAccessKey: 'not-the-secret' }, { fetch: hidesSignatureErrors });
    expect(wrongSecret.problems[0]?.kind).toBe('credentials');
    expect(wrongSecret.problems[0]?.message).toMatch(/secret access key/);
    const noBucket = await probeS3({ ...config('probe-bucket-cors'), bucket: 'no-such-bucket-probe' }, { fetch: hidesSignatureErrors });
    expect(noBucket.problems[0]?.kind).toBe('bucket-missing');

    const down: FetchLike = () => Promise.reject(new TypeError('Failed to fetch'));
    const network = await probeS3(config('probe-down'), { fetch: down });
    expect(network.problems[0]?.kind).toBe('network');
  });
});
