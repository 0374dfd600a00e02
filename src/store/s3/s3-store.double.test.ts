/**
 * The store contract on the S3 adapter over the in-memory S3 double (src/test/s3-double), so
 * every `vitest` run checks the S3 store without a real S3 store. The same contract runs on
 * Ceph RGW in s3-store.rgw.test.ts, which stays the authority.
 */
import { vi } from 'vitest';
import { createS3Double } from '../../test/s3-double/s3-double';
import { runStoreContract } from '../contract';
import type { S3StoreOptions } from './s3-store';
import { createS3Store } from './create-s3-store';

// The contract's 9 MiB and 20 MiB blobs are signed (SHA-256) and hashed on the way in, which
// takes longer than vitest's default timeout on a busy machine.
vi.setConfig({ testTimeout: 60_000 });

const MiB = 1024 * 1024;
const double = createS3Double();

// Small multipart settings, so the contract's 9 MiB and 20 MiB blobs go up in parts.
const smallParts: S3StoreOptions = { multipartThreshold: 6 * MiB, partSize: 5 * MiB };

runStoreContract('S3 (S3 double)', (options) =>
  createS3Store(double.config('contract'), { ...smallParts, fetch: double.fetch, now: options.now, testHooks: options.testHooks }),
);
