import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CancelledHash, PROGRESS_STEP_BYTES, SMALL_FILES_IN_PARALLEL, SMALL_FILE_BYTES, createHashWorkerHandler, hashBlob } from './hash-job';
import type { HashResponse } from './hash-protocol';

const md5 = (bytes: Uint8Array): string => createHash('md5').update(bytes).digest('base64');

function bytesOf(length: number, seed = 1): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    bytes[i] = x >>> 24;
  }
  return bytes;
}

describe('hashBlob', () => {
  const sizes = [0, 5, SMALL_FILE_BYTES, SMALL_FILE_BYTES + 1, 2 * PROGRESS_STEP_BYTES + 123];
  it.each(sizes)('gives the base64 md5 of %i bytes', async (size) => {
    const bytes = bytesOf(size, size);
    expect(await hashBlob(new Blob([bytes]))).toEqual({ digest: md5(bytes), size });
  });

  it('matches W&B test vectors', async () => {
    expect((await hashBlob(new Blob(['hello']))).digest).toBe('XUFAKrxLKna5cZ2REBfFkg==');
    expect((await hashBlob(new Blob([]))).digest).toBe('1B2M2Y8AsgTpgAmY7PhCfg==');
  });

  it('reports progress of a large blob in steps and stops when cancelled', async () => {
    const blob = new Blob(Array.from({ length: 12 }, (_, i) => bytesOf(1024 * 1024, i)));
    const seen: number[] = [];
    await hashBlob(blob, { onProgress: (bytes) => seen.push(bytes) });
    expect(seen.length).toBeGreaterThanOrEqual(2);
    expect(seen.every((bytes, i) => i === 0 || bytes - (seen[i - 1] ?? 0) >= PROGRESS_STEP_BYTES)).toBe(true);

    let reads = 0;
    const cancelled = hashBlob(blob, { onProgress: () => undefined, isCancelled: () => ++reads > 2 });
    await expect(cancelled).rejects.toBeInstanceOf(CancelledHash);
  });
});

describe('the worker handler', () => {
  it('answers each job and skips cancelled ones', async () => {
    const messages: HashResponse[] = [];
    const handle = createHashWorkerHandler((message) => messages.push(message));
    handle({ type: 'hash', jobs: [1, 2, 3].map((id) => ({ id, blob: new Blob([`file ${id}`]) })) });
    handle({ type: 'cancel', ids: [2] });
    await expect.poll(() => messages.length).toBe(2);
    expect([...messages].sort((a, b) => a.id - b.id)).toEqual([
      { type: 'done', id: 1, digest: md5(new TextEncoder().encode('file 1')), size: 6 },
      { type: 'done', id: 3, digest: md5(new TextEncoder().encode('file 3')), size: 6 },
    ]);
  });

  it('streams large blobs one at a time and reads small ones in parallel', async () => {
    const messages: HashResponse[] = [];
    const handle = createHashWorkerHandler((message) => messages.push(message));
    let reading = 0;
    let most = 0;
    const tracked = (blob: Blob): Blob => {
      const read = blob.arrayBuffer.bind(blob);
      blob.arrayBuffer = async () => {
        most = Math.max(most, ++reading);
        await new Promise((resolve) => setTimeout(resolve, 5));
        reading -= 1;
        return read();
      };
      return blob;
    };
    const small = Array.from({ length: 10 }, (_, i) => ({ id: i + 1, blob: tracked(new Blob([`small ${i}`])) }));
    const large = { id: 99, blob: new Blob([bytesOf(SMALL_FILE_BYTES + 10)]) };
    handle({ type: 'hash', jobs: [...small.slice(0, 5), large, ...small.slice(5)] });
    await expect.poll(() => messages.length).toBe(11);
    expect(most).toBe(SMALL_FILES_IN_PARALLEL);
    expect(messages.findIndex((m) => m.id === 99)).toBe(5); // the large one waited for the first five, and they for it
    expect(messages.every((m) => m.type === 'done')).toBe(true);
  });

  it('reports a blob that cannot be read', async () => {
    const messages: HashResponse[] = [];
    const handle = createHashWorkerHandler((message) => messages.push(message));
    const broken = new Blob(['x']);
    broken.arrayBuffer = () => Promise.reject(new DOMException('gone', 'NotFoundError'));
    handle({ type: 'hash', jobs: [{ id: 7, blob: broken }] });
    await expect.poll(() => messages[0]).toEqual({ type: 'error', id: 7, message: 'gone', unreadable: true });
  });
});
