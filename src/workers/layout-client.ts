import { AppError } from '../domain/errors';
import type { LayoutInput, LayoutResult } from '../domain/lineage-layout';
import type { LayoutRequest, LayoutResponse } from './layout-protocol';

/** What the client needs from a Worker (a fake one in unit tests). */
export interface LayoutWorkerLike {
  postMessage(message: LayoutRequest): void;
  onmessage: ((event: MessageEvent<LayoutResponse>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  terminate(): void;
}

export interface LayoutClient {
  /**
   * The layout of `input`, cached under `key` (a view key: focus, depths, clusters, direction
   * and the graph's revision). Runs in a Web Worker when there is one, inline otherwise.
   */
  layout(key: string, input: LayoutInput): Promise<LayoutResult>;
  /** The cached layout for `key`, if any (lets a view render without a frame of spinner). */
  cached(key: string): LayoutResult | undefined;
  dispose(): void;
}

export interface LayoutClientOptions {
  /** null: lay out on the calling thread. */
  createWorker?: (() => LayoutWorkerLike) | null;
  /** Layouts kept (least recently used go first); 32. */
  cacheSize?: number;
}

function defaultWorker(): LayoutWorkerLike | null {
  if (typeof Worker === 'undefined') return null;
  return new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module', name: 'layout' });
}

export function createLayoutClient({ createWorker, cacheSize = 32 }: LayoutClientOptions = {}): LayoutClient {
  const worker = createWorker === null ? null : createWorker ? createWorker() : defaultWorker();
  const pending = new Map<number, { resolve: (r: LayoutResult) => void; reject: (e: AppError) => void }>();
  const cache = new Map<string, Promise<LayoutResult>>();
  const done = new Map<string, LayoutResult>();
  let nextId = 1;
  if (worker) {
    worker.onmessage = ({ data }) => {
      const waiting = pending.get(data.id);
      if (!waiting) return;
      pending.delete(data.id);
      if (data.ok) waiting.resolve(data.result);
      else waiting.reject(new AppError('internal', `lineage layout failed: ${data.message}`));
    };
    worker.onerror = (event) => {
      for (const waiting of pending.values()) waiting.reject(new AppError('internal', `lineage layout worker failed: ${event.message}`));
      pending.clear();
    };
  }
  const run = (input: LayoutInput): Promise<LayoutResult> => {
    // imported on demand so the layout code stays out of the main-thread chunk when a worker exists
    if (!worker) return import('../domain/lineage-layout').then((m) => m.layoutLineage(input));
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, input });
    });
  };
  const remember = (key: string, value: Promise<LayoutResult>) => {
    cache.delete(key);
    cache.set(key, value);
    while (cache.size > cacheSize) {
      const oldest = cache.keys().next().value;
      if (oldest === undefined) break;
      cache.delete(oldest);
      done.delete(oldest);
    }
  };
  return {
    layout(key, input) {
      const hit = cache.get(key);
      if (hit) {
        remember(key, hit);
        return hit;
      }
      const promise = run(input).then(
        (result) => {
          if (cache.get(key) === promise) done.set(key, result);
          return result;
        },
        (error: unknown) => {
          cache.delete(key);
          throw error;
        },
      );
      remember(key, promise);
      return promise;
    },
    cached: (key) => done.get(key),
    dispose() {
      worker?.terminate();
      for (const waiting of pending.values()) waiting.reject(new AppError('cancelled', 'lineage layout was cancelled'));
      pending.clear();
      cache.clear();
      done.clear();
    },
  };
}
