/** Reading blobs from the record store: which are stored, and their bytes from pieces or packs. */
import { AppError } from '../../domain/errors';
import { noBlobBytesError } from '../store-rules';
import { READ_BATCH_PIECES } from './record-blob-writes';
import type { RecordContext } from './record-context';
import { getBlobsIn } from './record-refs';

// Blobs

export async function hasBlobs(ctx: RecordContext, digests: readonly string[]): Promise<Set<string>> {
  const unique = [...new Set(digests)];
  return ctx.read(['blobs'], async (tx) => {
    const { found } = await getBlobsIn(tx, unique);
    return new Set([...found.values()].filter((r) => r.complete).map((r) => r.digest));
  });
}

export async function readBlob(ctx: RecordContext, digest: string): Promise<Blob> {
  const { record, pack } = await ctx.read(['blobs', 'packs'], async (tx) => {
    const found = await tx.get('blobs', digest);
    return { record: found, pack: found?.pack ? await tx.get('packs', found.pack.id) : undefined };
  });
  if (!record?.complete) {
    throw noBlobBytesError(digest);
  }
  if (record.pack) {
    const { id, offset } = record.pack;
    if (!pack || offset + record.size > pack.data.size) {
      throw new AppError('internal', `blob ${digest}: its pack ${id} is ${pack ? 'too short' : 'missing'}; Verify lists every damaged file of a version and repairs it from a local folder`);
    }
    return pack.data.slice(offset, offset + record.size);
  }
  const parts: (ArrayBuffer | Blob)[] = [];
  for (let first = 0; first < record.chunkCount; first += READ_BATCH_PIECES) {
    const last = Math.min(first + READ_BATCH_PIECES, record.chunkCount) - 1;
    const pieces = await ctx.read(['blobChunks'], (tx) => tx.getAll('blobChunks', { lower: [digest, first], upper: [digest, last] }));
    pieces.forEach((p, k) => {
      if (p.i !== first + k) throw new AppError('internal', `blob ${digest} is missing piece ${first + k}; Verify lists every damaged file of a version and repairs it from a local folder`);
      parts.push(p.data);
    });
    if (pieces.length !== last - first + 1) {
      throw new AppError('internal', `blob ${digest} is missing piece ${first + pieces.length}; Verify lists every damaged file of a version and repairs it from a local folder`);
    }
  }
  const blob = new Blob(parts);
  if (blob.size !== record.size) {
    throw new AppError('internal', `blob ${digest} holds ${blob.size} bytes, ${record.size} expected; Verify lists every damaged file of a version and repairs it from a local folder`);
  }
  return blob;
}
