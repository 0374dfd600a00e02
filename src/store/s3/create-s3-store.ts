/**
 * The S3 store's entry point. Kept out of s3-store.ts: the store it returns (change recording)
 * extends S3ArtifactStore, so s3-store.ts importing it would close a cycle.
 */
import { AppError } from '../../domain/errors';
import { ChangeRecordingS3Store } from './change-recording-store';
import { S3Client } from './s3-client';
import type { S3Config } from './s3-config';
import { normaliseS3Config } from './s3-config';
import { probeWithClient } from './s3-probe';
import type { S3Store, S3StoreOptions } from './s3-store';

/**
 * Opens an S3 store: probes the bucket first. Throws AppError when the bucket cannot be read
 * (the message says why and how to fix it); opens read-only, with the reason, when it cannot
 * be written safely (no write permission, or conditional writes not honoured).
 */
export async function createS3Store(config: S3Config, options: S3StoreOptions = {}): Promise<S3Store> {
  const normalised = normaliseS3Config(config);
  const client = new S3Client(normalised, options);
  const probe = await probeWithClient(client, options, options.writeTestMemory);
  if (!probe.canRead) {
    const problem = probe.problems[0];
    const code = problem?.kind === 'bucket-missing' ? 'not-found' : 'network';
    const message = problem ? `${problem.message}${problem.fix ? `\n${problem.fix}` : ''}` : `cannot open ${normalised.endpoint}`;
    throw new AppError(code, message, { details: { probe } });
  }
  return new ChangeRecordingS3Store(client, probe, options);
}
