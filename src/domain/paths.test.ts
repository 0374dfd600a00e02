import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from './errors';
import {
  compareCodePoints,
  findFileFolderClash,
  isSortedByCodePoint,
  normalisePath,
  quoteForMessage,
  refuseFileFolderClash,
  relativeDropPath,
  sortByCodePoint,
  withoutTopFolder,
} from './paths';
import { errorOf } from '../test/app-error';

describe('normalisePath', () => {
  it.each([
    ['a.txt', 'a.txt'],
    ['./a//b/c/', 'a/b/c'],
    ['a/./b', 'a/b'],
    ['a/b/', 'a/b'],
    ['./a', 'a'],
    ['...', '...'],
    ['a/..b/c..', 'a/..b/c..'],
    ['dir/ spaced name .txt', 'dir/ spaced name .txt'],
    ['a\\b', 'a\\b'],
    ['ab:c/d', 'ab:c/d'],
    ['a/C:/b', 'a/C:/b'],
    ['日本/データ.csv', '日本/データ.csv'],
    ['emoji/\u{1F600}.png', 'emoji/\u{1F600}.png'],
    // No Unicode normalisation: NFC and NFD spellings stay distinct.
    ['caf\u00e9', 'caf\u00e9'],
    ['cafe\u0301', 'cafe\u0301'],
    ['__proto__', '__proto__'],
  ])('normalises %j to %j', (input, expected) => {
    expect(normalisePath(input)).toBe(expected);
  });

  it.each([
    ['', 'path "" may not be empty'],
    ['.', 'path "." names no file (it is empty after removing "." and "/")'],
    ['./', 'path "./" names no file (it is empty after removing "." and "/")'],
    ['././/.', 'path "././/." names no file (it is empty after removing "." and "/")'],
    ['..', 'path ".." may not contain a ".." segment'],
    ['../a', 'path "../a" may not contain a ".." segment'],
    ['a/../b', 'path "a/../b" may not contain a ".." segment'],
    ['a/..', 'path "a/.." may not contain a ".." segment'],
    ['a\\..\\b', 'path "a\\\\..\\\\b" may not contain a ".." segment'],
    ['/a', 'path "/a" may not start with "/" (paths are relative)'],
    ['//a', 'path "//a" may not start with "/" (paths are relative)'],
    ['\\a', 'path "\\\\a" may not start with "\\" (paths are relative)'],
    ['./\\a', 'path "./\\\\a" may not start with "\\" (paths are relative)'],
    ['C:', 'path "C:" may not start with a drive letter like "C:"'],
    ['c:/a', 'path "c:/a" may not start with a drive letter like "C:"'],
    ['C:\\a', 'path "C:\\\\a" may not start with a drive letter like "C:"'],
    ['./D:/a', 'path "./D:/a" may not start with a drive letter like "C:"'],
    ['a\u0000b', 'path "a\\u0000b" may not contain control characters'],
    ['a\nb', 'path "a\\nb" may not contain control characters'],
    ['a\u007fb', 'path "a\u007fb" may not contain control characters'],
    ['a\u0085b', 'path "a\u0085b" may not contain control characters'],
    ['a\ud800b', 'path "a\\ud800b" is not valid Unicode (it has a lone surrogate)'],
  ])('refuses %j', (input, message) => {
    const error = errorOf(() => normalisePath(input));
    expect(error.code).toBe('invalid-path');
    expect(error.message).toBe(message);
    expect(error.details).toEqual({ path: input });
  });

  it('refuses a value that is not a string', () => {
    const error = errorOf(() => normalisePath(42 as unknown as string));
    expect(error.code).toBe('invalid-path');
    expect(error.message).toBe('path 42 must be a string');
  });

  it('throws only AppError, and what it accepts is a fixed point', () => {
    const pathLike = fc.oneof(
      fc.string(),
      fc.string({ unit: 'binary' }),
      fc
        .array(fc.constantFrom('a', 'b', '.', '..', '/', '\\', 'C:', ':', ' ', '\u0000', '\u{1F600}', '\ud800', 'é'), {
          maxLength: 12,
        })
        .map((parts) => parts.join('')),
    );
    fc.assert(
      fc.property(pathLike, (input) => {
        let output: string;
        try {
          output = normalisePath(input);
        } catch (error) {
          expect(error).toBeInstanceOf(AppError);
          expect((error as AppError).code).toBe('invalid-path');
          return;
        }
        expect(normalisePath(output)).toBe(output);
        expect(output).not.toMatch(/^\/|\/$|\/\/|(^|\/)\.{1,2}(\/|$)/);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('compareCodePoints', () => {
  it.each([
    ['a', 'b', -1],
    ['b', 'a', 1],
    ['a', 'a', 0],
    ['a', 'ab', -1],
    ['', 'a', -1],
    ['A', 'a', -1],
    ['a.txt', 'a/b', -1], // "." (2E) sorts before "/" (2F)
    ['a-b', 'a/b', -1],
    ['a/b', 'a0', -1],
    // U+1F600 is above U+FF5E, but its UTF-16 lead unit D83D is below FF5E.
    ['\uFF5E', '\u{1F600}', -1],
    ['\u{1F600}', '\uFF5E', 1],
    ['\uE000', '\u{10000}', -1],
    ['\uFFFF', '\u{10000}', -1],
    ['\u{10000}', '\u{10FFFF}', -1],
    ['\uD7FF', '\uE000', -1],
  ])('orders %j before/after %j as %i', (a, b, sign) => {
    expect(Math.sign(compareCodePoints(a, b))).toBe(sign);
  });

  it('differs from the default UTF-16 sort for characters outside the BMP', () => {
    const paths = ['\u{1F600}.txt', '\uFF5E.txt', 'a.txt'];
    expect([...paths].sort()).toEqual(['a.txt', '\u{1F600}.txt', '\uFF5E.txt']);
    expect([...paths].sort(compareCodePoints)).toEqual(['a.txt', '\uFF5E.txt', '\u{1F600}.txt']);
  });

  it('agrees with UTF-8 byte order on random strings', () => {
    const encoder = new TextEncoder();
    const byteOrder = (a: string, b: string): number => {
      const x = encoder.encode(a);
      const y = encoder.encode(b);
      for (let i = 0; i < Math.min(x.length, y.length); i++) {
        if (x[i] !== y[i]) return (x[i] ?? 0) - (y[i] ?? 0);
      }
      return x.length - y.length;
    };
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), (a, b) => {
        expect(Math.sign(compareCodePoints(a, b))).toBe(Math.sign(byteOrder(a, b)));
      }),
      { numRuns: 2000 },
    );
  });

  it.each([
    ['ASCII only', ['b', 'a/b', 'a.txt', 'a', 'A']],
    ['astral characters without U+E000–U+FFFF', ['\u{1F600}', 'z', '\u{10000}', '\u00e9']],
    ['U+E000–U+FFFF without astral characters', ['\uFF5E', '\uE000', 'a', '\uD7FF']],
    ['both (the slow, exact path)', ['\u{1F600}.txt', '\uFF5E.txt', 'a.txt', '\uE000', '\u{10000}']],
  ])('sortByCodePoint sorts %s in code-point order', (_label, keys) => {
    const items = keys.map((key, index) => ({ key, index }));
    const sorted = sortByCodePoint([...items], (item) => item.key);
    const expected = [...items].sort((a, b) => compareCodePoints(a.key, b.key));
    expect(sorted).toEqual(expected);
  });

  it('sortByCodePoint agrees with compareCodePoints on random strings', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme' })), (keys) => {
        const sorted = sortByCodePoint([...keys], (key) => key);
        expect(sorted).toEqual([...keys].sort(compareCodePoints));
      }),
    );
  });

  it('isSortedByCodePoint checks adjacent pairs', () => {
    const key = (s: string): string => s;
    expect(isSortedByCodePoint([], key)).toBe(true);
    expect(isSortedByCodePoint(['a'], key)).toBe(true);
    expect(isSortedByCodePoint(['a', 'a', 'b'], key)).toBe(true);
    expect(isSortedByCodePoint(['\uFF5E', '\u{1F600}'], key)).toBe(true);
    expect(isSortedByCodePoint(['\u{1F600}', '\uFF5E'], key)).toBe(false);
  });
});

describe('quoteForMessage', () => {
  it('JSON-quotes short values and cuts long ones without splitting a surrogate pair', () => {
    expect(quoteForMessage('a"b')).toBe('"a\\"b"');
    const long = '\u{1F600}'.repeat(100);
    const quoted = quoteForMessage(long);
    expect(quoted).toBe(JSON.stringify(`${'\u{1F600}'.repeat(79)}…`));
  });
});

describe('relativeDropPath', () => {
  it.each([
    ['photos/cats/a.jpg', { keepTopFolder: false, prefix: '' }, 'cats/a.jpg'],
    ['photos/cats/a.jpg', { keepTopFolder: true, prefix: '' }, 'photos/cats/a.jpg'],
    ['photos/a.jpg', { keepTopFolder: false, prefix: '' }, 'a.jpg'],
    ['photos/a.jpg', { keepTopFolder: false, prefix: 'images' }, 'images/a.jpg'],
    ['photos/a.jpg', { keepTopFolder: true, prefix: 'data/raw/' }, 'data/raw/photos/a.jpg'],
    ['photos/a.jpg', { keepTopFolder: true, prefix: './data//raw' }, 'data/raw/photos/a.jpg'],
    ['photos/a.jpg', { keepTopFolder: false, prefix: '/data' }, 'data/a.jpg'],
    ['photos/a.jpg', { keepTopFolder: false, prefix: '  ' }, 'a.jpg'],
    ['photos/a.jpg', { keepTopFolder: false, prefix: './' }, 'a.jpg'],
    ['a.jpg', { keepTopFolder: false, prefix: '' }, 'a.jpg'],
    ['a.jpg', { keepTopFolder: false, prefix: 'x' }, 'x/a.jpg'],
    ['données/été.csv', { keepTopFolder: true, prefix: '' }, 'données/été.csv'],
  ])('maps %j with %j to %j', (input, options, expected) => {
    expect(relativeDropPath(input, options)).toBe(expected);
  });

  it.each([
    ['photos/', { keepTopFolder: false, prefix: '' }, 'path "" may not be empty'],
    ['', { keepTopFolder: true, prefix: '' }, 'path "" may not be empty'],
    ['photos/a.jpg', { keepTopFolder: false, prefix: '../up' }, 'path "../up" may not contain a ".." segment'],
    ['photos/a.jpg', { keepTopFolder: false, prefix: 'C:' }, 'path "C:" may not start with a drive letter like "C:"'],
  ])('refuses %j with %j', (input, options, message) => {
    const error = errorOf(() => relativeDropPath(input, options));
    expect(error.code).toBe('invalid-path');
    expect(error.message).toBe(message);
  });
});

describe('withoutTopFolder', () => {
  it.each([
    ['photos/cats/a.jpg', 'cats/a.jpg'],
    ['/photos/a.jpg', 'a.jpg'],
    ['a.jpg', 'a.jpg'],
  ])('%s → %s', (input, expected) => {
    expect(withoutTopFolder(input)).toBe(expected);
  });
});

describe('findFileFolderClash (issue 22: a file and a folder of one name)', () => {
  it.each([
    [['data', 'data/b.txt'], { file: 'data', inside: 'data/b.txt' }],
    [['a/b', 'a/b-x', 'a/b.txt', 'a/b/c/d'], { file: 'a/b', inside: 'a/b/c/d' }],
    [['x/y/z', 'x'], { file: 'x', inside: 'x/y/z' }],
    [['data', 'data2/b.txt', 'data.txt', 'dat/a'], null],
    [['a/b', 'a/c', 'a\\b/c'], null],
    [[], null],
  ])('%j → %j', (paths, expected) => {
    expect(findFileFolderClash(paths)).toEqual(expected);
  });

  it('refuses with both paths named and the duplicate-path code', () => {
    const error = errorOf(() => refuseFileFolderClash(['data', 'data/b.txt']));
    expect(error.code).toBe('duplicate-path');
    expect(error.message).toBe('path "data" is a file, but "data/b.txt" puts a file inside a folder of that name; a version cannot hold both (rename or remove one)');
    expect(error.details).toEqual({ path: 'data', inside: 'data/b.txt' });
  });
});

describe('quoteForMessage shows hidden characters (issue 22)', () => {
  it.each([
    ['invoice\u202Etxt.exe', '"invoice\\u202etxt.exe"'],
    ['prod\u200B', '"prod\\u200b"'],
    ['a\u2029b\uFEFF', '"a\\u2029b\\ufeff"'],
    ['plain é 😀', '"plain é 😀"'],
  ])('%j → %s', (value, quoted) => {
    expect(quoteForMessage(value)).toBe(quoted);
  });
});
