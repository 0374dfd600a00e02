import type { ImageScale, ImageSize } from '../domain/image-scale';

/** Messages between image-client.ts and image.worker.ts: decoding and comparing images off the page. */
export type ImageTask =
  | { readonly kind: 'render'; readonly blob: Blob; readonly maxPixels: number }
  | { readonly kind: 'compare'; readonly a: Blob; readonly b: Blob; readonly maxPixels: number };

export type ImageRequest = { readonly id: number; readonly task: ImageTask };

/** One image decoded at `scale` of its natural `size`. */
export type RenderedImage = { readonly bitmap: ImageBitmap; readonly size: ImageSize; readonly scale: ImageScale };

/** Both images drawn on a common canvas (the larger width and height) at one scale, and their difference. */
export type ComparedImages = {
  readonly a: RenderedImage;
  readonly b: RenderedImage;
  readonly difference: ImageBitmap;
  /** Pixels that differ, of `total`, counted at the common scale. */
  readonly changed: number;
  readonly total: number;
  readonly denominator: number;
};

export type ImageResult = { readonly kind: 'render'; readonly image: RenderedImage } | { readonly kind: 'compare'; readonly compared: ComparedImages };

export type ImageResponse = { readonly id: number; readonly ok: true; readonly result: ImageResult } | { readonly id: number; readonly ok: false; readonly message: string };
