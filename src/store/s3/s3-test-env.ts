/**
 * Shared setup of the S3 tests that run against a real store (`*.rgw.test.ts`). They need
 * S3_TEST_ENDPOINT (+ S3_TEST_ACCESS_KEY, S3_TEST_SECRET_KEY, optional S3_TEST_BUCKET); without
 * it they fail here, loudly — vite.config.ts leaves them out of local runs instead.
 */
import { S3Client } from './s3-client';
import type { FetchLike, S3Config } from './s3-config';
import { mapLimit, randomHex } from './s3-util';

export interface S3TestEnv {
  endpoint: string;
  accessKeyId: string;
  secretAccessKey: string;
  bucket: string;
  region: string;
}

export function s3TestEnv(): S3TestEnv {
  const endpoint = process.env['S3_TEST_ENDPOINT'];
  const accessKeyId = process.env['S3_TEST_ACCESS_KEY'];
  const secretAccessKey = process.env['S3_TEST_SECRET_KEY'];
  if (!endpoint || !accessKeyId || !secretAccessKey) {
    throw new Error(
      'The S3 tests need a real S3 store: set S3_TEST_ENDPOINT, S3_TEST_ACCESS_KEY and S3_TEST_SECRET_KEY ' +
        '(e.g. start Ceph RGW with scripts/start-ceph-rgw.sh and use http://127.0.0.1:7480 CIACCESSKEY CISECRETKEY).',
    );
  }
  return { endpoint, accessKeyId, secretAccessKey, bucket: process.env['S3_TEST_BUCKET'] ?? 'artifact-studio-test', region: 'us-east-1' };
}

/** A config for a fresh, unique key prefix in the test bucket, so tests never see each other's data. */
export function testConfig(env: S3TestEnv, label: string): S3Config {
  return {
    endpoint: env.endpoint,
    region: env.region,
    bucket: env.bucket,
    prefix: `vitest/${label}-${Date.now().toString(36)}-${randomHex(4)}/`,
    accessKeyId: env.accessKeyId,
    secretAccessKey: env.secretAccessKey,
  };
}

/** Creates the test bucket when it is missing (PUT bucket answers 200 or 409 when it exists). */
export async function ensureTestBucket(env: S3TestEnv): Promise<void> {
  const client = new S3Client(testConfig(env, 'setup'));
  const response = await client.send('PUT', client.bucketUrl());
  const text = await response.text();
  if (!response.ok && !(response.status === 409 && text.includes('BucketAlreadyOwnedByYou'))) {
    throw new Error(`cannot create test bucket ${env.bucket} at ${env.endpoint}: HTTP ${response.status} ${text}`);
  }
}

/** Deletes every object under the given prefixes (the tests' own data). */
export async function deletePrefixes(env: S3TestEnv, prefixes: readonly string[]): Promise<number> {
  let deleted = 0;
  for (const prefix of prefixes) {
    const client = new S3Client({ ...testConfig(env, 'cleanup'), prefix });
    const { objects } = await client.list(prefix);
    await mapLimit(objects, 16, (o) => client.delete(o.key));
    deleted += objects.length;
  }
  return deleted;
}

export interface RecordedRequest {
  method: string;
  url: string;
  /** Key inside the bucket (decoded), '' for bucket-level requests. */
  key: string;
  headers: Headers;
}

/** A fetch that records every request it sends (to count PUTs and GETs in tests). */
export function recordingFetch(env: S3TestEnv): { fetch: FetchLike; requests: RecordedRequest[] } {
  const requests: RecordedRequest[] = [];
  const base = `${env.endpoint.replace(/\/+$/, '')}/${env.bucket}`;
  return {
    requests,
    fetch: (request) => {
      const path = request.url.startsWith(base) ? request.url.slice(base.length).split('?')[0] ?? '' : request.url;
      requests.push({ method: request.method, url: request.url, key: decodeURIComponent(path.replace(/^\//, '')), headers: request.headers });
      return fetch(request);
    },
  };
}
