import { describe, expect, it } from 'vitest';
import type { ListOptions, ListResult, ObjectClient } from './object-client';
import { listBlobKeys } from './s3-blob-listing';

const PREFIX = 'p/blobs/md5/';
const hex = (n: number) => n.toString(16).padStart(32, '0').split('').reverse().join('');

/** Only `list`, over sorted keys, one page (at most maxKeys) per call; counts the calls. */
function listingClient(keys: readonly string[]): { client: ObjectClient; calls: () => number } {
  const sorted = [...keys].sort();
  let calls = 0;
  const list = (prefix: string, options: ListOptions = {}): Promise<ListResult> => {
    calls++;
    const after = options.startAfter ?? '';
    const page = sorted.filter((k) => k.startsWith(prefix) && k > after).slice(0, options.maxKeys ?? Infinity);
    return Promise.resolve({ objects: page.map((key) => ({ key, size: 7, etag: '', lastModified: 0 })), prefixes: [] });
  };
  return { client: { list } as unknown as ObjectClient, calls: () => calls };
}

describe('listBlobKeys', () => {
  it('finds the stored keys among those asked and sees the rest absent', async () => {
    const stored = Array.from({ length: 5000 }, (_, i) => `${PREFIX}${hex(i)}`);
    const { client, calls } = listingClient(stored);
    const asked = [...stored.filter((_, i) => i % 7 === 0), `${PREFIX}${'f'.repeat(32)}`, `${PREFIX}${'0'.repeat(31)}e`];
    const result = await listBlobKeys(client, PREFIX, asked, 4);
    expect(result.found.size).toBe(stored.filter((_, i) => i % 7 === 0).length);
    expect([...result.absent].sort()).toEqual([`${PREFIX}${'0'.repeat(31)}e`, `${PREFIX}${'f'.repeat(32)}`]);
    expect(result.unresolved).toEqual([]);
    expect(calls()).toBeLessThanOrEqual(16 + 5);
  });

  it('leaves for HEADs what a bucket far bigger than the question would take too many pages to reach', async () => {
    const stored = Array.from({ length: 40_000 }, (_, i) => `${PREFIX}${hex(i)}`);
    const { client, calls } = listingClient(stored);
    const asked = stored.filter((_, i) => i % 500 === 0); // 80 keys spread over the whole range
    const result = await listBlobKeys(client, PREFIX, asked, 4);
    expect(calls()).toBeLessThanOrEqual(16);
    expect(result.unresolved.length).toBeGreaterThan(0);
    for (const key of asked) expect(result.found.has(key) || result.unresolved.includes(key)).toBe(true);
    expect(result.absent.size).toBe(0);
  });
});
