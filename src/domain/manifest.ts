/**
 * `wandb_manifest.json` version 1 (wandb-spec §1): parse, validate and write it in the shape
 * W&B writes. Entries are always returned sorted by path in code-point order.
 */
import { entryDigestAlgorithm } from './digest';
import { AppError, isAppError, type AppErrorCode } from './errors';
import { parseExactJson, stringifyExactJson } from './exact-json';
import { isSortedByCodePoint, normalisePath, quoteForMessage, sortByCodePoint } from './paths';
import type { JsonObject, ManifestEntry } from './types';
import { checkJsonSize, cleanJsonValue, jsonPathOf } from './validation';

export const MANIFEST_VERSION = 1;
export const STORAGE_POLICY = 'wandb-storage-policy-v1';
export const STORAGE_POLICY_CONFIG: JsonObject = { storageLayout: 'V2' };

/** 24 base64 characters encoding exactly 16 bytes (the last data character carries 2 bits). */
const BASE64_128_BIT = /^[A-Za-z0-9+/]{21}[AQgw]==$/;

type Where = (field?: string) => string;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === undefined) return 'missing';
  if (typeof value === 'string') return quoteForMessage(value);
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return value === null ? 'null' : 'an object';
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : `a ${typeof value}`;
}

/** Validates one entry's fields and returns it in canonical form (empty fields dropped). */
function readEntry(path: string, raw: unknown, where: Where, code: AppErrorCode): ManifestEntry {
  const fail = (field: string | undefined, rule: string, got?: { value: unknown }): never => {
    const location = where(field);
    const suffix = got === undefined ? '' : ` (got ${describe(got.value)})`;
    throw new AppError(code, `${location} ${rule}${suffix}`, { details: { path, location } });
  };
  if (!isRecord(raw)) return fail(undefined, 'must be an object', { value: raw });

  const digest = raw['digest'];
  if (typeof digest !== 'string') return fail('digest', 'must be a string', { value: digest });
  if (digest === '') return fail('digest', 'may not be empty');

  const ref = raw['ref'];
  if (ref !== undefined && ref !== null && typeof ref !== 'string') return fail('ref', 'must be a string', { value: ref });

  const birth = raw['birthArtifactID'];
  if (birth !== undefined && birth !== null && typeof birth !== 'string') {
    return fail('birthArtifactID', 'must be a string', { value: birth });
  }

  const size = raw['size'];
  if (size !== undefined && size !== null && !(typeof size === 'number' && Number.isSafeInteger(size) && size >= 0)) {
    return fail('size', 'must be a non-negative integer', { value: size });
  }

  const rawExtra = raw['extra'];
  let extra: JsonObject | undefined;
  if (rawExtra !== undefined && rawExtra !== null) {
    if (!isRecord(rawExtra)) return fail('extra', 'must be an object', { value: rawExtra });
    extra = cleanJsonValue(rawExtra, () => where('extra'), code) as JsonObject;
    checkJsonSize(extra, () => where('extra'), code);
    if (Object.keys(extra).length === 0) extra = undefined;
  }

  const entry: { -readonly [K in keyof ManifestEntry]: ManifestEntry[K] } = { path, digest };
  if (typeof birth === 'string' && birth !== '') entry.birthArtifactID = birth;
  if (typeof ref === 'string' && ref !== '') entry.ref = ref;
  if (typeof size === 'number') entry.size = size;
  if (extra !== undefined) entry.extra = extra;

  // References keep their digest as given (an ETag, a URI); stored files must carry a real hash.
  const algorithm = entryDigestAlgorithm(entry);
  if (algorithm !== 'reference' && !BASE64_128_BIT.test(digest)) {
    const name = algorithm === 'md5' ? 'md5' : 'XXH128';
    return fail('digest', `must be a base64 ${name} digest (24 characters encoding 16 bytes)`, { value: digest });
  }
  return entry;
}

/**
 * Returns the entries sorted by path (a sorted copy; `entries` keeps its order) with entries of
 * the same path merged: identical digests collapse into the first entry; different digests
 * are refused through `onConflict` with both entries' indices in `entries`.
 */
function mergeSamePaths(
  entries: readonly ManifestEntry[],
  onConflict: (first: ManifestEntry, second: ManifestEntry, firstIndex: number, secondIndex: number) => never,
): ManifestEntry[] {
  const path = (entry: ManifestEntry): string => entry.path;
  const sorted = isSortedByCodePoint(entries, path) ? entries : sortByCodePoint([...entries], path);
  const out: ManifestEntry[] = [];
  for (const entry of sorted) {
    const previous = out[out.length - 1];
    if (previous !== undefined && previous.path === entry.path) {
      if (previous.digest !== entry.digest) {
        onConflict(previous, entry, entries.indexOf(previous), entries.indexOf(entry));
      }
      continue;
    }
    out.push(entry);
  }
  return out;
}

/**
 * Parses a manifest: JSON text, or an already parsed value (`string | unknown`). Unknown keys are ignored at every
 * level; anything invalid is refused with AppError('invalid-manifest') naming its JSON path.
 * Paths are normalised; two keys naming the same path with different digests are refused.
 */
export function parseManifest(input: unknown): ManifestEntry[] {
  let value: unknown = input;
  // Numbers in `extra` are kept exactly as written (exact-json.ts).
  if (typeof input === 'string') value = parseExactJson(input, 'manifest', 'invalid-manifest');
  if (!isRecord(value)) {
    throw new AppError('invalid-manifest', `$ must be an object (got ${describe(value)})`);
  }
  if (value['version'] !== MANIFEST_VERSION) {
    throw new AppError(
      'invalid-manifest',
      `$.version must be ${MANIFEST_VERSION} (got ${describe(value['version'])}); only manifest version 1 is supported`,
    );
  }
  const contents = value['contents'];
  if (!isRecord(contents)) {
    throw new AppError('invalid-manifest', `$.contents must be an object (got ${describe(contents)})`);
  }

  const keys = Object.keys(contents);
  const entries: ManifestEntry[] = [];
  for (const key of keys) {
    const location = `$.contents[${JSON.stringify(key)}]`;
    let path: string;
    try {
      path = normalisePath(key);
    } catch (error) {
      const reason = isAppError(error) ? error.message : String(error);
      throw new AppError('invalid-manifest', `${location} has an invalid path: ${reason}`, { cause: error });
    }
    const entry = readEntry(
      path,
      contents[key],
      (field) => (field === undefined ? location : jsonPathOf(location, field)),
      'invalid-manifest',
    );
    entries.push(entry);
  }
  return mergeSamePaths(
    entries,
    (first, second, firstIndex, secondIndex) => {
      const a = JSON.stringify(keys[firstIndex] ?? first.path);
      const b = JSON.stringify(keys[secondIndex] ?? second.path);
      throw new AppError(
        'invalid-manifest',
        `$.contents[${a}] and $.contents[${b}] both name path ${quoteForMessage(first.path)} with different digests`,
        { details: { path: first.path } },
      );
    },
  );
}

/**
 * Normalises paths, validates digests (stored files need a base64 md5/XXH128 of 16 bytes;
 * references keep theirs), sizes and extra, drops empty fields, and sorts by path.
 * The same path twice with different digests is refused with AppError('duplicate-path');
 * with the same digest, the first entry is kept. Other refusals: 'invalid-path' for a path,
 * 'invalid-manifest' for a field.
 */
export function normaliseEntries(entries: readonly ManifestEntry[]): ManifestEntry[] {
  const out: ManifestEntry[] = [];
  for (const [index, raw] of entries.entries()) {
    if (!isRecord(raw)) {
      throw new AppError('invalid-manifest', `entries[${index}] must be an object (got ${describe(raw)})`);
    }
    const path = normalisePath(raw.path);
    // The label is built only when a message needs it: 100k eager labels cost more than the checks.
    const where = (field: string | undefined) => {
      const label = `entries[${index}] (${quoteForMessage(path)})`;
      return field === undefined ? label : `${label}.${field}`;
    };
    const entry = readEntry(path, raw, where, 'invalid-manifest');
    out.push(entry);
  }
  return mergeSamePaths(
    out,
    (first, second, firstIndex, secondIndex) => {
      throw new AppError(
        'duplicate-path',
        `path ${quoteForMessage(first.path)} appears twice with different digests (${JSON.stringify(first.digest)} in entries[${firstIndex}], ${JSON.stringify(second.digest)} in entries[${secondIndex}]); a path may hold only one file`,
        { details: { path: first.path } },
      );
    },
  );
}

// Python's json.dump(..., ensure_ascii=True) escapes everything outside printable ASCII.
const NON_ASCII = /[\u007f-\uffff]/;
const NON_ASCII_ALL = /[\u007f-\uffff]/g;

function escapeNonAscii(text: string): string {
  if (!NON_ASCII.test(text)) return text;
  return text.replace(NON_ASCII_ALL, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A JSON string literal as Python writes it. */
function pyString(value: string): string {
  return escapeNonAscii(JSON.stringify(value));
}

function indentJson(value: JsonObject, indent: string): string {
  return escapeNonAscii(stringifyExactJson(value, 4).replace(/\n/g, `\n${indent}`));
}

/**
 * Writes the manifest as W&B's Python SDK does (`json.dump(manifest.to_manifest_json(), fp,
 * indent=4)`): version, storagePolicy, storagePolicyConfig, contents keyed by path in
 * code-point order; entry keys in the order of the SDK's pydantic entry model (digest, ref,
 * birthArtifactID, size, extra; older SDKs wrote birthArtifactID, ref, extra, size); empty
 * fields omitted; non-ASCII escaped as \uXXXX (ensure_ascii). Entries are validated with
 * normaliseEntries first. Keys are written in order by hand: a JS object would move
 * integer-like paths ("10", "9") to the front.
 */
export function serializeManifest(entries: readonly ManifestEntry[]): string {
  const clean = normaliseEntries(entries);
  const blocks: string[] = [];
  for (const entry of clean) {
    let block = `        ${pyString(entry.path)}: {\n            "digest": ${pyString(entry.digest)}`;
    if (entry.ref !== undefined) block += `,\n            "ref": ${pyString(entry.ref)}`;
    if (entry.birthArtifactID !== undefined) block += `,\n            "birthArtifactID": ${pyString(entry.birthArtifactID)}`;
    if (entry.size !== undefined) block += `,\n            "size": ${entry.size}`;
    if (entry.extra !== undefined) block += `,\n            "extra": ${indentJson(entry.extra, '            ')}`;
    blocks.push(`${block}\n        }`);
  }
  const contents = blocks.length === 0 ? '{}' : `{\n${blocks.join(',\n')}\n    }`;
  return (
    `{\n    "version": ${MANIFEST_VERSION},\n    "storagePolicy": ${pyString(STORAGE_POLICY)},\n` +
    `    "storagePolicyConfig": ${indentJson(STORAGE_POLICY_CONFIG, '    ')},\n    "contents": ${contents}\n}`
  );
}
