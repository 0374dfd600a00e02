import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from './errors';
import { normaliseEntries, parseManifest, serializeManifest } from './manifest';
import { compareCodePoints, normalisePath } from './paths';
import type { JsonObject, ManifestEntry } from './types';

const md5 = fc.uint8Array({ minLength: 16, maxLength: 16 }).map((bytes) => Buffer.from(bytes).toString('base64'));
const segment = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 6 }).filter((s) => !/[/\\\p{Cc}]/u.test(s) && s !== '.' && s !== '..' && !/^[A-Za-z]:/.test(s));
const path = fc.array(segment, { minLength: 1, maxLength: 3 }).map((s) => s.join('/'));
const entry: fc.Arbitrary<ManifestEntry> = fc.record(
  { path, digest: md5, size: fc.nat({ max: 2 ** 40 }), extra: fc
      .dictionary(fc.string({ minLength: 1, maxLength: 4 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 2 })
      .map((d) => JSON.parse(JSON.stringify(d)) as JsonObject) },
  { requiredKeys: ['path', 'digest'] },
);
const entries = fc.uniqueArray(entry, { selector: (e) => e.path, maxLength: 20 });

function attempt<T>(fn: () => T): { ok: true; value: T } | { ok: false; error: unknown } {
  try {
    return { ok: true, value: fn() };
  } catch (error) {
    return { ok: false, error };
  }
}

describe('manifest parser (properties)', () => {
  it('round-trips: parse(serialize(entries)) equals the normalised entries, sorted by code point', () => {
    fc.assert(
      fc.property(entries, (list) => {
        const normal = normaliseEntries(list);
        const parsed = parseManifest(serializeManifest(normal));
        expect(parsed).toEqual(normal);
        expect(serializeManifest(parsed)).toBe(serializeManifest(normal));
        const paths = parsed.map((e) => e.path);
        expect([...paths].sort(compareCodePoints)).toEqual(paths);
      }),
      { numRuns: 500 },
    );
  });

  it('throws nothing but AppError("invalid-manifest") for any JSON text, any value, or a truncated manifest', () => {
    const truncated = entries.chain((list) => {
      const text = serializeManifest(normaliseEntries(list));
      return fc.nat({ max: Math.max(0, text.length - 1) }).map((n) => text.slice(0, n));
    });
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 60 }), fc.json(), fc.jsonValue().map((v) => ({ version: 1, contents: v })), truncated, fc.anything()), (input) => {
        const result = attempt(() => parseManifest(input));
        if (result.ok) return;
        expect(result.error).toBeInstanceOf(AppError);
        expect((result.error as AppError).code).toBe('invalid-manifest');
      }),
      { numRuns: 3000 },
    );
  });

  it('never accepts a bad path or a bad digest inside contents, and names its JSON path', () => {
    const badPath = fc.constantFrom('', '.', '..', '../x', 'a/../b', '/abs', '\\abs', 'C:/x', 'a\0b', 'a\nb', '\ud800', 'a\\..\\b');
    const badDigest = fc.oneof(fc.constant(''), fc.string({ maxLength: 23 }), md5.map((d) => `${d}A`), fc.integer(), fc.constant(null));
    fc.assert(
      fc.property(fc.oneof(badPath.map((p) => ({ key: p, digest: 'CY9rzUYh03PK3k6DJie09g==' })), fc.tuple(path, badDigest).map(([p, d]) => ({ key: p, digest: d }))), ({ key, digest }) => {
        const result = attempt(() => parseManifest({ version: 1, contents: { [key]: { digest } } }));
        expect(result.ok).toBe(false);
        if (!result.ok) {
          expect((result.error as AppError).code).toBe('invalid-manifest');
          expect((result.error as AppError).message).toContain(`$.contents[${JSON.stringify(key)}]`);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('every accepted manifest has normalised, unique paths', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ maxLength: 8 }), fc.record({ digest: md5 }), { maxKeys: 8 }), (contents) => {
        const result = attempt(() => parseManifest({ version: 1, contents }));
        if (!result.ok) return;
        const paths = result.value.map((e) => e.path);
        expect(new Set(paths).size).toBe(paths.length);
        for (const p of paths) expect(normalisePath(p)).toBe(p);
      }),
      { numRuns: 2000 },
    );
  });
});
