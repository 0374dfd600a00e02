/**
 * Rules for showing and comparing images too large to decode at full size on a page: the
 * pixel budget, the scale an image is shown at, its size read from the file's header (without
 * decoding it) and the per-pixel difference of two decoded images.
 */

/** Images with more pixels than this are decoded off the page and shown scaled down. */
export const MAX_IMAGE_PIXELS = 2048 * 2048;

/** How many header bytes are read to find an image's size (a JPEG's size may follow its metadata). */
export const IMAGE_HEADER_BYTES = 256 * 1024;

export type ImageSize = { readonly width: number; readonly height: number };

export type ImageScale = {
  /** Shown at 1/denominator of the natural size; 1 is full size. */
  readonly denominator: number;
  readonly width: number;
  readonly height: number;
};

/** `size` reduced to 1/denominator, rounding up (never below 1 px a side). */
export function scaledBy({ width, height }: ImageSize, denominator: number): ImageScale {
  return { denominator, width: Math.max(1, Math.ceil(width / denominator)), height: Math.max(1, Math.ceil(height / denominator)) };
}

/** The smallest power-of-two reduction that fits `size` into `maxPixels`. */
export function scaleForBudget(size: ImageSize, maxPixels = MAX_IMAGE_PIXELS): ImageScale {
  let scale = scaledBy(size, 1);
  while (scale.width * scale.height > maxPixels && (scale.width > 1 || scale.height > 1)) scale = scaledBy(size, scale.denominator * 2);
  return scale;
}

/** "1/8 scale" (or "full size"). */
export function scaleLabel(denominator: number): string {
  return denominator <= 1 ? 'full size' : `1/${denominator} scale`;
}

function u16be(b: Uint8Array, at: number): number {
  return ((b[at] ?? 0) << 8) | (b[at + 1] ?? 0);
}
function u16le(b: Uint8Array, at: number): number {
  return (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8);
}
function u24le(b: Uint8Array, at: number): number {
  return u16le(b, at) | ((b[at + 2] ?? 0) << 16);
}
function u32be(b: Uint8Array, at: number): number {
  return ((u16be(b, at) << 16) >>> 0) + u16be(b, at + 2);
}
function i32le(b: Uint8Array, at: number): number {
  return u16le(b, at) | (u16le(b, at + 2) << 16);
}
function ascii(b: Uint8Array, at: number, length: number): string {
  return String.fromCharCode(...b.subarray(at, at + length));
}

/** JPEG: the first start-of-frame marker's height and width. */
function jpegSize(b: Uint8Array): ImageSize | null {
  let at = 2;
  while (at + 9 <= b.length) {
    if (b[at] !== 0xff) return null;
    const marker = b[at + 1] ?? 0;
    if (marker === 0xff) {
      at += 1;
      continue;
    }
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame) return { height: u16be(b, at + 5), width: u16be(b, at + 7) };
    at += 2 + u16be(b, at + 2);
  }
  return null;
}

function webpSize(b: Uint8Array): ImageSize | null {
  const chunk = ascii(b, 12, 4);
  if (chunk === 'VP8X') return { width: u24le(b, 24) + 1, height: u24le(b, 27) + 1 };
  if (chunk === 'VP8L') {
    const bits = ((b[21] ?? 0) | ((b[22] ?? 0) << 8) | ((b[23] ?? 0) << 16) | ((b[24] ?? 0) << 24)) >>> 0;
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8 ') return { width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff };
  return null;
}

/**
 * The pixel size an image file declares in its header (PNG, GIF, JPEG, WebP, BMP), or null when
 * the format is another (SVG) or the header is cut short. Read before decoding, so a huge image
 * is never decoded at full size on the page.
 */
export function imageSizeFromHeader(b: Uint8Array): ImageSize | null {
  let size: ImageSize | null = null;
  if (b.length >= 24 && u32be(b, 0) === 0x89504e47 && ascii(b, 12, 4) === 'IHDR') size = { width: u32be(b, 16), height: u32be(b, 20) };
  else if (b.length >= 10 && ascii(b, 0, 4) === 'GIF8') size = { width: u16le(b, 6), height: u16le(b, 8) };
  else if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8) size = jpegSize(b);
  else if (b.length >= 30 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP') size = webpSize(b);
  else if (b.length >= 26 && ascii(b, 0, 2) === 'BM') size = { width: Math.abs(i32le(b, 18)), height: Math.abs(i32le(b, 22)) };
  return size && size.width > 0 && size.height > 0 ? size : null;
}

/**
 * Compares two RGBA images of the same size pixel by pixel into `out`: changed pixels red, the
 * others a faded grey of `b`. Returns how many pixels differ.
 */
export function diffPixels(a: Uint8ClampedArray, b: Uint8ClampedArray, out: Uint8ClampedArray): number {
  let changed = 0;
  for (let i = 0; i + 3 < out.length; i += 4) {
    const d =
      Math.abs((a[i] ?? 0) - (b[i] ?? 0)) +
      Math.abs((a[i + 1] ?? 0) - (b[i + 1] ?? 0)) +
      Math.abs((a[i + 2] ?? 0) - (b[i + 2] ?? 0)) +
      Math.abs((a[i + 3] ?? 0) - (b[i + 3] ?? 0));
    if (d > 0) {
      changed += 1;
      out[i] = 255;
      out[i + 1] = 0;
      out[i + 2] = 0;
    } else {
      const gray = ((b[i] ?? 0) + (b[i + 1] ?? 0) + (b[i + 2] ?? 0)) / 3;
      out[i] = out[i + 1] = out[i + 2] = 255 - (255 - gray) * 0.25;
    }
    out[i + 3] = 255;
  }
  return changed;
}
