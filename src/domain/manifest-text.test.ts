import { describe, expect, it } from 'vitest';
import { AppError } from './errors';
import { decodeManifestBytes } from './manifest-text';

const json = '{"version": 1, "contents": {"é.txt": {"digest": "x", "size": 1}}}';

function utf16le(text: string): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2);
  out.set([0xff, 0xfe]);
  for (let i = 0; i < text.length; i++) {
    out[2 + i * 2] = text.charCodeAt(i) & 255;
    out[3 + i * 2] = text.charCodeAt(i) >> 8;
  }
  return out;
}

function refusal(bytes: Uint8Array): AppError {
  try {
    decodeManifestBytes(bytes, 'wandb_manifest.json');
  } catch (error) {
    if (error instanceof AppError) return error;
  }
  throw new Error('not refused');
}

describe('decodeManifestBytes', () => {
  it('reads UTF-8, with or without a UTF-8 byte order mark', () => {
    const bytes = new TextEncoder().encode(json);
    expect(decodeManifestBytes(bytes)).toBe(json);
    expect(decodeManifestBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]))).toBe(json);
  });

  it('refuses a UTF-16 or UTF-32 byte order mark, naming the encoding, instead of decoding it as something else', () => {
    const le = refusal(utf16le(json));
    expect(le.code).toBe('invalid-manifest');
    expect(le.message).toBe('wandb_manifest.json is UTF-16 LE (it starts with that byte order mark); manifests are UTF-8 JSON: save it as UTF-8 and try again');
    expect(refusal(new Uint8Array([0xfe, 0xff, 0, 0x7b])).message).toContain('UTF-16 BE');
    expect(refusal(new Uint8Array([0xff, 0xfe, 0, 0, 0x7b, 0, 0, 0])).message).toContain('UTF-32');
  });

  it('refuses bytes that are not UTF-8 with the offset of the first bad one', () => {
    expect(refusal(new Uint8Array([0x7b, 0x22, 0xe9, 0x22, 0x7d])).message).toContain('first bad byte at offset 2');
  });
});
