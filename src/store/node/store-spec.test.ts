import { describe, expect, it } from 'vitest';
import { AppError } from '../../domain/errors';
import type { SpecContext } from './store-spec';
import { chooseStoreSpec, parseStoreSpec, s3ConfigOf } from './store-spec';

function context(env: Record<string, string>, files: Record<string, string> = {}): SpecContext {
  return { env, home: '/home/u', readText: (path) => files[path] ?? null };
}

function refusal(body: () => unknown): AppError {
  try {
    body();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('store spec', () => {
  it('reads s3://bucket/prefix, a bare bucket, and anything else as a folder', () => {
    expect(parseStoreSpec('s3://team/ml/artifacts')).toEqual({ kind: 's3', bucket: 'team', prefix: 'ml/artifacts' });
    expect(parseStoreSpec('s3://team')).toEqual({ kind: 's3', bucket: 'team', prefix: '' });
    expect(parseStoreSpec('./artifacts')).toEqual({ kind: 'folder', path: './artifacts' });
    expect(refusal(() => parseStoreSpec('s3:///x')).message).toContain('names no bucket');
    expect(refusal(() => parseStoreSpec('gs://b/p')).message).toContain('neither s3://bucket/prefix nor a folder');
  });

  it('takes the flag, else ARTIFACT_STUDIO_STORE, else the folder store under ARTIFACT_STUDIO_HOME or ~/.artifact-studio', () => {
    expect(chooseStoreSpec('s3://a-b/p', context({ ARTIFACT_STUDIO_STORE: 's3://other' }))).toEqual({ kind: 's3', bucket: 'a-b', prefix: 'p' });
    expect(chooseStoreSpec(undefined, context({ ARTIFACT_STUDIO_STORE: 's3://other' }))).toEqual({ kind: 's3', bucket: 'other', prefix: '' });
    expect(chooseStoreSpec(undefined, context({}))).toEqual({ kind: 'folder', path: '/home/u/.artifact-studio/store' });
    expect(chooseStoreSpec(undefined, context({ ARTIFACT_STUDIO_HOME: '/data/as' }))).toEqual({ kind: 'folder', path: '/data/as/store' });
  });

  it('takes credentials, endpoint and region from the environment', () => {
    const config = s3ConfigOf(
      { bucket: 'team', prefix: 'ml' },
      context({ AWS_ACCESS_KEY_ID: 'AK', AWS_SECRET_ACCESS_KEY: 'SK', AWS_SESSION_TOKEN: 'TK', AWS_ENDPOINT_URL: 'http://e:1', AWS_ENDPOINT_URL_S3: 'http://s3:7480/', AWS_REGION: 'eu-west-1' }),
    );
    expect(config).toEqual({ endpoint: 'http://s3:7480', region: 'eu-west-1', bucket: 'team', prefix: 'ml/', accessKeyId: 'AK', secretAccessKey: 'SK', sessionToken: 'TK' });
    const aws = s3ConfigOf({ bucket: 'team', prefix: '' }, context({ AWS_ACCESS_KEY_ID: 'AK', AWS_SECRET_ACCESS_KEY: 'SK' }));
    expect(aws).toMatchObject({ endpoint: 'https://s3.us-east-1.amazonaws.com', region: 'us-east-1', prefix: '' });
  });

  it('reads a profile of the shared credentials file (AWS_PROFILE, AWS_SHARED_CREDENTIALS_FILE)', () => {
    const text = '[default]\naws_access_key_id = D1\naws_secret_access_key = D2\n\n[ci]\naws_access_key_id=C1\naws_secret_access_key=C2\naws_session_token=C3\n';
    const env = { AWS_ENDPOINT_URL: 'http://127.0.0.1:7480' };
    expect(s3ConfigOf({ bucket: 'team', prefix: '' }, context(env, { '/home/u/.aws/credentials': text }))).toMatchObject({ accessKeyId: 'D1', secretAccessKey: 'D2' });
    expect(s3ConfigOf({ bucket: 'team', prefix: '' }, context({ ...env, AWS_PROFILE: 'ci', AWS_SHARED_CREDENTIALS_FILE: '/etc/creds' }, { '/etc/creds': text }))).toMatchObject({
      accessKeyId: 'C1',
      secretAccessKey: 'C2',
      sessionToken: 'C3',
    });
    expect(refusal(() => s3ConfigOf({ bucket: 'team', prefix: '' }, context({ ...env, AWS_PROFILE: 'nope' }, { '/home/u/.aws/credentials': text }))).message).toContain('has no profile [nope]');
  });

  it('says what is missing: no credentials at all, half a key pair, a bad bucket name', () => {
    expect(refusal(() => s3ConfigOf({ bucket: 'team', prefix: '' }, context({}))).message).toMatch(/no S3 credentials: .*set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY/);
    expect(refusal(() => s3ConfigOf({ bucket: 'team', prefix: '' }, context({ AWS_ACCESS_KEY_ID: 'AK' }))).message).toContain('AWS_SECRET_ACCESS_KEY is not set');
    expect(refusal(() => s3ConfigOf({ bucket: 'Team_1', prefix: '' }, context({ AWS_ACCESS_KEY_ID: 'AK', AWS_SECRET_ACCESS_KEY: 'SK' }))).message).toContain('must be 3–63 lowercase letters');
  });
});
