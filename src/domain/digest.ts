/**
 * Entry and artifact digests (wandb-spec §2), with hash-wasm (WebCrypto has no MD5).
 * Entry digest: standard base64 of md5 (or xxh3-128) of the bytes.
 * Artifact digest: lowercase hex md5 of "wandb-artifact-manifest-v1\n" + "{path}:{digest}\n"
 * for every entry in code-point order of path (xxh3-128 instead of md5 for XXH128 artifacts).
 */
import { createMD5, createXXHash128, type IHasher } from 'hash-wasm';
import { AppError } from './errors';
import { isSortedByCodePoint, sortByCodePoint } from './paths';
import type { ManifestEntry } from './types';

const MANIFEST_DIGEST_HEADER = 'wandb-artifact-manifest-v1\n';
/** Entries per TextEncoder pass: keeps the text in memory small for huge manifests. */
const ENTRIES_PER_CHUNK = 8192;

export type EntryDigestAlgorithm = 'md5' | 'xxh128' | 'reference';

export interface StreamingHasher {
  update(chunk: Uint8Array): void;
  /** Finishes the hash; the hasher cannot be used afterwards. */
  digestBase64(): string;
}

const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard base64 with padding ("+/" alphabet), as Python's base64.b64encode. */
export function bytesToBase64(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out +=
      BASE64_ALPHABET.charAt(n >>> 18) +
      BASE64_ALPHABET.charAt((n >>> 12) & 63) +
      BASE64_ALPHABET.charAt((n >>> 6) & 63) +
      BASE64_ALPHABET.charAt(n & 63);
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = (bytes[i] ?? 0) << 16;
    out += `${BASE64_ALPHABET.charAt(n >>> 18)}${BASE64_ALPHABET.charAt((n >>> 12) & 63)}==`;
  } else if (rest === 2) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8);
    out += `${BASE64_ALPHABET.charAt(n >>> 18)}${BASE64_ALPHABET.charAt((n >>> 12) & 63)}${BASE64_ALPHABET.charAt((n >>> 6) & 63)}=`;
  }
  return out;
}

function wrap(hasher: IHasher, name: string): StreamingHasher {
  let finished = false;
  return {
    update(chunk) {
      if (finished) throw new AppError('internal', `${name} hasher used after digestBase64()`);
      hasher.update(chunk);
    },
    digestBase64() {
      if (finished) throw new AppError('internal', `${name} hasher used after digestBase64()`);
      finished = true;
      return bytesToBase64(hasher.digest('binary'));
    },
  };
}

/** A streaming md5 hasher for file bytes (feed it `file.stream()` chunks). */
export async function createMd5Hasher(): Promise<StreamingHasher> {
  const hasher = await createMD5();
  hasher.init();
  return wrap(hasher, 'md5');
}

/** A streaming xxh3-128 hasher, for verifying entries tagged `extra.alg: "XXH128"`. */
export async function createXxh128Hasher(): Promise<StreamingHasher> {
  const hasher = await createXXHash128();
  hasher.init();
  return wrap(hasher, 'xxh128');
}

export async function md5Base64(bytes: Uint8Array): Promise<string> {
  const hasher = await createMd5Hasher();
  hasher.update(bytes);
  return hasher.digestBase64();
}

export async function xxh128Base64(bytes: Uint8Array): Promise<string> {
  const hasher = await createXxh128Hasher();
  hasher.update(bytes);
  return hasher.digestBase64();
}

/**
 * How an entry's digest was made: a reference (digest is an ETag/URI, the bytes live
 * elsewhere), xxh3-128 when `extra.alg` is "XXH128", md5 otherwise (untagged or unknown alg,
 * as W&B reads it).
 */
export function entryDigestAlgorithm(entry: Pick<ManifestEntry, 'ref' | 'extra'>): EntryDigestAlgorithm {
  if (entry.ref !== undefined && entry.ref !== '') return 'reference';
  return entry.extra?.['alg'] === 'XXH128' ? 'xxh128' : 'md5';
}

/**
 * Lowercase hex md5 (or xxh3-128 for an XXH128 artifact) over the sorted (path, digest) pairs.
 * Only path and digest count. The input is sorted by code point first unless it already is
 * (checked in O(n)).
 */
export async function artifactDigest(
  entries: readonly { path: string; digest: string }[],
  algorithm: 'md5' | 'xxh128' = 'md5',
): Promise<string> {
  const sorted = isSortedByCodePoint(entries, (entry) => entry.path)
    ? entries
    : sortByCodePoint([...entries], (entry) => entry.path);
  const hasher = algorithm === 'xxh128' ? await createXXHash128() : await createMD5();
  hasher.init();
  const encoder = new TextEncoder();
  hasher.update(encoder.encode(MANIFEST_DIGEST_HEADER));
  for (let start = 0; start < sorted.length; start += ENTRIES_PER_CHUNK) {
    const end = Math.min(start + ENTRIES_PER_CHUNK, sorted.length);
    let text = '';
    for (let i = start; i < end; i++) {
      const entry = sorted[i];
      if (entry !== undefined) text += `${entry.path}:${entry.digest}\n`;
    }
    hasher.update(encoder.encode(text));
  }
  return hasher.digest('hex');
}
