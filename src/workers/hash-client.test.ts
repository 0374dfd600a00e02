import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AppError } from '../domain/errors';
import { HashedBytes, createHashPool } from './hash-client';
import type { HashItem, HashProgress, WorkerLike } from './hash-client';
import { createHashWorkerHandler } from './hash-job';
import type { HashRequest, HashResponse } from './hash-protocol';

/** Runs the real worker handler in-process, with message passing made asynchronous. */
class FakeWorker implements WorkerLike {
  onmessage: ((event: MessageEvent<HashResponse>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  terminated = false;
  readonly requests: HashRequest[] = [];
  private readonly handle = createHashWorkerHandler(
    (data) => {
      // like postMessage with a transfer list: the bytes move, the sender keeps nothing
      setTimeout(() => {
        if (!this.terminated) this.onmessage?.({ data } as MessageEvent<HashResponse>);
      }, 0);
    },
    // like the browser's read of a composite Blob: it fails when any of its parts cannot be read
    { readTogether: async (blobs) => new Blob(await Promise.all(blobs.map((b) => b.arrayBuffer()))).arrayBuffer() },
  );
  postMessage(message: HashRequest): void {
    this.requests.push(message);
    setTimeout(() => this.handle(message), 0);
  }
  terminate(): void {
    this.terminated = true;
  }
}

const md5 = (text: string): string => createHash('md5').update(text).digest('base64');
const items = (n: number, tag = ''): HashItem[] =>
  Array.from({ length: n }, (_, i) => ({ name: `f${i}`, blob: new Blob([`content ${tag}${i} `.repeat(i)]) }));

function pool(size: number) {
  const workers: FakeWorker[] = [];
  const hashPool = createHashPool({
    size,
    createWorker: () => {
      const worker = new FakeWorker();
      workers.push(worker);
      return worker;
    },
  });
  return { hashPool, workers };
}

describe('hash pool', () => {
  it('hashes every item, returns digests in input order and reports progress to the total', async () => {
    const { hashPool, workers } = pool(3);
    const input = items(200);
    const progress: HashProgress[] = [];
    const digests = await hashPool.hashAll(input, { onProgress: (p) => progress.push(p) });
    expect(digests).toEqual(input.map((_, i) => md5(`content ${i} `.repeat(i))));
    expect(workers.length).toBe(3);
    const last = progress.at(-1);
    const total = input.reduce((sum, item) => sum + item.blob.size, 0);
    expect(last).toMatchObject({ filesDone: 200, filesTotal: 200, bytesDone: total, bytesTotal: total });
    expect(progress.every((p, i) => i === 0 || p.bytesDone >= (progress[i - 1]?.bytesDone ?? 0))).toBe(true);
  });

  it('starts no more workers than there are files', async () => {
    const { hashPool, workers } = pool(4);
    await hashPool.hashAll(items(1));
    expect(workers.length).toBe(1);
  });

  it('batches small files into few messages', async () => {
    const { hashPool, workers } = pool(2);
    await hashPool.hashAll(items(500));
    const batches = workers.flatMap((w) => w.requests).filter((r) => r.type === 'hash');
    expect(batches.length).toBeLessThan(40);
  });

  it('keeps the bytes of small files up to the cap, so that they need not be read again', async () => {
    const { hashPool } = pool(2);
    const input = items(120);
    const total = input.reduce((sum, item) => sum + item.blob.size, 0);
    const keep = new HashedBytes(Math.floor(total / 2));
    const digests = await hashPool.hashAll(input, { keep });
    const kept = input.filter((item) => keep.get(item.blob) !== undefined);
    expect(kept.length).toBeGreaterThan(10);
    expect(kept.length).toBeLessThan(input.length);
    expect(keep.size).toBeLessThanOrEqual(keep.capBytes);
    expect(keep.size).toBe(kept.reduce((sum, item) => sum + item.blob.size, 0));
    for (const item of kept) {
      const i = input.indexOf(item);
      expect(new TextDecoder().decode(keep.get(item.blob))).toBe(`content ${i} `.repeat(i));
      expect(digests[i]).toBe(md5(`content ${i} `.repeat(i)));
    }
    keep.clear();
    expect(keep.size).toBe(0);
    expect(keep.get(input[5]?.blob ?? new Blob())).toBeUndefined();
  });

  it('rejects with AppError("cancelled") on abort and stays usable', async () => {
    const { hashPool, workers } = pool(2);
    const controller = new AbortController();
    const run = hashPool.hashAll(items(300), { signal: controller.signal });
    controller.abort();
    await expect(run).rejects.toMatchObject({ code: 'cancelled' });
    expect(workers.flatMap((w) => w.requests).some((r) => r.type === 'cancel')).toBe(true);
    const again = items(5, 'again');
    expect(await hashPool.hashAll(again)).toEqual(again.map((_, i) => md5(`content again${i} `.repeat(i))));
  });

  it('names the file that could not be read', async () => {
    const { hashPool } = pool(1);
    const broken = new Blob(['x']);
    broken.arrayBuffer = () => Promise.reject(new DOMException('The file could not be found', 'NotFoundError'));
    const run = hashPool.hashAll([...items(2), { name: 'data/broken.bin', blob: broken }]);
    await expect(run).rejects.toBeInstanceOf(AppError);
    await expect(run).rejects.toMatchObject({ code: 'not-found', message: expect.stringContaining('"data/broken.bin"') as unknown });
  });

  it('rejects pending runs when disposed', async () => {
    const { hashPool, workers } = pool(2);
    const run = hashPool.hashAll(items(50));
    hashPool.dispose();
    await expect(run).rejects.toMatchObject({ code: 'cancelled' });
    expect(workers.every((w) => w.terminated)).toBe(true);
  });
});
