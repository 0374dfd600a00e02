import { AppError } from '../domain/errors';
import { MAX_IMAGE_PIXELS } from '../domain/image-scale';
import type { ComparedImages, ImageRequest, ImageResponse, ImageResult, ImageTask, RenderedImage } from './image-protocol';

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, { resolve: (result: ImageResult) => void; reject: (error: AppError) => void }>();

function imageWorker(): Worker {
  if (worker) return worker;
  if (typeof Worker === 'undefined' || typeof OffscreenCanvas === 'undefined') {
    throw new AppError('internal', 'this browser cannot decode images off the page (no Web Worker with OffscreenCanvas)');
  }
  const created = new Worker(new URL('./image.worker.ts', import.meta.url), { type: 'module', name: 'images' });
  created.onmessage = ({ data }: MessageEvent<ImageResponse>) => {
    const waiting = pending.get(data.id);
    if (!waiting) return;
    pending.delete(data.id);
    if (data.ok) waiting.resolve(data.result);
    else waiting.reject(new AppError('internal', data.message));
  };
  created.onerror = (event) => {
    for (const waiting of pending.values()) waiting.reject(new AppError('internal', `the image worker failed: ${event.message}`));
    pending.clear();
    worker = null;
  };
  worker = created;
  return created;
}

function run(task: ImageTask): Promise<ImageResult> {
  const target = imageWorker();
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    target.postMessage({ id, task } satisfies ImageRequest);
  });
}

/** `blob` decoded in the image worker, scaled down to fit `maxPixels`. */
export async function renderImage(blob: Blob, maxPixels = MAX_IMAGE_PIXELS): Promise<RenderedImage> {
  const result = await run({ kind: 'render', blob, maxPixels });
  if (result.kind !== 'render') throw new AppError('internal', 'the image worker answered another request');
  return result.image;
}

/** Both images decoded at one scale that fits `maxPixels`, and their pixel difference, from the image worker. */
export async function compareImages(a: Blob, b: Blob, maxPixels = MAX_IMAGE_PIXELS): Promise<ComparedImages> {
  const result = await run({ kind: 'compare', a, b, maxPixels });
  if (result.kind !== 'compare') throw new AppError('internal', 'the image worker answered another request');
  return result.compared;
}
