import { AppError } from '../domain/errors';
import type { CsvDiffResult, DiffRequest, DiffResponse, DiffResult, DiffTask, JsonDiffResult, TextDiffResult } from './diff-protocol';

/** What the client needs from a Worker (a fake one in unit tests). */
export interface DiffWorkerLike {
  postMessage(message: DiffRequest): void;
  onmessage: ((event: MessageEvent<DiffResponse>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  terminate(): void;
}

export interface DiffClient {
  run(task: DiffTask & { kind: 'text' }, signal?: AbortSignal): Promise<TextDiffResult>;
  run(task: DiffTask & { kind: 'csv' }, signal?: AbortSignal): Promise<CsvDiffResult>;
  run(task: DiffTask & { kind: 'json' }, signal?: AbortSignal): Promise<JsonDiffResult>;
  run(task: DiffTask, signal?: AbortSignal): Promise<DiffResult>;
  dispose(): void;
}

function createBrowserWorker(): DiffWorkerLike {
  return new Worker(new URL('./diff.worker.ts', import.meta.url), { type: 'module', name: 'diff' });
}

/** One worker, started on first use; requests are answered by id. */
export function createDiffClient(createWorker: () => DiffWorkerLike = createBrowserWorker): DiffClient {
  let worker: DiffWorkerLike | null = null;
  let nextId = 1;
  const pending = new Map<number, { resolve: (result: DiffResult) => void; reject: (error: AppError) => void }>();

  const failAll = (error: AppError): void => {
    for (const waiter of pending.values()) waiter.reject(error);
    pending.clear();
  };

  const ensureWorker = (): DiffWorkerLike => {
    if (worker) return worker;
    const created = createWorker();
    created.onmessage = (event) => {
      const message = event.data;
      const waiter = pending.get(message.id);
      if (!waiter) return;
      pending.delete(message.id);
      if (message.ok) waiter.resolve(message.result);
      else waiter.reject(new AppError('internal', `the diff failed: ${message.message}`));
    };
    created.onerror = (event) => {
      failAll(new AppError('internal', `the diff worker failed: ${event.message}`));
      created.terminate();
      worker = null;
    };
    worker = created;
    return created;
  };

  const run = (task: DiffTask, signal?: AbortSignal): Promise<DiffResult> => {
    if (signal?.aborted) return Promise.reject(new AppError('cancelled', 'the diff was cancelled'));
    const id = nextId++;
    return new Promise<DiffResult>((resolve, reject) => {
      const onAbort = (): void => {
        pending.delete(id);
        reject(new AppError('cancelled', 'the diff was cancelled'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      pending.set(id, {
        resolve: (result) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(result);
        },
        reject: (error) => {
          signal?.removeEventListener('abort', onAbort);
          reject(error);
        },
      });
      ensureWorker().postMessage({ id, task });
    });
  };

  return {
    run: run as DiffClient['run'],
    dispose() {
      failAll(new AppError('cancelled', 'the diff worker was closed'));
      worker?.terminate();
      worker = null;
    },
  };
}

let shared: DiffClient | null = null;

/** The app's one diff worker, started on first use. */
export function sharedDiffClient(): DiffClient {
  shared ??= createDiffClient();
  return shared;
}
