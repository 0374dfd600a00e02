import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { makeManifest, seededRandom } from '../test/builders';
import {
  artifactDigest,
  bytesToBase64,
  createMd5Hasher,
  createXxh128Hasher,
  entryDigestAlgorithm,
  md5Base64,
  xxh128Base64,
} from './digest';
import { AppError } from './errors';
import { compareCodePoints } from './paths';
import type { ManifestEntry } from './types';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/** Builds the entries of an artifact from file contents, hashing them like an upload would. */
async function entriesOf(
  files: Record<string, string>,
  hash: (bytes: Uint8Array) => Promise<string> = md5Base64,
): Promise<{ path: string; digest: string }[]> {
  return Promise.all(Object.entries(files).map(async ([path, text]) => ({ path, digest: await hash(utf8(text)) })));
}

describe('entry digests (wandb-spec §2 public vectors)', () => {
  it.each([
    ['hello', 'XUFAKrxLKna5cZ2REBfFkg=='],
    ['', '1B2M2Y8AsgTpgAmY7PhCfg=='],
  ])('md5 of %j is %s', async (text, expected) => {
    expect(await md5Base64(utf8(text))).toBe(expected);
  });

  it('xxh128 of "hello" is the vector W&B asserts', async () => {
    expect(await xxh128Base64(utf8('hello'))).toBe('tenBrQcbPn/Hec+qXlI4GA==');
  });

  it('the streaming hasher gives the same digest however the bytes are chunked', async () => {
    const bytes = new Uint8Array(1_000_003).map((_, i) => (i * 31) % 251);
    const whole = await md5Base64(bytes);
    const hasher = await createMd5Hasher();
    for (let offset = 0; offset < bytes.length; offset += 65_536) hasher.update(bytes.subarray(offset, offset + 65_536));
    expect(hasher.digestBase64()).toBe(whole);
    expect(whole).toBe(createHash('md5').update(bytes).digest('base64'));
  });

  it('a finished hasher refuses more work', async () => {
    for (const create of [createMd5Hasher, createXxh128Hasher]) {
      const hasher = await create();
      hasher.update(utf8('x'));
      hasher.digestBase64();
      expect(() => hasher.update(utf8('y'))).toThrow(AppError);
      expect(() => hasher.digestBase64()).toThrow(AppError);
    }
  });

  it('bytesToBase64 matches standard padded base64 for every remainder length', () => {
    for (let length = 0; length < 40; length++) {
      const bytes = new Uint8Array(length).map((_, i) => (i * 97 + 200) % 256);
      expect(bytesToBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
    }
  });
});

describe('artifactDigest (wandb-spec §2 public vectors)', () => {
  it.each([
    [{}, '64e7c61456b10382e2f3b571ac24b659'],
    [{ 'file1.txt': 'hello' }, 'a00c2239f036fb656c1dcbf9a32d89b4'],
    [{ 'great-file.txt': 'hello' }, '585b9ada17797e37c9cbab391e69b8c5'],
    [{ 'subdir/file1.txt': 'hello' }, 'a757208d042e8627b2970d72a71bed5b'],
    [{ 'file1.txt': 'hello', 'nest/file2.txt': 'my', 'nest/nest/file3.txt': 'dude' }, '72414374bfd4b0f60a116e7267845f71'],
    // Same files, given in another order: the digest sorts them.
    [{ 'nest/nest/file3.txt': 'dude', 'file1.txt': 'hello', 'nest/file2.txt': 'my' }, '72414374bfd4b0f60a116e7267845f71'],
  ])('md5 artifact %j is %s', async (files, expected) => {
    expect(await artifactDigest(await entriesOf(files))).toBe(expected);
  });

  it('the digest of no entries is the md5 of the header alone', async () => {
    expect(await artifactDigest([])).toBe(createHash('md5').update('wandb-artifact-manifest-v1\n').digest('hex'));
  });

  it('the http reference vector counts only path and digest (the ETag)', async () => {
    const entry: ManifestEntry = {
      path: 'file1.txt',
      digest: 'abc',
      ref: 'https://example.com/file1.txt',
      size: 256,
      extra: { etag: '"abc"' },
    };
    expect(await artifactDigest([entry])).toBe('48237ccc050a88af9dcd869dd5a7e9f4');
    const other: ManifestEntry = { ...entry, size: 1, extra: { etag: 'other' }, ref: 'https://elsewhere' };
    expect(await artifactDigest([other])).toBe('48237ccc050a88af9dcd869dd5a7e9f4');
  });

  it('the XXH128 vector: same formula, xxh3-128 over xxh128 entry digests', async () => {
    const entries = await entriesOf({ 'file1.txt': 'hello' }, xxh128Base64);
    expect(entries[0]?.digest).toBe('tenBrQcbPn/Hec+qXlI4GA==');
    const tagged = entries.map((entry) => ({ ...entry, extra: { alg: 'XXH128' } }));
    expect(await artifactDigest(tagged, 'xxh128')).toBe('fe0d6c1a25b6d98451da9b04ebf6d80c');
    // md5 over the same text is what an untagged reader would get: a different digest.
    expect(await artifactDigest(entries)).toBe(
      createHash('md5').update('wandb-artifact-manifest-v1\nfile1.txt:tenBrQcbPn/Hec+qXlI4GA==\n').digest('hex'),
    );
  });

  it('sorts by code point, not by UTF-16 unit', async () => {
    const digest = 'XUFAKrxLKna5cZ2REBfFkg==';
    const emoji = { path: '\u{1F600}.txt', digest };
    const tilde = { path: '\uFF5E.txt', digest };
    const expected = createHash('md5')
      .update(`wandb-artifact-manifest-v1\n${tilde.path}:${digest}\n${emoji.path}:${digest}\n`)
      .digest('hex');
    expect(await artifactDigest([emoji, tilde])).toBe(expected);
    expect(await artifactDigest([tilde, emoji])).toBe(expected);
    // What the default sort would hash instead:
    const utf16Order = createHash('md5')
      .update(`wandb-artifact-manifest-v1\n${emoji.path}:${digest}\n${tilde.path}:${digest}\n`)
      .digest('hex');
    expect(expected).not.toBe(utf16Order);
  });

  it('agrees with a plain node:crypto reference on a large manifest, sorted or shuffled', async () => {
    const entries = makeManifest(20_000, 7).map((entry, i) => ({ ...entry, path: `${i % 3 === 0 ? 'é' : 'a'}/${entry.path}` }));
    const sorted = [...entries].sort((a, b) => compareCodePoints(a.path, b.path));
    const reference = createHash('md5')
      .update(`wandb-artifact-manifest-v1\n${sorted.map((e) => `${e.path}:${e.digest}\n`).join('')}`)
      .digest('hex');
    expect(await artifactDigest(sorted)).toBe(reference);
    expect(await artifactDigest(entries)).toBe(reference);
    expect(await artifactDigest([...sorted].reverse())).toBe(reference);
  });

  it('hashes 100k entries quickly (target ≤ 100 ms; asserted with a generous bound)', async () => {
    const entries = makeManifest(100_000, 1);
    const random = seededRandom(3);
    const shuffled = [...entries];
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [shuffled[i], shuffled[j]] = [shuffled[j] as ManifestEntry, shuffled[i] as ManifestEntry];
    }
    await artifactDigest(entries.slice(0, 1000)); // warm up wasm and the JIT
    const timings: Record<string, number> = {};
    for (const [label, input] of [
      ['sorted', entries],
      ['unsorted', shuffled],
    ] as const) {
      let best = Infinity;
      for (let run = 0; run < 3; run++) {
        const started = performance.now();
        await artifactDigest(input);
        best = Math.min(best, performance.now() - started);
      }
      timings[label] = Math.round(best * 10) / 10;
    }
    console.info(`artifactDigest 100k entries: ${JSON.stringify(timings)} ms (best of 3)`);
    expect(timings['sorted']).toBeLessThan(1000);
    expect(timings['unsorted']).toBeLessThan(1000);
  });
});

describe('entryDigestAlgorithm', () => {
  it.each([
    [{}, 'md5'],
    [{ extra: { etag: 'x' } }, 'md5'],
    [{ extra: { alg: 'MD5' } }, 'md5'],
    [{ extra: { alg: 'SHA256' } }, 'md5'], // unknown algorithms read as MD5, as W&B does
    [{ extra: { alg: 'XXH128' } }, 'xxh128'],
    [{ ref: 's3://bucket/key' }, 'reference'],
    [{ ref: 's3://bucket/key', extra: { alg: 'XXH128' } }, 'reference'],
    [{ ref: '' }, 'md5'],
  ] as const)('%j → %s', (entry, expected) => {
    expect(entryDigestAlgorithm(entry)).toBe(expected);
  });
});
