/**
 * Validators for names, types, aliases, tags, metadata and friends (wandb-spec §4).
 * Each returns the cleaned value or throws an AppError whose message names the offending
 * value (JSON-quoted) and the rule it breaks. Inputs are `unknown` so that data read from
 * files or the network can be passed in directly.
 */
import { AppError, type AppErrorCode } from './errors';
import { isExactNumber, MAX_JSON_DEPTH, parseExactJson, stringifyExactJson } from './exact-json';
import { formatBytes } from './format';
import { quoteForMessage } from './paths';
import type { JsonObject, JsonValue } from './types';

/*
 * One set of limits, applied by every store (through these validators) and by the UI (which
 * calls the same ones). RELIABILITY.md lists them. "Ours" marks limits W&B does not set.
 */
/** Names, types, job types, aliases and tags, in code points (W&B: 128 for names, types, aliases). */
export const MAX_NAME_LENGTH = 128;
export const MAX_TAG_LENGTH = MAX_NAME_LENGTH;
/** Ours: tags and aliases one version carries (lists longer than this are a script's mistake). */
export const MAX_TAGS = 100;
export const MAX_ALIASES = 100;
export const MAX_METADATA_KEYS = 100;
/** Ours: W&B sets no limit; a description longer than this is a mistake, not Markdown. */
export const MAX_DESCRIPTION_LENGTH = 100_000;
/**
 * Ours: metadata, a run's config and one manifest entry's `extra`, each as JSON. They live in
 * records that pages list; larger data belongs in a file of the version.
 */
export const MAX_JSON_BYTES = 1_000_000;
export { MAX_JSON_DEPTH };

const ARTIFACT_NAME = /^[A-Za-z0-9_.-]+$/;
// Python's \w is Unicode-aware for str patterns: letters, digits and "_".
const TAG = /^[-\p{L}\p{N}_]+( +[-\p{L}\p{N}_]+)*$/u;
const VERSION_ALIAS = /^v\d+$/;
const CONTROL_CHAR = /\p{Cc}/u;
const LONE_SURROGATE = /\p{Cs}/u;

/** Length in code points, as Python's len() counts. */
function codePointLength(value: string): number {
  let count = 0;
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    // Count a high surrogate followed by a low one once.
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < value.length) {
      const next = value.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i += 1;
    }
    count += 1;
  }
  return count;
}

function describeNonString(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return `a value of type ${typeof value}`;
}

function requireString(value: unknown, noun: string, code: AppErrorCode): string {
  if (typeof value !== 'string') {
    throw new AppError(code, `${noun} must be a string, got ${describeNonString(value)}`);
  }
  return value;
}

function refuse(code: AppErrorCode, noun: string, value: string, rule: string): never {
  throw new AppError(code, `${noun} ${quoteForMessage(value)} ${rule}`, { details: { value } });
}

function checkLength(value: string, noun: string, code: AppErrorCode, max = MAX_NAME_LENGTH): void {
  const length = codePointLength(value);
  if (length > max) {
    refuse(code, noun, value, `is ${length} characters long; at most ${max} are allowed`);
  }
}

/** A name made of letters, digits, "_", "-" and "." (artifact and project names). */
function validateSimpleName(value: unknown, noun: string): string {
  const name = requireString(value, noun, 'invalid-name');
  if (name === '') refuse('invalid-name', noun, name, 'may not be empty');
  if (!ARTIFACT_NAME.test(name)) {
    refuse('invalid-name', noun, name, 'may contain only letters, digits, "_", "-" and "."');
  }
  // W&B's rule allows them, but "." and ".." mean "this folder" and "the folder above" in every
  // URL and path: a version page at /p/x/a/.. would be /p/x, and its files could not be saved.
  if (name === '.' || name === '..') {
    refuse('invalid-name', noun, name, 'may not be "." or "..": no URL or file path can hold it (they mean this folder and the one above)');
  }
  checkLength(name, noun, 'invalid-name');
  return name;
}

/**
 * A label shown and typed by people (types, job types, aliases): not empty or blank, no
 * leading/trailing whitespace, no control characters, no "/" or ":", at most 128 characters.
 */
function validateLabel(value: unknown, noun: string, code: AppErrorCode): string {
  const label = requireString(value, noun, code);
  if (label.trim() === '') refuse(code, noun, label, 'may not be empty or only whitespace');
  if (label.trim() !== label) refuse(code, noun, label, 'may not start or end with whitespace');
  if (CONTROL_CHAR.test(label)) refuse(code, noun, label, 'may not contain control characters');
  if (LONE_SURROGATE.test(label)) refuse(code, noun, label, 'is not valid Unicode (it has a lone surrogate)');
  if (label.includes('/')) refuse(code, noun, label, 'may not contain "/"');
  if (label.includes(':')) refuse(code, noun, label, 'may not contain ":"');
  checkLength(label, noun, code);
  return label;
}

/** Project names follow artifact-name rules. */
export function validateProjectName(value: unknown): string {
  return validateSimpleName(value, 'project name');
}

/** `^[A-Za-z0-9_.-]+$`, not "." or "..", at most 128 characters. */
export function validateArtifactName(value: unknown): string {
  return validateSimpleName(value, 'artifact name');
}

/** No "/" or ":", at most 128 characters; `job` and `wandb-*` are reserved by W&B. */
export function validateArtifactType(value: unknown): string {
  const type = validateLabel(value, 'artifact type', 'invalid-type');
  if (type === 'job') refuse('invalid-type', 'artifact type', type, 'is reserved by W&B');
  if (type.startsWith('wandb-')) {
    refuse('invalid-type', 'artifact type', type, 'is reserved by W&B (types starting "wandb-")');
  }
  return type;
}

/** Like an artifact type, without the reserved names. */
export function validateJobType(value: unknown): string {
  return validateLabel(value, 'job type', 'invalid-type');
}

/** Non-empty, at most 128 characters, no control characters. */
export function validateRunName(value: unknown): string {
  const name = requireString(value, 'run name', 'invalid-name');
  if (name === '') refuse('invalid-name', 'run name', name, 'may not be empty');
  if (CONTROL_CHAR.test(name)) refuse('invalid-name', 'run name', name, 'may not contain control characters');
  if (LONE_SURROGATE.test(name)) {
    refuse('invalid-name', 'run name', name, 'is not valid Unicode (it has a lone surrogate)');
  }
  checkLength(name, 'run name', 'invalid-name');
  return name;
}

/**
 * No "/" or ":"; not "latest" (it moves automatically) nor `vN` (version indices act as
 * aliases); not empty or blank; at most 128 characters. The rules an alias already stored
 * meets, so that it can still be removed or protected: new aliases use validateAlias.
 */
export function validateExistingAlias(value: unknown): string {
  const alias = validateLabel(value, 'alias', 'invalid-alias');
  if (alias === 'latest') {
    refuse('invalid-alias', 'alias', alias, 'is managed automatically (it always marks the newest version)');
  }
  if (VERSION_ALIAS.test(alias)) {
    refuse('invalid-alias', 'alias', alias, 'is reserved: "v" followed by digits names a version index');
  }
  return alias;
}

// Invisible format characters (zero-width space/joiners, the bidi controls such as U+202E, the
// BOM), line/paragraph separators, and fillers that render as nothing.
const INVISIBLE_CHAR = /[\p{Cf}\p{Zl}\p{Zp}\u115F\u1160\u3164\uFFA0]/u;

/** "U+202E": how a character is named in messages. */
function codePointName(char: string): string {
  return `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * An alias is typed by people and used in scripts to fetch a version, so it may not look like
 * another one: invisible and bidi characters (`prod\u200B`, `\u202Eprod`) are refused, and so
 * is anything Unicode compatibility normalisation (NFKC) changes: fullwidth `ｌａｔｅｓｔ` reads
 * as `latest`, a non-breaking space as a space. The message gives the plain spelling.
 */
export function validateAlias(value: unknown): string {
  const alias = validateExistingAlias(value);
  const invisible = INVISIBLE_CHAR.exec(alias);
  if (invisible) {
    refuse(
      'invalid-alias',
      'alias',
      alias,
      `holds the invisible character ${codePointName(invisible[0])}: it would look like another alias (invisible and text-direction characters are not allowed)`,
    );
  }
  const plain = alias.normalize('NFKC');
  if (plain !== alias) {
    refuse(
      'invalid-alias',
      'alias',
      alias,
      `has look-alike characters: it reads as ${quoteForMessage(plain)} once Unicode-normalised (NFKC); type ${quoteForMessage(plain)} instead`,
    );
  }
  return alias;
}

function requireList(value: unknown, noun: string, code: AppErrorCode, max: number): readonly unknown[] {
  if (!Array.isArray(value)) {
    throw new AppError(code, `${noun} must be a list of strings, got ${describeNonString(value)}`);
  }
  // Counted after dropping duplicates would need the items checked first; a list this long is refused as given.
  if (value.length > max) {
    throw new AppError(code, `${noun} has ${value.length} items; at most ${max} are allowed`, { details: { count: value.length, max } });
  }
  return value as readonly unknown[];
}

function dedupe(values: readonly string[]): string[] {
  return [...new Set(values)];
}

/** Validates every alias; duplicates are dropped, the order is kept. */
export function validateAliases(list: unknown): string[] {
  return dedupe(requireList(list, 'aliases', 'invalid-alias', MAX_ALIASES).map(validateAlias));
}

/** `^[-\w]+( +[-\w]+)*$` (Unicode \w as in Python). */
export function validateTag(value: unknown): string {
  const tag = requireString(value, 'tag', 'invalid-tag');
  // Before the pattern: a regex over a megabyte-long tag is slow, and the message shorter.
  checkLength(tag, 'tag', 'invalid-tag', MAX_TAG_LENGTH);
  if (!TAG.test(tag)) {
    refuse(
      'invalid-tag',
      'tag',
      tag,
      'may contain only letters, digits, "_" and "-", in words separated by spaces',
    );
  }
  return tag;
}

/** Validates every tag; duplicates are dropped, the order is kept. */
export function validateTags(list: unknown): string[] {
  return dedupe(requireList(list, 'tags', 'invalid-tag', MAX_TAGS).map(validateTag));
}

/** Markdown text; Ours: at most 100,000 characters. */
export function validateDescription(value: unknown): string {
  const text = requireString(value, 'description', 'invalid-description');
  const length = codePointLength(text);
  if (length > MAX_DESCRIPTION_LENGTH) {
    throw new AppError(
      'invalid-description',
      `description is ${length} characters long; at most ${MAX_DESCRIPTION_LENGTH} are allowed`,
    );
  }
  return text;
}

/** Optional time to live in whole seconds (≥ 1); null or undefined mean none. */
export function validateTtlSeconds(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    const shown = typeof value === 'number' ? String(value) : describeNonString(value);
    throw new AppError('invalid-metadata', `ttl ${shown} must be a whole number of seconds`);
  }
  if (value < 1) throw new AppError('invalid-metadata', `ttl ${value} must be at least 1 second`);
  return value;
}

/** `a.b`, `a["b c"]`, `a[0]`: where a value sits inside a JSON document, for messages. */
export function jsonPathOf(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? `${parent}.${key}` : `${parent}[${JSON.stringify(key)}]`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function describeKind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') {
    const prototype: unknown = Object.getPrototypeOf(value);
    const name =
      typeof prototype === 'object' && prototype !== null && 'constructor' in prototype
        ? (prototype.constructor as { name?: unknown }).name
        : undefined;
    return typeof name === 'string' && name !== '' ? `a ${name}` : 'an object';
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return `a string`;
  return typeof value === 'undefined' ? 'undefined' : `a ${typeof value}`;
}

function setOwn(target: Record<string, JsonValue>, key: string, value: JsonValue): void {
  // A "__proto__" key must stay data, not set the prototype: defineProperty for it (assignment
  // is the same for every other key of a fresh object, and many times faster).
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/**
 * Deep-copies a JSON value, refusing what JSON cannot hold (undefined, functions, class
 * instances, ±Infinity, cycles). NaN becomes null, as W&B does; a JS -0 becomes 0 (JSON.stringify's
 * reading); numbers parsed from text (ExactNumber: "-0", big integers) are kept as written. `path` names
 * the value; pass a function to build the name only when a message needs it (100k entries'
 * labels cost more than the checks).
 */
export function cleanJsonValue(
  value: unknown,
  path: string | (() => string),
  code: AppErrorCode,
  ancestors: unknown[] = [],
): JsonValue {
  return cleanJson(value, typeof path === 'string' ? () => path : path, code, ancestors);
}

function cleanJson(value: unknown, pathOf: () => string, code: AppErrorCode, ancestors: unknown[]): JsonValue {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      if (Number.isNaN(value)) return null;
      if (!Number.isFinite(value)) {
        throw new AppError(code, `${pathOf()} is ${value}; ±Infinity is not allowed`, { details: { path: pathOf() } });
      }
      // JSON has no -0 (JSON.stringify writes 0): store what a reload would give back.
      return Object.is(value, -0) ? 0 : value;
    case 'object': {
      if (value === null) return null;
      // Parsed from text that a JS number cannot hold as written: kept as its text.
      if (isExactNumber(value)) return value;
      if (ancestors.includes(value)) {
        throw new AppError(code, `${pathOf()} refers back to itself; JSON cannot hold cycles`, { details: { path: pathOf() } });
      }
      if (ancestors.length >= MAX_JSON_DEPTH) {
        throw new AppError(code, `${pathOf()} is nested more than ${MAX_JSON_DEPTH} levels deep`, { details: { path: pathOf() } });
      }
      const nested = [...ancestors, value];
      if (Array.isArray(value)) {
        const items = value as readonly unknown[];
        const copy: JsonValue[] = [];
        for (let i = 0; i < items.length; i++) copy.push(cleanJson(items[i], () => jsonPathOf(pathOf(), i), code, nested));
        return copy;
      }
      if (isPlainObject(value)) {
        const copy: Record<string, JsonValue> = {};
        for (const key of Object.keys(value)) {
          setOwn(copy, key, cleanJson(value[key], () => jsonPathOf(pathOf(), key), code, nested));
        }
        return copy;
      }
      break;
    }
    default:
      break;
  }
  throw new AppError(code, `${pathOf()} is ${describeKind(value)}, which is not a JSON value`, { details: { path: pathOf() } });
}

function cleanJsonObject(value: unknown, noun: string, code: AppErrorCode, maxKeys: number | null): JsonObject {
  if (!isPlainObject(value)) {
    throw new AppError(code, `${noun} must be a JSON object, got ${describeKind(value)}`);
  }
  const keyCount = Object.keys(value).length;
  if (maxKeys !== null && keyCount > maxKeys) {
    throw new AppError(code, `${noun} has ${keyCount} top-level keys; at most ${maxKeys} are allowed`, {
      details: { keyCount, maxKeys },
    });
  }
  return cleanJsonValue(value, noun, code) as JsonObject;
}

/** Refuses a cleaned JSON value over MAX_JSON_BYTES as UTF-8 JSON, naming it (`noun`, or a function building the name). */
export function checkJsonSize(value: JsonValue, noun: string | (() => string), code: AppErrorCode): void {
  // JSON.stringify writes an ExactNumber longer than its text, and UTF-8 takes at most 3 bytes
  // per UTF-16 unit: only write the exact text and count its bytes when it could be too big.
  const quick = JSON.stringify(value);
  if (quick.length * 3 <= MAX_JSON_BYTES) return;
  const text = stringifyExactJson(value);
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > MAX_JSON_BYTES) {
    throw new AppError(
      code,
      `${typeof noun === 'string' ? noun : noun()} is ${formatBytes(bytes)} as JSON; at most ${formatBytes(MAX_JSON_BYTES)} are allowed (store larger data as a file of the version)`,
      { details: { bytes, maxBytes: MAX_JSON_BYTES } },
    );
  }
}

/** A JSON object with at most 100 top-level keys and 1 MB as JSON; ±Infinity refused, NaN → null. */
export function validateMetadata(value: unknown): JsonObject {
  const metadata = cleanJsonObject(value, 'metadata', 'invalid-metadata', MAX_METADATA_KEYS);
  checkJsonSize(metadata, 'metadata', 'invalid-metadata');
  return metadata;
}

/** A run's config: a JSON object like metadata (1 MB as JSON), without the key limit. */
export function validateConfig(value: unknown): JsonObject {
  const config = cleanJsonObject(value, 'config', 'invalid-config', null);
  checkJsonSize(config, 'config', 'invalid-config');
  return config;
}

/** Where the first number JS cannot hold as written sits, e.g. `config.seed`, with its text. */
function findExactNumber(value: JsonValue, path: string): { path: string; text: string } | null {
  if (isExactNumber(value)) return { path, text: value.value };
  if (value === null || typeof value !== 'object') return null;
  const entries: [string | number, JsonValue][] = Array.isArray(value) ? value.map((item, i) => [i, item]) : Object.entries(value);
  for (const [key, child] of entries) {
    const found = findExactNumber(child, jsonPathOf(path, key));
    if (found) return found;
  }
  return null;
}

/** Metadata typed as JSON text (empty means {}): numbers are kept exactly as written. */
export function parseMetadataText(text: string): JsonObject {
  if (text.trim() === '') return {};
  return validateMetadata(parseExactJson(text, 'metadata', 'invalid-metadata'));
}

/**
 * A run config typed as JSON text (empty means {}). Runs keep their config as plain JSON
 * values, so a number they cannot hold as written is refused rather than rounded.
 */
export function parseConfigText(text: string): JsonObject {
  if (text.trim() === '') return {};
  const config = validateConfig(parseExactJson(text, 'config', 'invalid-config'));
  const inexact = findExactNumber(config, 'config');
  if (inexact) {
    throw new AppError(
      'invalid-config',
      `${inexact.path} is ${inexact.text}, which a run config cannot keep exactly (it would become ${JSON.stringify(Number(inexact.text))}); write it as a string, or put it in the version's metadata`,
      { details: { path: inexact.path } },
    );
  }
  return config;
}
