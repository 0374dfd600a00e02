import { afterAll, beforeAll } from 'vitest';
import type { S3Config } from '../store/s3/s3-config';
import { deletePrefixes, ensureTestBucket, testConfig } from '../store/s3/s3-test-env';
import type { S3TestEnv } from '../store/s3/s3-test-env';

/**
 * For an RGW test file: makes sure the test bucket exists before its tests and deletes every
 * prefix it handed out after them. Returns `config(label)`, a fresh unique prefix per call.
 */
export function s3TestPrefixes(env: S3TestEnv): (label: string) => S3Config {
  const prefixes: string[] = [];
  beforeAll(() => ensureTestBucket(env));
  afterAll(() => deletePrefixes(env, prefixes));
  return (label) => {
    const config = testConfig(env, label);
    prefixes.push(config.prefix);
    return config;
  };
}
