import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fakeDigest, makeEntry, makeManifest } from '../test/builders';
import { artifactDigest, md5Base64 } from './digest';
import { AppError } from './errors';
import { normaliseEntries, parseManifest, serializeManifest } from './manifest';
import { compareCodePoints } from './paths';
import type { JsonObject, ManifestEntry } from './types';
import { errorOf, expectRefusal } from '../test/app-error';

const HELLO = 'XUFAKrxLKna5cZ2REBfFkg==';
const SPEC_EXAMPLE = `{"version": 1,
 "storagePolicy": "wandb-storage-policy-v1",
 "storagePolicyConfig": {"storageLayout": "V2"},
 "contents": {"a.txt": {"digest": "sZRqySSS0jR8YjW00mERhA==", "size": 6},
              "b/c.txt": {"digest": "WReFt5RgHiErJg4lklY2/Q==", "size": 6}}}`;

/** A manifest object with the given contents, for refusal cases. */
function manifestWith(contents: unknown, rest: Record<string, unknown> = {}): Record<string, unknown> {
  return { version: 1, storagePolicy: 'wandb-storage-policy-v1', storagePolicyConfig: { storageLayout: 'V2' }, contents, ...rest };
}

describe('parseManifest', () => {
  it('reads the wandb-spec §1 example', () => {
    expect(parseManifest(SPEC_EXAMPLE)).toEqual([
      { path: 'a.txt', digest: 'sZRqySSS0jR8YjW00mERhA==', size: 6 },
      { path: 'b/c.txt', digest: 'WReFt5RgHiErJg4lklY2/Q==', size: 6 },
    ]);
  });

  it('accepts an already parsed value', () => {
    expect(parseManifest(JSON.parse(SPEC_EXAMPLE))).toEqual(parseManifest(SPEC_EXAMPLE));
  });

  it('ignores unknown keys at every level and keeps extra as given', () => {
    const manifest = manifestWith(
      {
        'x.bin': {
          digest: HELLO,
          size: 5,
          local_path: '/tmp/staging/x.bin',
          skip_cache: true,
          path: 'ignored',
          future: { nested: 1 },
          extra: { versionID: 'v7', custom: [1, 2] },
        },
      },
      { future: 'field', storagePolicy: 'something-else', storagePolicyConfig: { storageLayout: 'V1', storageRegion: 'x' } },
    );
    expect(parseManifest(manifest)).toEqual([
      { path: 'x.bin', digest: HELLO, size: 5, extra: { versionID: 'v7', custom: [1, 2] } },
    ]);
  });

  it('keeps reference digests as given and reads every entry field', () => {
    const manifest = manifestWith({
      'file1.txt': { digest: 'abc', ref: 'https://example.com/file1.txt', size: 256, extra: { etag: '"abc"' } },
      'model.pt': { digest: 's3://bucket/model.pt', ref: 's3://bucket/model.pt' },
      'born.txt': { digest: HELLO, birthArtifactID: 'QXJ0aWZhY3Q6MQ==', size: 5 },
      'fast.bin': { digest: 'tenBrQcbPn/Hec+qXlI4GA==', size: 5, extra: { alg: 'XXH128' } },
    });
    expect(parseManifest(manifest)).toEqual([
      { path: 'born.txt', digest: HELLO, birthArtifactID: 'QXJ0aWZhY3Q6MQ==', size: 5 },
      { path: 'fast.bin', digest: 'tenBrQcbPn/Hec+qXlI4GA==', size: 5, extra: { alg: 'XXH128' } },
      { path: 'file1.txt', digest: 'abc', ref: 'https://example.com/file1.txt', size: 256, extra: { etag: '"abc"' } },
      { path: 'model.pt', digest: 's3://bucket/model.pt', ref: 's3://bucket/model.pt' },
    ]);
  });

  it('drops empty and null fields, so they round-trip as absent', () => {
    const manifest = manifestWith({ 'a.txt': { digest: HELLO, size: null, ref: null, birthArtifactID: '', extra: {} } });
    const [entry] = parseManifest(manifest);
    expect(entry).toStrictEqual({ path: 'a.txt', digest: HELLO });
  });

  it('normalises paths and returns entries in code-point order', () => {
    const contents: Record<string, unknown> = {};
    for (const key of ['./b//c.txt', '\u{1F600}.txt', '\uFF5E.txt', '10', '9', 'a.txt', 'a/b', 'a-b', 'a']) {
      contents[key] = { digest: fakeDigest(key) };
    }
    const paths = parseManifest(manifestWith(contents)).map((entry) => entry.path);
    expect(paths).toEqual(['10', '9', 'a', 'a-b', 'a.txt', 'a/b', 'b/c.txt', '\uFF5E.txt', '\u{1F600}.txt']);
  });

  it('collapses two keys naming the same path with the same digest, refuses different digests', () => {
    expect(parseManifest(manifestWith({ 'a/b': { digest: HELLO }, 'a//b': { digest: HELLO } }))).toEqual([
      { path: 'a/b', digest: HELLO },
    ]);
    expectRefusal(
      () => parseManifest(manifestWith({ 'a/b': { digest: HELLO }, './a/b': { digest: fakeDigest(1) } })),
      'invalid-manifest',
      '$.contents["a/b"] and $.contents["./a/b"] both name path "a/b" with different digests',
    );
  });

  it.each([
    ['not json', 'manifest is not valid JSON: '],
    ['[]', '$ must be an object (got an array)'],
    ['null', '$ must be an object (got null)'],
    ['{"contents": {}}', '$.version must be 1 (got missing); only manifest version 1 is supported'],
    ['{"version": 2, "contents": {}}', '$.version must be 1 (got 2); only manifest version 1 is supported'],
    ['{"version": "1", "contents": {}}', '$.version must be 1 (got "1"); only manifest version 1 is supported'],
    ['{"version": 1}', '$.contents must be an object (got missing)'],
    ['{"version": 1, "contents": []}', '$.contents must be an object (got an array)'],
  ])('refuses the document %s', (text, message) => {
    const error = errorOf(() => parseManifest(text));
    expect(error.code).toBe('invalid-manifest');
    expect(error.message.startsWith(message)).toBe(true);
    if (!message.endsWith(': ')) expect(error.message).toBe(message);
  });

  it.each([
    [{ 'a.txt': 'x' }, '$.contents["a.txt"] must be an object (got "x")'],
    [{ 'a.txt': { size: 1 } }, '$.contents["a.txt"].digest must be a string (got missing)'],
    [{ 'a.txt': { digest: 5 } }, '$.contents["a.txt"].digest must be a string (got 5)'],
    [{ 'a.txt': { digest: '' } }, '$.contents["a.txt"].digest may not be empty'],
    [{ 'a.txt': { digest: HELLO, size: -1 } }, '$.contents["a.txt"].size must be a non-negative integer (got -1)'],
    [{ 'a.txt': { digest: HELLO, size: 1.5 } }, '$.contents["a.txt"].size must be a non-negative integer (got 1.5)'],
    [{ 'a.txt': { digest: HELLO, size: '5' } }, '$.contents["a.txt"].size must be a non-negative integer (got "5")'],
    [{ 'a.txt': { digest: HELLO, ref: 5 } }, '$.contents["a.txt"].ref must be a string (got 5)'],
    [{ 'a.txt': { digest: HELLO, birthArtifactID: 1 } }, '$.contents["a.txt"].birthArtifactID must be a string (got 1)'],
    [{ 'a.txt': { digest: HELLO, extra: [1] } }, '$.contents["a.txt"].extra must be an object (got an array)'],
    [
      { 'a.txt': { digest: 'abc' } },
      '$.contents["a.txt"].digest must be a base64 md5 digest (24 characters encoding 16 bytes) (got "abc")',
    ],
    [
      { 'a.txt': { digest: 'XUFAKrxLKna5cZ2REBfFkg=' } },
      '$.contents["a.txt"].digest must be a base64 md5 digest (24 characters encoding 16 bytes) (got "XUFAKrxLKna5cZ2REBfFkg=")',
    ],
    [
      // 24 characters, but the last data character has bits set beyond byte 16
      { 'a.txt': { digest: 'XUFAKrxLKna5cZ2REBfFkh==' } },
      '$.contents["a.txt"].digest must be a base64 md5 digest (24 characters encoding 16 bytes) (got "XUFAKrxLKna5cZ2REBfFkh==")',
    ],
    [
      { 'a.txt': { digest: '5d41402abc4b2a76b9719d911017c592' } },
      '$.contents["a.txt"].digest must be a base64 md5 digest (24 characters encoding 16 bytes) (got "5d41402abc4b2a76b9719d911017c592")',
    ],
    [
      { 'a.txt': { digest: 'short', extra: { alg: 'XXH128' } } },
      '$.contents["a.txt"].digest must be a base64 XXH128 digest (24 characters encoding 16 bytes) (got "short")',
    ],
    [{ '../a': { digest: HELLO } }, '$.contents["../a"] has an invalid path: path "../a" may not contain a ".." segment'],
    [{ '/etc/passwd': { digest: HELLO } }, '$.contents["/etc/passwd"] has an invalid path: path "/etc/passwd" may not start with "/" (paths are relative)'],
    [{ '': { digest: HELLO } }, '$.contents[""] has an invalid path: path "" may not be empty'],
    [{ 'a"b': { digest: 7 } }, '$.contents["a\\"b"].digest must be a string (got 7)'],
  ])('refuses the contents %j', (contents, message) => {
    expectRefusal(() => parseManifest(manifestWith(contents)), 'invalid-manifest', message);
  });

  it('refuses non-JSON values in extra when given an object, naming their path', () => {
    expectRefusal(
      () => parseManifest(manifestWith({ 'a.txt': { digest: HELLO, extra: { when: new Date(0), n: Infinity } } })),
      'invalid-manifest',
      '$.contents["a.txt"].extra.when is a Date, which is not a JSON value',
    );
  });

  it('never throws anything but AppError on random input', () => {
    const entryLike = fc.record(
      {
        digest: fc.oneof(fc.constant(HELLO), fc.string(), fc.integer()),
        size: fc.oneof(fc.nat(), fc.integer(), fc.double(), fc.string()),
        ref: fc.oneof(fc.string(), fc.constant(null)),
        extra: fc.oneof(fc.dictionary(fc.string(), fc.jsonValue()), fc.constant({ alg: 'XXH128' }), fc.anything()),
      },
      { requiredKeys: [] },
    );
    const documents = fc.oneof(
      fc.string(),
      fc.jsonValue(),
      fc.dictionary(fc.string(), fc.oneof(entryLike, fc.anything())).map((contents) => manifestWith(contents)),
      fc.anything().map((contents) => manifestWith(contents)),
    );
    fc.assert(
      fc.property(documents, (document) => {
        try {
          const entries = parseManifest(document);
          expect(normaliseEntries(entries)).toEqual(entries);
        } catch (error) {
          expect(error).toBeInstanceOf(AppError);
          expect(['invalid-manifest']).toContain((error as AppError).code);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe('serializeManifest', () => {
  it('writes the W&B shape: 4-space indent, fixed key order, empty fields omitted', () => {
    const text = serializeManifest([
      { path: 'b/c.txt', digest: 'WReFt5RgHiErJg4lklY2/Q==', size: 6 },
      { path: 'a.txt', digest: 'sZRqySSS0jR8YjW00mERhA==', size: 6, extra: {}, ref: '' },
      {
        path: 'ref.csv',
        digest: 'abc',
        size: 256,
        extra: { etag: '"abc"' },
        ref: 'https://example.com/ref.csv',
        birthArtifactID: 'QXJ0aWZhY3Q6MQ==',
      },
    ]);
    expect(text).toBe(
      [
        '{',
        '    "version": 1,',
        '    "storagePolicy": "wandb-storage-policy-v1",',
        '    "storagePolicyConfig": {',
        '        "storageLayout": "V2"',
        '    },',
        '    "contents": {',
        '        "a.txt": {',
        '            "digest": "sZRqySSS0jR8YjW00mERhA==",',
        '            "size": 6',
        '        },',
        '        "b/c.txt": {',
        '            "digest": "WReFt5RgHiErJg4lklY2/Q==",',
        '            "size": 6',
        '        },',
        '        "ref.csv": {',
        '            "digest": "abc",',
        '            "ref": "https://example.com/ref.csv",',
        '            "birthArtifactID": "QXJ0aWZhY3Q6MQ==",',
        '            "size": 256,',
        '            "extra": {',
        '                "etag": "\\"abc\\""',
        '            }',
        '        }',
        '    }',
        '}',
      ].join('\n'),
    );
  });

  it('writes an empty manifest with empty contents', () => {
    const text = serializeManifest([]);
    expect(JSON.parse(text)).toEqual({
      version: 1,
      storagePolicy: 'wandb-storage-policy-v1',
      storagePolicyConfig: { storageLayout: 'V2' },
      contents: {},
    });
    expect(text.endsWith('"contents": {}\n}')).toBe(true);
    expect(parseManifest(text)).toEqual([]);
  });

  it('escapes non-ASCII like Python ensure_ascii, and keeps code-point order for integer-like paths', () => {
    const text = serializeManifest([
      makeEntry({ path: '\u{1F600}.txt' }),
      makeEntry({ path: '\uFF5E.txt' }),
      makeEntry({ path: 'données/été.csv' }),
      makeEntry({ path: '9' }),
      makeEntry({ path: '10' }),
    ]);
    expect(text).toMatch(/^[\x20-\x7e\n]*$/);
    expect(text).toContain('"\\ud83d\\ude00.txt": {');
    expect(text).toContain('"\\uff5e.txt": {');
    expect(text).toContain('"donn\\u00e9es/\\u00e9t\\u00e9.csv": {');
    const order = [...text.matchAll(/^ {8}"(.*)": \{$/gm)].map((match) => JSON.parse(`"${match[1] ?? ''}"`) as string);
    expect(order).toEqual(['10', '9', 'donn\u00e9es/\u00e9t\u00e9.csv', '\uFF5E.txt', '\u{1F600}.txt']);
  });

  it('validates before writing', () => {
    expectRefusal(() => serializeManifest([makeEntry({ path: '../x' })]), 'invalid-path', 'path "../x" may not contain a ".." segment');
    expectRefusal(
      () => serializeManifest([makeEntry({ path: 'a', digest: 'nope' })]),
      'invalid-manifest',
      'entries[0] ("a").digest must be a base64 md5 digest (24 characters encoding 16 bytes) (got "nope")',
    );
  });

  it('the written manifest has the same artifact digest as the entries', async () => {
    const hello = await md5Base64(new TextEncoder().encode('hello'));
    const entries = [{ path: 'file1.txt', digest: hello, size: 5 }];
    const parsed = parseManifest(serializeManifest(entries));
    expect(await artifactDigest(parsed)).toBe('a00c2239f036fb656c1dcbf9a32d89b4');
  });
});

describe('round trip', () => {
  const pathArb = fc
    .array(fc.oneof(fc.string({ minLength: 1, maxLength: 8, unit: 'grapheme' }), fc.constantFrom('__proto__', '10', 'é', '\u{1F600}', 'a b')), {
      minLength: 1,
      maxLength: 4,
    })
    .map((segments) => segments.join('/'));
  const base64Digest = fc.integer().map((seed) => fakeDigest(seed));
  const extraArb = fc.dictionary(fc.string(), fc.jsonValue()) as fc.Arbitrary<JsonObject>;
  const entryArb = fc.oneof(
    fc.record(
      { path: pathArb, digest: base64Digest, size: fc.nat(), birthArtifactID: fc.string(), extra: extraArb },
      { requiredKeys: ['path', 'digest'] },
    ),
    fc.record(
      { path: pathArb, digest: fc.string({ minLength: 1 }), ref: fc.webUrl(), size: fc.nat(), extra: extraArb },
      { requiredKeys: ['path', 'digest', 'ref'] },
    ),
  );

  it('parse(serialize(x)) equals x for normalised entries', () => {
    fc.assert(
      fc.property(fc.array(entryArb, { maxLength: 20 }), (raw) => {
        let entries: ManifestEntry[];
        try {
          entries = normaliseEntries(raw);
        } catch (error) {
          // random paths may be invalid or collide with different digests
          expect(error).toBeInstanceOf(AppError);
          expect(['invalid-path', 'duplicate-path']).toContain((error as AppError).code);
          return;
        }
        const text = serializeManifest(entries);
        expect(parseManifest(text)).toEqual(entries);
        expect(serializeManifest(parseManifest(text))).toBe(text);
      }),
      { numRuns: 300 },
    );
  });

  it('round-trips a "__proto__" path without touching prototypes', () => {
    const entries = [makeEntry({ path: '__proto__' }), makeEntry({ path: 'a/__proto__' })];
    const parsed = parseManifest(serializeManifest(entries));
    expect(parsed).toEqual(normaliseEntries(entries));
    expect(({} as Record<string, unknown>)['digest']).toBeUndefined();
  });

  it('handles 100k entries (timings reported)', () => {
    const entries = makeManifest(100_000, 5);
    let started = performance.now();
    const text = serializeManifest(entries);
    const serializeMs = performance.now() - started;
    started = performance.now();
    const parsed = parseManifest(text);
    const parseMs = performance.now() - started;
    started = performance.now();
    normaliseEntries(entries);
    const normaliseMs = performance.now() - started;
    console.info(
      `manifest 100k: serialize ${serializeMs.toFixed(0)} ms, parse ${parseMs.toFixed(0)} ms, normaliseEntries ${normaliseMs.toFixed(0)} ms, ${(text.length / 1e6).toFixed(1)} MB`,
    );
    expect(parsed).toEqual(entries);
    expect(serializeMs + parseMs).toBeLessThan(5000);
  });
});

describe('normaliseEntries', () => {
  it('normalises paths, drops empty fields and sorts by code point', () => {
    const result = normaliseEntries([
      { path: './z//y/', digest: HELLO, size: 5, extra: {} },
      { path: '\u{1F600}', digest: HELLO, ref: '' },
      { path: '\uFF5E', digest: HELLO, birthArtifactID: '' },
    ]);
    expect(result).toStrictEqual([
      { path: 'z/y', digest: HELLO, size: 5 },
      { path: '\uFF5E', digest: HELLO },
      { path: '\u{1F600}', digest: HELLO },
    ]);
    expect(result.map((entry) => entry.path)).toEqual(result.map((entry) => entry.path).sort(compareCodePoints));
  });

  it('keeps the first of two entries with the same path and digest', () => {
    expect(
      normaliseEntries([
        { path: 'a', digest: HELLO, size: 5 },
        { path: 'b', digest: HELLO },
        { path: './a', digest: HELLO, size: 999 },
      ]),
    ).toEqual([
      { path: 'a', digest: HELLO, size: 5 },
      { path: 'b', digest: HELLO },
    ]);
  });

  it('refuses the same path with different digests', () => {
    expectRefusal(
      () => normaliseEntries([makeEntry({ path: 'x/a.txt' }), makeEntry({ path: 'b' }), { path: 'x//a.txt', digest: HELLO }]),
      'duplicate-path',
      `path "x/a.txt" appears twice with different digests (${JSON.stringify(fakeDigest('x/a.txt'))} in entries[0], "${HELLO}" in entries[2]); a path may hold only one file`,
    );
  });

  it.each([
    [{ path: '', digest: HELLO }, 'invalid-path', 'path "" may not be empty'],
    [{ path: 'C:/x', digest: HELLO }, 'invalid-path', 'path "C:/x" may not start with a drive letter like "C:"'],
    [{ path: 'a', digest: HELLO, size: -5 }, 'invalid-manifest', 'entries[0] ("a").size must be a non-negative integer (got -5)'],
    [{ path: 'a', digest: HELLO, size: Number.NaN }, 'invalid-manifest', 'entries[0] ("a").size must be a non-negative integer (got NaN)'],
    [{ path: 'a', digest: '' }, 'invalid-manifest', 'entries[0] ("a").digest may not be empty'],
  ] as const)('refuses %j', (entry, code, message) => {
    expectRefusal(() => normaliseEntries([entry]), code, message);
  });

  it('returns sorted input unchanged', () => {
    const entries = makeManifest(1000, 3);
    expect(normaliseEntries(entries)).toEqual(entries);
  });
});
