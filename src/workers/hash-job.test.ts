import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  CancelledHash,
  PROGRESS_STEP_BYTES,
  RESULTS_PER_MESSAGE,
  SMALL_FILES_PER_READ,
  SMALL_READS_IN_PARALLEL,
  createHashWorkerHandler,
  hashBlob,
} from './hash-job';
import { SMALL_FILE_BYTES } from './hash-protocol';
import type { HashResponse, HashResult } from './hash-protocol';

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

  it('hands back the bytes it hashed when asked to keep them, for small blobs only', async () => {
    const bytes = bytesOf(4096, 7);
    const kept = await hashBlob(new Blob([bytes]), { keep: true });
    expect(kept.digest).toBe(md5(bytes));
    expect(new Uint8Array(kept.bytes ?? new ArrayBuffer(0))).toEqual(bytes);
    expect((await hashBlob(new Blob([bytes]))).bytes).toBeUndefined();
    expect((await hashBlob(new Blob([bytesOf(SMALL_FILE_BYTES + 1)]), { keep: true })).bytes).toBeUndefined();
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

/** The worker's answers as one list of results, in the order they were sent. */
function resultsOf(messages: readonly HashResponse[]): HashResult[] {
  return messages.flatMap((m) => (m.type === 'done' ? m.results : []));
}

describe('the worker handler', () => {
  it('answers each job and skips cancelled ones', async () => {
    const messages: HashResponse[] = [];
    const handle = createHashWorkerHandler((message) => messages.push(message));
    handle({ type: 'hash', jobs: [1, 2, 3].map((id) => ({ id, blob: new Blob([`file ${id}`]) })) });
    handle({ type: 'cancel', ids: [2] });
    await expect.poll(() => resultsOf(messages).length).toBe(2);
    expect(resultsOf(messages).sort((a, b) => a.id - b.id)).toEqual([
      { id: 1, digest: md5(new TextEncoder().encode('file 1')), size: 6 },
      { id: 3, digest: md5(new TextEncoder().encode('file 3')), size: 6 },
    ]);
  });

  it('answers many small jobs in few messages and transfers the bytes it was asked to keep', async () => {
    const messages: { message: HashResponse; transfer: Transferable[] }[] = [];
    const handle = createHashWorkerHandler((message, transfer) => messages.push({ message, transfer }));
    const files = Array.from({ length: 100 }, (_, i) => bytesOf(100 + i, i));
    handle({ type: 'hash', jobs: files.map((bytes, i) => ({ id: i, blob: new Blob([bytes]), keep: i % 2 === 0 })) });
    await expect.poll(() => resultsOf(messages.map((m) => m.message)).length).toBe(100);
    expect(messages.length).toBeLessThanOrEqual(Math.ceil(100 / RESULTS_PER_MESSAGE) + 1);
    for (const { message, transfer } of messages) {
      if (message.type !== 'done') throw new Error(`unexpected ${message.type}`);
      expect(transfer).toEqual(message.results.flatMap((r) => (r.bytes ? [r.bytes] : [])));
      for (const result of message.results) {
        const bytes = files[result.id] ?? new Uint8Array(0);
        expect(result.digest).toBe(md5(bytes));
        if (result.id % 2 === 0) expect(new Uint8Array(result.bytes ?? new ArrayBuffer(0))).toEqual(bytes);
        else expect(result.bytes).toBeUndefined();
      }
    }
  });

  it('reads small blobs in groups, several groups at once, and streams a large blob alone', async () => {
    const messages: HashResponse[] = [];
    let reading = 0;
    let most = 0;
    const groupSizes: number[] = [];
    const handle = createHashWorkerHandler((message) => messages.push(message), {
      readTogether: async (blobs) => {
        groupSizes.push(blobs.length);
        most = Math.max(most, ++reading);
        await new Promise((resolve) => setTimeout(resolve, 5));
        reading -= 1;
        return new Blob([...blobs]).arrayBuffer();
      },
    });
    const before = SMALL_FILES_PER_READ * (SMALL_READS_IN_PARALLEL + 1) + 3;
    const small = Array.from({ length: 2 * before }, (_, i) => ({ id: i + 1, blob: new Blob([`small ${i}`]) }));
    const large = { id: 999, blob: new Blob([bytesOf(SMALL_FILE_BYTES + 10)]) };
    handle({ type: 'hash', jobs: [...small.slice(0, before), large, ...small.slice(before)] });
    await expect.poll(() => resultsOf(messages).length).toBe(small.length + 1);
    expect(most).toBe(SMALL_READS_IN_PARALLEL);
    expect(Math.max(...groupSizes)).toBe(SMALL_FILES_PER_READ);
    expect(groupSizes.reduce((a, b) => a + b, 0)).toBe(small.length);
    // the large one waited for the small ones before it, and those after it for the large one
    expect(resultsOf(messages).findIndex((r) => r.id === 999)).toBe(before);
    const encoder = new TextEncoder();
    for (const result of resultsOf(messages)) {
      if (result.id !== 999) expect(result.digest).toBe(md5(encoder.encode(`small ${result.id - 1}`)));
    }
    expect(messages.every((m) => m.type === 'done')).toBe(true);
  });

  it('reads a group one by one when reading it together fails, and names the file that cannot be read', async () => {
    const messages: HashResponse[] = [];
    const handle = createHashWorkerHandler((message) => messages.push(message), {
      readTogether: () => Promise.reject(new DOMException('changed', 'NotReadableError')),
    });
    const files = Array.from({ length: 5 }, (_, i) => new Blob([`file ${i}`]));
    const broken = files[2] ?? new Blob();
    broken.arrayBuffer = () => Promise.reject(new DOMException('gone', 'NotFoundError'));
    handle({ type: 'hash', jobs: files.map((blob, i) => ({ id: i, blob, keep: true })) });
    await expect.poll(() => resultsOf(messages).length).toBe(4);
    expect(messages).toContainEqual({ type: 'error', id: 2, message: 'gone', unreadable: true });
    const encoder = new TextEncoder();
    for (const result of resultsOf(messages)) {
      expect(result.digest).toBe(md5(encoder.encode(`file ${result.id}`)));
      expect(new TextDecoder().decode(result.bytes)).toBe(`file ${result.id}`);
    }
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
