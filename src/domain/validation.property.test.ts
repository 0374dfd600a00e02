import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from './errors';
import type { AppErrorCode } from './errors';
import {
  MAX_METADATA_KEYS,
  MAX_NAME_LENGTH,
  validateAlias,
  validateAliases,
  validateArtifactName,
  validateArtifactType,
  validateMetadata,
  validateProjectName,
  validateTag,
  validateTags,
} from './validation';

const anyString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 140 }),
  fc.array(fc.constantFrom('a', 'Z', '0', '-', '_', '.', ' ', '/', ':', '\0', '\n', '\ud800', 'v', '1', 'latest', 'é', '😀'), { maxLength: 20 }).map((p) => p.join('')),
);
const anyValue = fc.oneof(anyString, fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.array(fc.string()), fc.object());

function attempt<T>(fn: () => T): { ok: true; value: T } | { ok: false; error: unknown } {
  try {
    return { ok: true, value: fn() };
  } catch (error) {
    return { ok: false, error };
  }
}

function expectAppError(error: unknown, code: AppErrorCode): void {
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  expect((error as AppError).message.length).toBeGreaterThan(10);
}

const codePoints = (s: string) => [...s].length;

describe('name, type, alias and tag validators (properties)', () => {
  it('artifact and project names: only AppError("invalid-name"); accepted = ^[A-Za-z0-9_.-]{1,128}$ but "." and "..", returned unchanged', () => {
    fc.assert(
      fc.property(anyValue, (input) => {
        for (const validate of [validateArtifactName, validateProjectName]) {
          const result = attempt(() => validate(input));
          const valid = typeof input === 'string' && /^[A-Za-z0-9_.-]+$/.test(input) && input.length <= MAX_NAME_LENGTH && input !== '.' && input !== '..';
          if (result.ok) {
            expect(valid).toBe(true);
            expect(result.value).toBe(input);
          } else {
            expect(valid).toBe(false);
            expectAppError(result.error, 'invalid-name');
          }
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('aliases: only AppError("invalid-alias"); never accepts latest, vN, "/", ":", blanks, edges of whitespace, controls, surrogates or >128', () => {
    fc.assert(
      fc.property(anyValue, (input) => {
        const result = attempt(() => validateAlias(input));
        if (!result.ok) return expectAppError(result.error, 'invalid-alias');
        const alias = result.value;
        expect(alias).toBe(input);
        expect(alias).not.toBe('latest');
        expect(/^v\d+$/.test(alias)).toBe(false);
        expect(/[/:]|\p{Cc}|\p{Cs}/u.test(alias)).toBe(false);
        expect(alias.trim()).toBe(alias);
        expect(alias).not.toBe('');
        expect(codePoints(alias)).toBeLessThanOrEqual(MAX_NAME_LENGTH);
        expect(validateAlias(alias)).toBe(alias); // round trip
      }),
      { numRuns: 3000 },
    );
  });

  it('alias lists: deduplicated in order, each alias valid, or one AppError', () => {
    fc.assert(
      fc.property(fc.array(anyString, { maxLength: 6 }), (list) => {
        const result = attempt(() => validateAliases(list));
        if (!result.ok) return expectAppError(result.error, 'invalid-alias');
        expect(result.value).toEqual([...new Set(list)]);
        expect(validateAliases(result.value)).toEqual(result.value);
      }),
    );
  });

  it('artifact types: only AppError("invalid-type"); never "job", "wandb-…", "/" or ":"', () => {
    fc.assert(
      fc.property(anyValue, (input) => {
        const result = attempt(() => validateArtifactType(input));
        if (!result.ok) return expectAppError(result.error, 'invalid-type');
        expect(result.value).not.toBe('job');
        expect(result.value.startsWith('wandb-')).toBe(false);
        expect(/[/:]|\p{Cc}|\p{Cs}/u.test(result.value)).toBe(false);
        expect(validateArtifactType(result.value)).toBe(result.value);
      }),
      { numRuns: 3000 },
    );
  });

  it('tags: only AppError("invalid-tag"); accepted = words of letters/digits/_/- separated by spaces; lists dedupe', () => {
    fc.assert(
      fc.property(anyValue, (input) => {
        const result = attempt(() => validateTag(input));
        if (!result.ok) return expectAppError(result.error, 'invalid-tag');
        expect(/^[-\p{L}\p{N}_]+( +[-\p{L}\p{N}_]+)*$/u.test(result.value)).toBe(true);
        expect(validateTags([result.value, result.value])).toEqual([result.value]);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('validateMetadata (properties)', () => {
  const jsonLike = fc.jsonValue({ maxDepth: 4 });

  it('only AppError("invalid-metadata"); accepts exactly the plain objects with ≤ 100 keys; the result survives a JSON round trip', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.oneof(jsonLike, fc.dictionary(fc.string(), jsonLike, { maxKeys: 120 })).map((value) => ({ value, json: true })),
          anyValue.map((value) => ({ value, json: false })),
        ),
        ({ value: input, json }) => {
        const result = attempt(() => validateMetadata(input));
        const isObject = typeof input === 'object' && input !== null && !Array.isArray(input);
        if (!result.ok) {
          expectAppError(result.error, 'invalid-metadata');
          // The only way a JSON object is refused: too many keys.
          if (isObject && json) expect(Object.keys(input).length).toBeGreaterThan(MAX_METADATA_KEYS);
          return;
        }
        expect(isObject).toBe(true);
        expect(Object.keys(result.value).length).toBeLessThanOrEqual(MAX_METADATA_KEYS);
        const text = JSON.stringify(result.value);
        expect(JSON.parse(text)).toEqual(result.value);
        expect(validateMetadata(JSON.parse(text))).toEqual(result.value);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('refuses ±Infinity anywhere and turns NaN into null', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 4 }), fc.constantFrom(Infinity, -Infinity, NaN), (keys, bad) => {
        let value: unknown = bad;
        for (const key of [...keys].reverse()) value = { [key]: value };
        const result = attempt(() => validateMetadata(value));
        if (Number.isNaN(bad)) {
          expect(result.ok).toBe(true);
          expect(JSON.stringify(result.ok ? result.value : null)).toContain('null');
        } else {
          expect(result.ok).toBe(false);
          if (!result.ok) {
            expectAppError(result.error, 'invalid-metadata');
            expect((result.error as AppError).message).toContain('Infinity is not allowed');
          }
        }
      }),
    );
  });
});
