/**
 * Blob upload to `blobs/md5/<hex>`: HEAD first so known content is never sent again, then one
 * create-only PUT (If-None-Match: *, Content-MD5 so the store verifies the bytes), or a
 * large-object upload (multipart on S3), hashed as it goes and aborted on mismatch or cancel.
 */
import { createMd5Hasher } from '../../domain/digest';
import { AppError, isAppError } from '../../domain/errors';
import type { BlobInput, PutBlobsOptions } from '../artifact-store';
import { putCancelledError } from '../store-rules';
import type { BlobContext } from './s3-context';
import { mapLimit } from './s3-util';

export interface BlobUploadSettings {
  multipartThreshold: number;
  partSize: number;
}

export async function putBlobsToS3(
  store: BlobContext,
  blobs: readonly BlobInput[],
  options: PutBlobsOptions,
  settings: BlobUploadSettings,
): Promise<void> {
  const { signal, onProgress, onMissing } = options;
  const unique = new Map<string, Blob>();
  for (const { digest, blob } of blobs) {
    store.layout.blob(digest); // refuses anything but a base64 md5
    if (!unique.has(digest)) unique.set(digest, blob);
  }
  let total = 0;
  for (const blob of unique.values()) total += blob.size;
  let written = 0;
  const report = (bytes: number) => {
    written += bytes;
    onProgress?.(written);
  };
  if (signal?.aborted) throw putCancelledError(0, total);

  try {
    await mapLimit([...unique], store.concurrency, async ([digest, blob]) => {
      if (signal?.aborted) throw putCancelledError(written, total);
      const key = store.layout.blob(digest);
      const stagedAt = String(Math.floor(store.now()));
      // HEAD first so that known content is not sent again, unless hasBlobs just found it missing.
      const head = store.blobs.recentlyMissing(digest) ? null : await store.client.head(key);
      if (head) {
        // Known content is not sent again; staging it again only refreshes its staging time,
        // so that garbage collection spares it until it is committed.
        if (head.stagedAt === null || head.stagedAt < Number(stagedAt)) await store.client.replaceMeta(key, { 'staged-at': stagedAt });
        store.blobs.knowBlob(digest, head.size);
        return;
      }
      onMissing?.([digest]);
      if (blob.size > settings.multipartThreshold) {
        await store.client.putLarge(key, blob, {
          contentMd5: digest,
          partSize: settings.partSize,
          meta: { 'staged-at': stagedAt },
          ...(signal ? { signal } : {}),
          onBytes: report,
        });
      } else {
        // 412: another writer stored the same content meanwhile, which is just as good.
        await store.client.put(key, blob, { create: true, contentMd5: digest, meta: { 'staged-at': stagedAt }, ...(signal ? { signal } : {}) });
        report(blob.size);
      }
      store.blobs.knowBlob(digest, blob.size);
    });
  } catch (error) {
    if (isAppError(error) && error.code === 'cancelled') throw putCancelledError(written, total);
    throw error;
  }
}

/**
 * Overwrites the object of `digest` with bytes that hash to it (refused otherwise, nothing
 * changed): heals a copy Verify found damaged or missing. Its staging time, if any, is kept.
 */
export async function repairBlobInS3(store: BlobContext, digest: string, blob: Blob): Promise<void> {
  const key = store.layout.blob(digest); // refuses anything but a base64 md5
  if ((await digestOfS3Body(blob)) !== digest) {
    throw new AppError('digest-mismatch', `the bytes offered for digest ${digest} hash to something else; the stored copy was left as it was`, {
      details: { digest },
    });
  }
  const head = await store.client.head(key);
  const stagedAt = head ? head.stagedAt : store.now();
  const meta: Record<string, string> = stagedAt === null ? {} : { 'staged-at': String(Math.floor(stagedAt)) };
  const result = await store.client.put(key, blob, { contentMd5: digest, meta });
  if (!result.ok) throw new AppError('network', `the bucket refused the repaired copy of ${digest} (HTTP ${result.status})`);
  store.blobs.knowBlob(digest, blob.size);
}

async function digestOfS3Body(blob: Blob): Promise<string> {
  const hasher = await createMd5Hasher();
  const reader = blob.stream().getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    hasher.update(value);
  }
  return hasher.digestBase64();
}
