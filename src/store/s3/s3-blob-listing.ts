/**
 * Which blobs are stored, for many digests at once: one ListObjectsV2 page names up to 1,000
 * blobs, where HEADs need one request per digest. The blob prefix is listed in 16 ranges (the
 * first hex digit) side by side, each only from its smallest asked key to its largest. A bucket
 * far bigger than the question stops the listing at a page budget; what it did not reach is
 * left for HEADs.
 */
import type { ObjectClient } from './object-client';
import { mapLimit } from './s3-util';

/** From this many digests on, hasBlobs lists the blob prefix instead of sending one HEAD each. */
export const BLOB_LISTING_MIN_DIGESTS = 64;
/** Keys per ListObjectsV2 page (the S3 maximum). */
const PAGE_KEYS = 1000;
/** List pages allowed per asked digest: past this, HEADs cost less than listing on. */
const PAGES_PER_DIGEST = 1 / 8;

export interface BlobListing {
  /** Sizes of the asked blobs found stored, by key. */
  readonly found: Map<string, number>;
  /** Asked keys the listing saw to be absent. */
  readonly absent: Set<string>;
  /** Asked keys the listing did not reach (page budget spent): ask them one by one. */
  readonly unresolved: string[];
}

/** Lists the asked blob keys (all under `blobsPrefix`) in bulk. */
export async function listBlobKeys(client: ObjectClient, blobsPrefix: string, keys: readonly string[], concurrency: number): Promise<BlobListing> {
  const ranges = new Map<string, string[]>();
  for (const key of keys) {
    const shard = key.slice(0, blobsPrefix.length + 1);
    const range = ranges.get(shard);
    if (range) range.push(key);
    else ranges.set(shard, [key]);
  }
  const found = new Map<string, number>();
  const absent = new Set<string>();
  const unresolved: string[] = [];
  let pagesLeft = Math.max(ranges.size, Math.ceil(keys.length * PAGES_PER_DIGEST));
  await mapLimit([...ranges], concurrency, async ([shard, asked]) => {
    asked.sort();
    const wanted = new Set(asked);
    const last = asked[asked.length - 1] ?? '';
    // A key's own prefix sorts before it: the listing starts just before the smallest asked key.
    let after = (asked[0] ?? shard).slice(0, -1);
    for (;;) {
      if (pagesLeft <= 0) {
        for (const key of asked) if (key > after) unresolved.push(key);
        return;
      }
      pagesLeft--;
      const { objects } = await client.list(shard, { maxKeys: PAGE_KEYS, startAfter: after });
      for (const o of objects) if (wanted.has(o.key)) found.set(o.key, o.size);
      const end = objects[objects.length - 1]?.key;
      if (objects.length < PAGE_KEYS || end === undefined || end >= last) break;
      after = end;
    }
    for (const key of asked) if (!found.has(key)) absent.add(key);
  });
  return { found, absent, unresolved };
}
