import { describe, expect, it } from 'vitest';
import { MAX_IMAGE_PIXELS, diffPixels, imageSizeFromHeader, scaleForBudget, scaleLabel } from './image-scale';

const bytes = (...parts: (number[] | string)[]) =>
  new Uint8Array(parts.flatMap((part) => (typeof part === 'string' ? [...part].map((c) => c.charCodeAt(0)) : part)));
const be32 = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
const le16 = (n: number) => [n & 255, (n >>> 8) & 255];
const le32 = (n: number) => [...le16(n & 0xffff), ...le16(n >>> 16)];

describe('scaleForBudget', () => {
  it('keeps an image within the budget at full size and halves a larger one until it fits', () => {
    expect(scaleForBudget({ width: 2048, height: 2048 })).toEqual({ denominator: 1, width: 2048, height: 2048 });
    expect(scaleForBudget({ width: 2049, height: 2048 })).toEqual({ denominator: 2, width: 1025, height: 1024 });
    expect(scaleForBudget({ width: 16_000, height: 16_000 })).toEqual({ denominator: 8, width: 2000, height: 2000 });
    expect(scaleLabel(scaleForBudget({ width: 16_000, height: 16_000 }).denominator)).toBe('1/8 scale');
    expect(scaleLabel(1)).toBe('full size');
  });

  it('fits a very long strip without going below one pixel a side', () => {
    const strip = scaleForBudget({ width: 100_000_000, height: 1 }, MAX_IMAGE_PIXELS);
    expect(strip.width * strip.height).toBeLessThanOrEqual(MAX_IMAGE_PIXELS);
    expect(strip.height).toBe(1);
  });
});

describe('imageSizeFromHeader', () => {
  it('reads the size PNG, GIF, JPEG, WebP and BMP headers declare, without decoding', () => {
    const png = bytes([0x89], 'PNG\r\n\x1a\n', be32(13), 'IHDR', be32(16_000), be32(12_000));
    expect(imageSizeFromHeader(png)).toEqual({ width: 16_000, height: 12_000 });
    expect(imageSizeFromHeader(bytes('GIF89a', le16(640), le16(480)))).toEqual({ width: 640, height: 480 });
    // JPEG: an APP0 segment of 16 bytes, then a baseline frame (SOF0): precision, height, width.
    const jpeg = bytes([0xff, 0xd8, 0xff, 0xe0, 0, 16], new Array<number>(14).fill(0), [0xff, 0xc0, 0, 17, 8, 0x2e, 0xe0, 0x3e, 0x80]);
    expect(imageSizeFromHeader(jpeg)).toEqual({ width: 16_000, height: 12_000 });
    const webp = bytes('RIFF', le32(0), 'WEBPVP8X', le32(10), [0, 0, 0, 0], [0x7f, 0x3e, 0], [0xdf, 0x2e, 0]);
    expect(imageSizeFromHeader(webp)).toEqual({ width: 16_000, height: 12_000 });
    const bmp = bytes('BM', new Array<number>(16).fill(0), le32(300), le32(-200 >>> 0));
    expect(imageSizeFromHeader(bmp)).toEqual({ width: 300, height: 200 });
  });

  it('says null for SVG, a cut header or a zero size', () => {
    expect(imageSizeFromHeader(bytes('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(imageSizeFromHeader(bytes([0x89], 'PNG\r\n'))).toBeNull();
    expect(imageSizeFromHeader(bytes([0x89], 'PNG\r\n\x1a\n', be32(13), 'IHDR', be32(0), be32(5)))).toBeNull();
    expect(imageSizeFromHeader(bytes([0xff, 0xd8, 0xff, 0xe0, 0, 16]))).toBeNull();
  });
});

describe('diffPixels', () => {
  it('counts every pixel whose RGBA differs, marks it red and fades the rest', () => {
    const a = new Uint8ClampedArray([0, 0, 0, 255, 10, 20, 30, 255, 255, 255, 255, 0]);
    const b = new Uint8ClampedArray([0, 0, 0, 255, 10, 20, 31, 255, 255, 255, 255, 255]);
    const out = new Uint8ClampedArray(a.length);
    expect(diffPixels(a, b, out)).toBe(2);
    expect([...out]).toEqual([191, 191, 191, 255, 255, 0, 0, 255, 255, 0, 0, 255]);
  });
});
