/**
 * md5 of local files in W&B's base64 form, with node:crypto. Small files are read whole (their
 * bytes are kept for the upload); big ones are streamed through a few worker threads so that
 * several hash at once and the event loop stays free for the network.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../domain/errors';

/** Files up to this size are read into memory and hashed on the main thread. */
export const SMALL_FILE_BYTES = 1024 * 1024;

export const md5Base64Of = (bytes: Uint8Array): string => createHash('md5').update(bytes).digest('base64');

// CommonJS, evaluated: the worker needs no file of its own in the bundle.
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { createReadStream } = require('node:fs');
parentPort.on('message', ({ id, path }) => {
  const hash = createHash('md5');
  createReadStream(path, { highWaterMark: 1 << 20 })
    .on('data', (chunk) => hash.update(chunk))
    .on('error', (error) => parentPort.postMessage({ id, error: error.message }))
    .on('end', () => parentPort.postMessage({ id, digest: hash.digest('base64') }));
});
`;

interface WorkerReply {
  id: number;
  digest?: string;
  error?: string;
}

/** A few hashing threads, started on first use; `close()` ends them. */
export class Md5Pool {
  private readonly size: number;
  private readonly workers: { worker: Worker; busy: boolean }[] = [];
  private readonly waiting: (() => void)[] = [];
  private readonly pending = new Map<number, { resolve: (digest: string) => void; reject: (error: Error) => void }>();
  private nextId = 0;

  constructor(size = Math.max(1, Math.min(4, availableParallelism()))) {
    this.size = size;
  }

  /** base64 md5 of the file at `path`, streamed in a worker. */
  async hashFile(path: string): Promise<string> {
    const slot = await this.acquire();
    try {
      return await new Promise<string>((resolve, reject) => {
        const id = this.nextId++;
        this.pending.set(id, { resolve, reject });
        slot.worker.postMessage({ id, path });
      });
    } finally {
      slot.busy = false;
      this.waiting.shift()?.();
    }
  }

  close(): void {
    for (const { worker } of this.workers) void worker.terminate();
    this.workers.length = 0;
  }

  private async acquire(): Promise<{ worker: Worker; busy: boolean }> {
    for (;;) {
      const free = this.workers.find((w) => !w.busy);
      if (free) {
        free.busy = true;
        return free;
      }
      if (this.workers.length < this.size) {
        const slot = { worker: this.start(), busy: true };
        this.workers.push(slot);
        return slot;
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }

  private start(): Worker {
    const worker = new Worker(WORKER_SOURCE, { eval: true });
    worker.unref();
    worker.on('message', (reply: WorkerReply) => {
      const job = this.pending.get(reply.id);
      if (!job) return;
      this.pending.delete(reply.id);
      if (reply.digest !== undefined) job.resolve(reply.digest);
      else job.reject(new AppError('not-found', `cannot read a file: ${reply.error ?? 'unknown error'}`));
    });
    worker.on('error', (error) => {
      for (const job of this.pending.values()) job.reject(error);
      this.pending.clear();
    });
    return worker;
  }
}

/**
 * Reads a small file and hashes it: its digest and bytes. Read synchronously: for a file this
 * small, the four thread-pool round trips of an async readFile (open, fstat, read, close) cost
 * more than the read itself, and many small files are where the CLI's time goes.
 */
export function readAndHash(path: string): Promise<{ digest: string; bytes: Uint8Array }> {
  try {
    const bytes = readFileSync(path);
    return Promise.resolve({ digest: md5Base64Of(bytes), bytes });
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}
