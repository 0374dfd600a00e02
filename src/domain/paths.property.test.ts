import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from './errors';
import { compareCodePoints, normalisePath } from './paths';

/** Strings of any UTF-16 units (lone surrogates, controls, "/", "\", "." included). */
const anyString = fc.string({ unit: 'binary', maxLength: 40 });
/** Strings built mostly from the characters paths trip over. */
const pathish = fc
  .array(fc.constantFrom('a', 'b', '.', '..', '/', '\\', '//', './', 'C:', ' ', '\0', '\u001f', '\ud800', 'é', '😀', '\u007f'), { maxLength: 12 })
  .map((parts) => parts.join(''));

function attempt(fn: () => string): { ok: true; value: string } | { ok: false; error: unknown } {
  try {
    return { ok: true, value: fn() };
  } catch (error) {
    return { ok: false, error };
  }
}

describe('normalisePath (properties)', () => {
  it('throws nothing but AppError("invalid-path"), with a message that quotes the path', () => {
    fc.assert(
      fc.property(fc.oneof(anyString, pathish), (input) => {
        const result = attempt(() => normalisePath(input));
        if (result.ok) return;
        expect(result.error).toBeInstanceOf(AppError);
        expect((result.error as AppError).code).toBe('invalid-path');
        expect((result.error as AppError).message).toMatch(/^path ".*" /s);
      }),
      { numRuns: 3000 },
    );
  });

  it('never accepts what the rules refuse: the result has no empty, ".", ".." segment, controls, surrogates, leading "/" "\\" or drive letter', () => {
    fc.assert(
      fc.property(fc.oneof(anyString, pathish), (input) => {
        const result = attempt(() => normalisePath(input));
        if (!result.ok) return;
        const path = result.value;
        expect(path).not.toBe('');
        expect(path.startsWith('/') || path.startsWith('\\')).toBe(false);
        expect(/^[A-Za-z]:/.test(path)).toBe(false);
        expect(/\p{Cc}|\p{Cs}/u.test(path)).toBe(false);
        for (const segment of path.split('/')) {
          expect(['', '.', '..']).not.toContain(segment);
          expect(segment.split('\\')).not.toContain('..');
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('is idempotent and keeps the segments (round trip of what it accepts)', () => {
    fc.assert(
      fc.property(fc.oneof(anyString, pathish), (input) => {
        const result = attempt(() => normalisePath(input));
        if (!result.ok) return;
        expect(normalisePath(result.value)).toBe(result.value);
        expect(result.value.split('/')).toEqual(input.split('/').filter((s) => s !== '' && s !== '.'));
      }),
      { numRuns: 3000 },
    );
  });

  it('accepts every path made of ordinary segments, unchanged', () => {
    const segment = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }).filter((s) => !/[/\\\p{Cc}]/u.test(s) && s !== '.' && s !== '..');
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 5 }), (segments) => {
        const path = segments.join('/');
        fc.pre(!/^[A-Za-z]:/.test(path));
        expect(normalisePath(path)).toBe(path);
        expect(normalisePath(`./${segments.join('//')}/`)).toBe(path);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('compareCodePoints (properties)', () => {
  it('orders like UTF-8 bytes, antisymmetric and zero only for equal strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 6 }), fc.string({ unit: 'grapheme', maxLength: 6 }), (a, b) => {
        const bytes = Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
        expect(Math.sign(compareCodePoints(a, b)) + 0).toBe(bytes + 0);
        expect(Math.sign(compareCodePoints(b, a)) + 0).toBe(-bytes + 0);
      }),
      { numRuns: 3000 },
    );
  });
});
