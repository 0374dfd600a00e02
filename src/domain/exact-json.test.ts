import { describe, expect, it } from 'vitest';
import { AppError } from './errors';
import { isExactNumber, MAX_JSON_DEPTH, parseExactJson, scanJson, stringifyExactJson } from './exact-json';
import { diffJson } from './json-diff';
import { parseManifest, serializeManifest } from './manifest';
import type { JsonObject } from './types';
import { parseConfigText, parseMetadataText, validateMetadata } from './validation';

// Issue 22 item 5: numbers Python writes that a JS number cannot hold as written.
const TYPED = '{"run_id": 12345678901234567890, "small": 9007199254740993, "neg0": -0, "huge": 1e400, "float": 1.0, "plain": 3, "half": 0.5}';
const COMPACT = '{"run_id":12345678901234567890,"small":9007199254740993,"neg0":-0,"huge":1e400,"float":1.0,"plain":3,"half":0.5}';

describe('parseExactJson / stringifyExactJson', () => {
  it('keeps every number as written, and plain numbers as JS numbers', () => {
    const value = parseExactJson(TYPED, 'metadata', 'invalid-metadata') as JsonObject;
    expect(stringifyExactJson(value)).toBe(COMPACT);
    expect(value['plain']).toBe(3);
    expect(value['half']).toBe(0.5);
    for (const key of ['run_id', 'small', 'neg0', 'huge', 'float']) expect(isExactNumber(value[key]), key).toBe(true);
  });

  it('indents like JSON.stringify', () => {
    const value = parseExactJson('{"a": [1, 12345678901234567890], "b": {}}', 'x', 'invalid-json');
    expect(stringifyExactJson(value, 2)).toBe('{\n  "a": [\n    1,\n    12345678901234567890\n  ],\n  "b": {}\n}');
  });

  it('refuses nesting deeper than the limit without overflowing the stack (100,000 levels)', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    expect(() => parseExactJson(deep, 'the file', 'invalid-json')).toThrow(`the file is nested more than ${MAX_JSON_DEPTH} levels deep`);
    const atLimit = '['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH);
    expect(parseExactJson(atLimit, 'x', 'invalid-json')).toBeInstanceOf(Array);
  });

  it('reports invalid JSON with the given code and noun', () => {
    let caught: unknown;
    try {
      parseExactJson('{"a": 12345678901234567890,}', 'metadata', 'invalid-metadata');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect((caught as AppError).code).toBe('invalid-metadata');
    expect((caught as AppError).message).toMatch(/^metadata is not valid JSON: /);
  });

  it('scans past brackets and digits inside strings', () => {
    expect(scanJson('{"a\\\\":[1,{"b\\"[1.0":2}], "c": 1.5}')).toEqual({ depth: 3, numbersExact: true });
    expect(scanJson('{"c": 1.50}')).toEqual({ depth: 1, numbersExact: false });
  });
});

describe('exact numbers in metadata, manifests, diffs and configs', () => {
  it('metadata typed as text is stored and written back byte-exact', () => {
    const metadata = parseMetadataText(TYPED);
    expect(stringifyExactJson(validateMetadata(metadata))).toBe(COMPACT);
  });

  it('a manifest entry extra keeps its numbers through parse and serialize', () => {
    const text = serializeManifest([{ path: 'a.txt', digest: 'CY9rzUYh03PK3k6DJie09g==', size: 4, extra: { seed: parseExactJson('12345678901234567890', 'x', 'invalid-json') } }]);
    expect(text).toContain('"seed": 12345678901234567890');
    const [entry] = parseManifest(text);
    expect(stringifyExactJson(entry?.extra ?? null)).toBe('{"seed":12345678901234567890}');
    expect(serializeManifest(parseManifest(text))).toBe(text);
  });

  it('the JSON diff tells big integers, -0 and 1.0 apart', () => {
    const a = parseExactJson('{"id": 12345678901234567890, "z": 0, "f": 1}', 'A', 'invalid-json');
    const b = parseExactJson('{"id": 12345678901234567891, "z": -0, "f": 1.0}', 'B', 'invalid-json');
    const diff = diffJson(a, b);
    expect(diff.changes.map((change) => [change.path.join('.'), change.kind])).toEqual([
      ['id', 'changed'],
      ['z', 'changed'],
      ['f', 'changed'],
    ]);
    expect(diff.changes.every((change) => change.kind !== 'changed' || change.delta === null)).toBe(true);
    expect(diffJson(a, parseExactJson('{"id": 12345678901234567890, "z": 0, "f": 1}', 'A', 'invalid-json')).changes).toEqual([]);
  });

  it('a run config refuses a number it cannot keep, naming it', () => {
    expect(() => parseConfigText('{"opt": {"seed": 12345678901234567890}}')).toThrow(
      'config.opt.seed is 12345678901234567890, which a run config cannot keep exactly (it would become 12345678901234567000); write it as a string, or put it in the version\'s metadata',
    );
    expect(parseConfigText('{"lr": 0.5}')).toEqual({ lr: 0.5 });
  });
});
