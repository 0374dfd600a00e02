/**
 * Multipart upload of one large object: parts read and hashed in order, a few in flight,
 * the whole md5 checked before completion, the upload aborted on mismatch or cancel.
 */
import { createMd5Hasher, md5Base64 } from '../../domain/digest';
import { AppError } from '../../domain/errors';
import type { LargePutOptions } from './object-client';
import type { S3Client } from './s3-client';

const PARTS_IN_FLIGHT = 3;

export async function multipartUpload(client: S3Client, key: string, blob: Blob, options: LargePutOptions): Promise<void> {
  const { partSize, signal } = options;
  const digest = options.contentMd5;
  const uploadId = await client.createMultipart(key, options.meta ?? {}, signal);
  try {
    const hasher = await createMd5Hasher();
    const parts: { partNumber: number; etag: string }[] = [];
    const inFlight = new Set<Promise<void>>();
    const failed: { error: Error | null } = { error: null };
    const count = Math.ceil(blob.size / partSize);
    for (let i = 0; i < count && failed.error === null; i++) {
      if (signal?.aborted) throw new AppError('cancelled', 'the transfer was cancelled');
      // Parts are read and hashed in order; up to PARTS_IN_FLIGHT of them travel at once. The
      // bytes read are only hashed: the part sent is a slice of the blob (of a file: read again
      // as it goes), so a part in flight holds no copy in memory. Bytes changed since the read
      // fail the part's Content-MD5.
      const part = blob.slice(i * partSize, Math.min((i + 1) * partSize, blob.size));
      const bytes = new Uint8Array(await part.arrayBuffer());
      hasher.update(bytes);
      const partNumber = i + 1;
      const upload = md5Base64(bytes)
        .then((partMd5) => client.uploadPart(key, uploadId, partNumber, part, partMd5, signal))
        .then((etag) => {
          parts.push({ partNumber, etag });
          options.onBytes?.(part.size);
        })
        .catch((error: unknown) => {
          failed.error ??= error instanceof Error ? error : new AppError('internal', String(error));
        });
      const tracked: Promise<void> = upload.finally(() => inFlight.delete(tracked));
      inFlight.add(tracked);
      if (inFlight.size >= PARTS_IN_FLIGHT) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
    if (failed.error !== null) throw failed.error;
    const actual = hasher.digestBase64();
    if (actual !== digest) {
      throw new AppError('digest-mismatch', `the bytes given for digest ${digest} hash to ${actual}; nothing was stored`, {
        details: { digest, actual },
      });
    }
    parts.sort((a, b) => a.partNumber - b.partNumber);
    await client.completeMultipart(key, uploadId, parts);
  } catch (error) {
    await client.abortMultipart(key, uploadId);
    throw error;
  }
  // CompleteMultipartUpload's answer may carry an empty ETag (RGW): check the object itself.
  const head = await client.head(key);
  if (!head || head.size !== blob.size) {
    throw new AppError('internal', `multipart upload of ${key} ended with ${head ? `${head.size} bytes` : 'no object'}, ${blob.size} expected`);
  }
}
