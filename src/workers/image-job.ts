/**
 * Decodes images with createImageBitmap and compares them on an OffscreenCanvas, scaled down to
 * the pixel budget first: runs in image.worker.ts, so a 16000×16000 PNG never blocks the page.
 */
import { IMAGE_HEADER_BYTES, diffPixels, imageSizeFromHeader, scaleForBudget, scaledBy } from '../domain/image-scale';
import type { ImageSize } from '../domain/image-scale';
import type { ComparedImages, ImageResult, ImageTask, RenderedImage } from './image-protocol';

async function naturalSize(blob: Blob): Promise<ImageSize> {
  const header = imageSizeFromHeader(new Uint8Array(await blob.slice(0, IMAGE_HEADER_BYTES).arrayBuffer()));
  if (header) return header;
  // No size in a header we know: decode once to learn it (such formats are small in practice).
  const probe = await createImageBitmap(blob);
  const size = { width: probe.width, height: probe.height };
  probe.close();
  return size;
}

async function decodeAt(blob: Blob, size: ImageSize, denominator: number): Promise<RenderedImage> {
  const scale = scaledBy(size, denominator);
  const bitmap =
    denominator <= 1
      ? await createImageBitmap(blob)
      : await createImageBitmap(blob, { resizeWidth: scale.width, resizeHeight: scale.height, resizeQuality: 'medium' });
  return { bitmap, size, scale };
}

function pixelsOf(bitmap: ImageBitmap, width: number, height: number): Uint8ClampedArray {
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2D canvas in this worker');
  context.drawImage(bitmap, 0, 0);
  return context.getImageData(0, 0, width, height).data;
}

async function compare(a: Blob, b: Blob, maxPixels: number): Promise<ComparedImages> {
  const [sizeA, sizeB] = await Promise.all([naturalSize(a), naturalSize(b)]);
  const common = { width: Math.max(sizeA.width, sizeB.width), height: Math.max(sizeA.height, sizeB.height) };
  const { denominator, width, height } = scaleForBudget(common, maxPixels);
  const [imageA, imageB] = await Promise.all([decodeAt(a, sizeA, denominator), decodeAt(b, sizeB, denominator)]);
  const out = new ImageData(width, height);
  const changed = diffPixels(pixelsOf(imageA.bitmap, width, height), pixelsOf(imageB.bitmap, width, height), out.data);
  const canvas = new OffscreenCanvas(width, height);
  canvas.getContext('2d')?.putImageData(out, 0, 0);
  return { a: imageA, b: imageB, difference: canvas.transferToImageBitmap(), changed, total: width * height, denominator };
}

export async function runImageTask(task: ImageTask): Promise<{ result: ImageResult; transfer: ImageBitmap[] }> {
  if (task.kind === 'render') {
    const size = await naturalSize(task.blob);
    const image = await decodeAt(task.blob, size, scaleForBudget(size, task.maxPixels).denominator);
    return { result: { kind: 'render', image }, transfer: [image.bitmap] };
  }
  const compared = await compare(task.a, task.b, task.maxPixels);
  return { result: { kind: 'compare', compared }, transfer: [compared.a.bitmap, compared.b.bitmap, compared.difference] };
}
