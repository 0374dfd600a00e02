import { AppError } from './errors';

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * The text of a manifest file. W&B writes manifests as UTF-8 JSON (wandb-spec §1); a UTF-8 byte
 * order mark is dropped (RFC 8259 lets parsers ignore it), a UTF-16 or UTF-32 one is refused
 * (a manifest so encoded was not written by W&B; guessing could misread its paths), and bytes
 * that are not UTF-8 are refused with the offset of the first bad one.
 */
export function decodeManifestBytes(bytes: Uint8Array, name = 'the manifest'): string {
  const [b0, b1, b2, b3] = bytes;
  const utf32 = (b0 === 0xff && b1 === 0xfe && b2 === 0 && b3 === 0) || (b0 === 0 && b1 === 0 && b2 === 0xfe && b3 === 0xff);
  const utf16 = (b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff);
  if (utf32 || utf16) {
    const encoding = utf32 ? 'UTF-32' : b0 === 0xff ? 'UTF-16 LE' : 'UTF-16 BE';
    throw new AppError('invalid-manifest', `${name} is ${encoding} (it starts with that byte order mark); manifests are UTF-8 JSON: save it as UTF-8 and try again`, {
      details: { encoding },
    });
  }
  const body = b0 === 0xef && b1 === 0xbb && b2 === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return UTF8.decode(body);
  } catch (error) {
    throw new AppError('invalid-manifest', `${name} is not valid UTF-8 (first bad byte at offset ${firstInvalidUtf8(body) + (body === bytes ? 0 : 3)}); manifests are UTF-8 JSON`, {
      cause: error,
    });
  }
}

/** Offset of the first byte that breaks UTF-8 (the decoder only says that one does). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let at = 0;
  while (at < bytes.length) {
    const b = bytes[at] ?? 0;
    const length = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (length === 0) return at;
    try {
      UTF8.decode(bytes.subarray(at, at + length));
    } catch {
      return at;
    }
    at += length;
  }
  return at;
}
