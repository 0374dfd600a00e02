/**
 * Entry paths inside an artifact (wandb-spec §1): POSIX, relative, no traversal.
 * Pure functions; every refusal is an AppError('invalid-path') naming the path and the rule.
 */
import { AppError } from './errors';

const MESSAGE_QUOTE_LIMIT = 80;

// Invisible format and bidi characters (U+200B, U+202E…) and line/paragraph separators: JSON
// leaves them raw, where they would hide or reorder the rest of the message.
const INVISIBLE_IN_MESSAGE = /[\p{Cf}\p{Zl}\p{Zp}]/gu;

function quoteVisibly(value: string): string {
  return JSON.stringify(value).replace(INVISIBLE_IN_MESSAGE, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * JSON-quotes a value for an error message, cutting very long strings (by code point, so a
 * surrogate pair is never split) so that messages stay readable. Invisible and bidi
 * characters are written as \uXXXX escapes, so that "invoice\u202Etxt.exe" reads as such.
 */
export function quoteForMessage(value: string): string {
  if (value.length <= MESSAGE_QUOTE_LIMIT) return quoteVisibly(value);
  let cut = '';
  let count = 0;
  for (const char of value) {
    if (count === MESSAGE_QUOTE_LIMIT - 1) break;
    cut += char;
    count += 1;
  }
  return quoteVisibly(`${cut}…`);
}

// \p{Cc}: C0 controls (NUL included), DEL and C1 controls.
const CONTROL_CHAR = /\p{Cc}/u;
// With the u flag a well-formed surrogate pair is one code point, so this only finds lone halves.
const LONE_SURROGATE = /\p{Cs}/u;
const DRIVE_LETTER = /^[A-Za-z]:/;

/**
 * A path that is already canonical: segments of ordinary characters (no "/", "\", controls or
 * surrogates), none "." or "..", no drive letter. Most paths are; they skip the split/join.
 */
const CANONICAL_PATH =
  // eslint-disable-next-line no-control-regex -- control characters are exactly what it excludes
  /^(?![A-Za-z]:)(?!\.\.?(?:\/|$))[^/\\\0-\x1f\x7f-\x9f\ud800-\udfff]+(?:\/(?!\.\.?(?:\/|$))[^/\\\0-\x1f\x7f-\x9f\ud800-\udfff]+)*$/;

function refusePath(path: string, rule: string): never {
  throw new AppError('invalid-path', `path ${quoteForMessage(path)} ${rule}`, { details: { path } });
}

/**
 * Validates and normalises an entry path: `./a//b/c/` → `a/b/c`.
 * Refuses "", ".", any ".." segment, a leading "/" or "\", a drive letter ("C:"), control
 * characters and lone UTF-16 surrogates (the manifest is UTF-8). No Unicode normalisation.
 * A ".." between backslashes is refused too: it would traverse when the artifact is
 * downloaded on Windows. Idempotent: normalisePath(normalisePath(x)) === normalisePath(x).
 */
export function normalisePath(path: string): string {
  if (typeof path !== 'string') {
    throw new AppError('invalid-path', `path ${String(path)} must be a string`);
  }
  if (CANONICAL_PATH.test(path)) return path;
  if (path === '') refusePath(path, 'may not be empty');
  if (CONTROL_CHAR.test(path)) refusePath(path, 'may not contain control characters');
  if (LONE_SURROGATE.test(path)) refusePath(path, 'is not valid Unicode (it has a lone surrogate)');
  if (path.startsWith('/')) refusePath(path, 'may not start with "/" (paths are relative)');

  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..' || segment.split('\\').includes('..')) {
      refusePath(path, 'may not contain a ".." segment');
    }
    segments.push(segment);
  }
  if (segments.length === 0) refusePath(path, 'names no file (it is empty after removing "." and "/")');

  const normalised = segments.join('/');
  // Checked on the result so that "./\a" or "./C:/a" cannot slip through and break idempotency.
  if (normalised.startsWith('\\')) refusePath(path, 'may not start with "\\" (paths are relative)');
  if (DRIVE_LETTER.test(normalised)) refusePath(path, 'may not start with a drive letter like "C:"');
  return normalised;
}

/**
 * Orders strings by Unicode code point (= UTF-8 byte order), as W&B sorts manifest paths.
 * JavaScript's `<` compares UTF-16 units, which puts U+10000.. (surrogates D800–DFFF) before
 * U+E000–U+FFFF: at the first differing unit, shift surrogates above the rest of the BMP.
 */
export function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

function codePointRank(unit: number): number {
  if (unit < 0xd800) return unit;
  if (unit <= 0xdfff) return unit + 0x2000; // surrogate: part of a code point above U+FFFF
  return unit - 0x800; // U+E000..U+FFFF
}

const ABOVE_D7FF = /[\uD800-\uFFFF]/;

/**
 * True when `items` is in non-decreasing code-point order of `key(item)`; O(n). UTF-16 order
 * (the engine's `<`, much faster than comparing unit by unit here) only differs from
 * code-point order where a key has a unit above U+D7FF; those pairs use compareCodePoints.
 */
export function isSortedByCodePoint<T>(items: readonly T[], key: (item: T) => string): boolean {
  let previous: string | undefined;
  let previousHigh = false;
  for (const item of items) {
    const current = key(item);
    const high = ABOVE_D7FF.test(current);
    if (previous !== undefined && (previousHigh || high ? compareCodePoints(previous, current) > 0 : previous > current)) return false;
    previous = current;
    previousHigh = high;
  }
  return true;
}

const SURROGATE = /[\uD800-\uDFFF]/;
const E000_TO_FFFF = /[\uE000-\uFFFF]/;

/**
 * Sorts `items` in place by code-point order of `key(item)` and returns them. UTF-16 order
 * only differs from code-point order between a surrogate (U+10000..) and U+E000–U+FFFF, so
 * unless the keys hold both, the engine's faster native string comparison is used (bench row
 * "artifact digest of a 100,000-entry manifest (Node)", which sorts its entries).
 */
export function sortByCodePoint<T>(items: T[], key: (item: T) => string): T[] {
  let surrogate = false;
  let highBmp = false;
  // Keys are read once each (the comparator runs n·log n times).
  const keyed = items.map((item) => {
    const text = key(item);
    if (ABOVE_D7FF.test(text)) {
      surrogate ||= SURROGATE.test(text);
      highBmp ||= E000_TO_FFFF.test(text);
    }
    return { text, item };
  });
  if (surrogate && highBmp) keyed.sort((a, b) => compareCodePoints(a.text, b.text));
  else keyed.sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
  keyed.forEach(({ item }, i) => {
    items[i] = item;
  });
  return items;
}

export interface DropPathOptions {
  /** Keep the dropped folder's own name as the first segment ("photos/cat.jpg" vs "cat.jpg"). */
  keepTopFolder: boolean;
  /** Folder to put the files under inside the artifact; "" for the root. */
  prefix: string;
}

/**
 * A picked or dropped file's path without the folder that was picked or dropped:
 * "photos/cats/a.jpg" → "cats/a.jpg" (`webkitRelativePath` starts with that folder's name).
 * Leading "/" are dropped first; a path without a folder is returned as is.
 */
export function withoutTopFolder(path: string): string {
  const withoutLeading = path.replace(/^\/+/, '');
  const slash = withoutLeading.indexOf('/');
  return slash === -1 ? path : withoutLeading.slice(slash + 1);
}

/**
 * Turns a dropped file's `webkitRelativePath` ("photos/cats/a.jpg") into its artifact path.
 * A file dropped on its own has an empty `webkitRelativePath`: pass
 * `file.webkitRelativePath || file.name`; a path without a folder is used as is.
 * Leading "/" in the prefix is tolerated (it is a folder inside the artifact, not a root).
 * Throws AppError('invalid-path') when the result is not a valid entry path.
 */
export function relativeDropPath(webkitRelativePath: string, options: DropPathOptions): string {
  const relative = options.keepTopFolder ? webkitRelativePath : withoutTopFolder(webkitRelativePath);
  const prefix = options.prefix.trim().replace(/^\/+/, '');
  if (prefix === '' || prefix.split('/').every((segment) => segment === '' || segment === '.')) {
    return normalisePath(relative);
  }
  return normalisePath(`${normalisePath(prefix)}/${normalisePath(relative)}`);
}

/** A path that names a file while another path puts files inside a folder of that name. */
export interface FileFolderClash {
  /** The file ("data"). */
  readonly file: string;
  /** A path inside the folder of the same name ("data/b.txt"). */
  readonly inside: string;
}

/**
 * The first path (in the given order) that lies inside a folder another path names as a file:
 * "data" with "data/b.txt". No file system, and so no zip of the version, can hold both.
 * Paths must be normalised. O(total length): each path's folders are looked up in a set.
 */
export function findFileFolderClash(paths: readonly string[]): FileFolderClash | null {
  const all = new Set(paths);
  for (const path of paths) {
    for (let slash = path.indexOf('/'); slash !== -1; slash = path.indexOf('/', slash + 1)) {
      const folder = path.slice(0, slash);
      if (all.has(folder)) return { file: folder, inside: path };
    }
  }
  return null;
}

/** The refusal for a file/folder clash, naming both paths. */
export function fileFolderClashError(clash: FileFolderClash, where = 'a version'): AppError {
  return new AppError(
    'duplicate-path',
    `path ${quoteForMessage(clash.file)} is a file, but ${quoteForMessage(clash.inside)} puts a file inside a folder of that name; ${where} cannot hold both (rename or remove one)`,
    { details: { path: clash.file, inside: clash.inside } },
  );
}

/** Throws fileFolderClashError when `paths` hold a file and a folder of the same name. */
export function refuseFileFolderClash(paths: readonly string[], where?: string): void {
  const clash = findFileFolderClash(paths);
  if (clash) throw fileFolderClashError(clash, where);
}
