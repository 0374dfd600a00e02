/**
 * A catalogue of hand-written hostile inputs (issue 9): each is refused with a specific code and
 * a message that names the offending value and the rule. The upload dialog shows these messages
 * as they are (e2e/schema.spec.ts types some of them into it).
 */
import { describe, expect, it } from 'vitest';
import { AppError } from './errors';
import type { AppErrorCode } from './errors';
import { normaliseEntries, parseManifest } from './manifest';
import { addFiles, createDraft, draftItems } from './draft';
import { normalisePath, refuseFileFolderClash } from './paths';
import type { ManifestEntry } from './types';
import {
  validateAlias,
  parseConfigText,
  parseMetadataText,
  validateAliases,
  validateArtifactName,
  validateArtifactType,
  validateConfig,
  validateDescription,
  validateJobType,
  validateMetadata,
  validateProjectName,
  validateRunName,
  validateTag,
  validateTags,
  validateTtlSeconds,
} from './validation';

const D = 'CY9rzUYh03PK3k6DJie09g=='; // md5("test"), base64
const manifest = (contents: unknown) => ({ version: 1, storagePolicy: 'wandb-storage-policy-v1', contents });
const entry = (path: string, digest = D): ManifestEntry => ({ path, digest });
const longString = (n: number) => 'x'.repeat(n);
const manyKeys = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i]));
const deep = (n: number): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < n; i++) value = { d: value };
  return value;
};
const cyclic = (): unknown => {
  const value: Record<string, unknown> = { a: 1 };
  value['self'] = value;
  return value;
};

interface Case {
  readonly name: string;
  readonly run: () => unknown;
  readonly code: AppErrorCode;
  /** Exact message, or a pattern when the message quotes a cut-down value. */
  readonly message: string | RegExp;
}

const cases: Case[] = [
  // Paths (wandb-spec §1)
  { name: 'empty path', run: () => normalisePath(''), code: 'invalid-path', message: 'path "" may not be empty' },
  { name: 'path "."', run: () => normalisePath('.'), code: 'invalid-path', message: 'path "." names no file (it is empty after removing "." and "/")' },
  { name: 'path "./"', run: () => normalisePath('.//./'), code: 'invalid-path', message: 'path ".//./" names no file (it is empty after removing "." and "/")' },
  { name: 'path ".."', run: () => normalisePath('..'), code: 'invalid-path', message: 'path ".." may not contain a ".." segment' },
  { name: 'path ../etc/passwd', run: () => normalisePath('../etc/passwd'), code: 'invalid-path', message: 'path "../etc/passwd" may not contain a ".." segment' },
  { name: 'path a/../../b', run: () => normalisePath('a/../../b'), code: 'invalid-path', message: 'path "a/../../b" may not contain a ".." segment' },
  { name: 'Windows traversal a\\..\\b', run: () => normalisePath('a\\..\\b'), code: 'invalid-path', message: 'path "a\\\\..\\\\b" may not contain a ".." segment' },
  { name: 'absolute /etc/passwd', run: () => normalisePath('/etc/passwd'), code: 'invalid-path', message: 'path "/etc/passwd" may not start with "/" (paths are relative)' },
  { name: 'absolute \\\\server\\share', run: () => normalisePath('\\\\server\\share'), code: 'invalid-path', message: 'path "\\\\\\\\server\\\\share" may not start with "\\" (paths are relative)' },
  { name: 'drive letter C:/Windows', run: () => normalisePath('C:/Windows'), code: 'invalid-path', message: 'path "C:/Windows" may not start with a drive letter like "C:"' },
  { name: 'drive letter c:x', run: () => normalisePath('c:x'), code: 'invalid-path', message: 'path "c:x" may not start with a drive letter like "C:"' },
  { name: 'NUL in a path', run: () => normalisePath('a\0b'), code: 'invalid-path', message: 'path "a\\u0000b" may not contain control characters' },
  { name: 'newline in a path', run: () => normalisePath('a\nb.txt'), code: 'invalid-path', message: 'path "a\\nb.txt" may not contain control characters' },
  { name: 'DEL in a path', run: () => normalisePath('a\u007f'), code: 'invalid-path', message: 'path "a\u007f" may not contain control characters' },
  { name: 'C1 control in a path', run: () => normalisePath('a\u0085b'), code: 'invalid-path', message: 'path "a\u0085b" may not contain control characters' },
  { name: 'lone high surrogate in a path', run: () => normalisePath('a\ud800b'), code: 'invalid-path', message: 'path "a\\ud800b" is not valid Unicode (it has a lone surrogate)' },
  { name: 'lone low surrogate in a path', run: () => normalisePath('\udc00'), code: 'invalid-path', message: 'path "\\udc00" is not valid Unicode (it has a lone surrogate)' },
  { name: 'huge path with ..', run: () => normalisePath(`${longString(100_000)}/../x`), code: 'invalid-path', message: /^path "x{79}…" may not contain a "\.\." segment$/ },
  { name: 'a path that is not a string', run: () => normalisePath(42 as unknown as string), code: 'invalid-path', message: 'path 42 must be a string' },

  // Names, types, aliases, tags (wandb-spec §4)
  { name: 'empty artifact name', run: () => validateArtifactName(''), code: 'invalid-name', message: 'artifact name "" may not be empty' },
  { name: 'artifact name with a space', run: () => validateArtifactName('my data'), code: 'invalid-name', message: 'artifact name "my data" may contain only letters, digits, "_", "-" and "."' },
  { name: 'artifact name with HTML', run: () => validateArtifactName('<img src=x onerror=alert(1)>'), code: 'invalid-name', message: 'artifact name "<img src=x onerror=alert(1)>" may contain only letters, digits, "_", "-" and "."' },
  { name: 'artifact name with "/"', run: () => validateArtifactName('a/b'), code: 'invalid-name', message: 'artifact name "a/b" may contain only letters, digits, "_", "-" and "."' },
  { name: 'artifact name of 129 characters', run: () => validateArtifactName(longString(129)), code: 'invalid-name', message: /^artifact name "x{79}…" is 129 characters long; at most 128 are allowed$/ },
  { name: 'artifact name null', run: () => validateArtifactName(null), code: 'invalid-name', message: 'artifact name must be a string, got null' },
  { name: 'project name with NUL', run: () => validateProjectName('p\0'), code: 'invalid-name', message: 'project name "p\\u0000" may contain only letters, digits, "_", "-" and "."' },
  { name: 'blank type', run: () => validateArtifactType('   '), code: 'invalid-type', message: 'artifact type "   " may not be empty or only whitespace' },
  { name: 'type "job"', run: () => validateArtifactType('job'), code: 'invalid-type', message: 'artifact type "job" is reserved by W&B' },
  { name: 'type "wandb-history"', run: () => validateArtifactType('wandb-history'), code: 'invalid-type', message: 'artifact type "wandb-history" is reserved by W&B (types starting "wandb-")' },
  { name: 'type with ":"', run: () => validateArtifactType('a:b'), code: 'invalid-type', message: 'artifact type "a:b" may not contain ":"' },
  { name: 'job type with a tab', run: () => validateJobType('train\tx'), code: 'invalid-type', message: 'job type "train\\tx" may not contain control characters' },
  { name: 'alias "latest"', run: () => validateAlias('latest'), code: 'invalid-alias', message: 'alias "latest" is managed automatically (it always marks the newest version)' },
  { name: 'alias "v3"', run: () => validateAlias('v3'), code: 'invalid-alias', message: 'alias "v3" is reserved: "v" followed by digits names a version index' },
  { name: 'alias with "/"', run: () => validateAlias('a/b'), code: 'invalid-alias', message: 'alias "a/b" may not contain "/"' },
  { name: 'alias with ":"', run: () => validateAlias('prod:1'), code: 'invalid-alias', message: 'alias "prod:1" may not contain ":"' },
  { name: 'alias with a leading space', run: () => validateAlias(' prod'), code: 'invalid-alias', message: 'alias " prod" may not start or end with whitespace' },
  { name: 'empty alias', run: () => validateAlias(''), code: 'invalid-alias', message: 'alias "" may not be empty or only whitespace' },
  { name: 'alias with a lone surrogate', run: () => validateAlias('x\udfff'), code: 'invalid-alias', message: 'alias "x\\udfff" is not valid Unicode (it has a lone surrogate)' },
  { name: 'alias of 200 characters', run: () => validateAlias(longString(200)), code: 'invalid-alias', message: /^alias "x{79}…" is 200 characters long; at most 128 are allowed$/ },
  { name: 'aliases not a list', run: () => validateAliases('prod'), code: 'invalid-alias', message: 'aliases must be a list of strings, got a value of type string' },
  { name: 'tag with "!"', run: () => validateTags(['ok', 'bad!']), code: 'invalid-tag', message: 'tag "bad!" may contain only letters, digits, "_" and "-", in words separated by spaces' },
  { name: 'tag with two spaces… fine, with a trailing one not', run: () => validateTags(['a ']), code: 'invalid-tag', message: 'tag "a " may contain only letters, digits, "_" and "-", in words separated by spaces' },
  { name: 'tag with HTML', run: () => validateTags(['<script>']), code: 'invalid-tag', message: 'tag "<script>" may contain only letters, digits, "_" and "-", in words separated by spaces' },
  { name: 'run name empty', run: () => validateRunName(''), code: 'invalid-name', message: 'run name "" may not be empty' },
  { name: 'description over 100,000 characters', run: () => validateDescription(longString(100_001)), code: 'invalid-description', message: 'description is 100001 characters long; at most 100000 are allowed' },
  { name: 'ttl 0', run: () => validateTtlSeconds(0), code: 'invalid-metadata', message: 'ttl 0 must be at least 1 second' },
  { name: 'ttl 1.5', run: () => validateTtlSeconds(1.5), code: 'invalid-metadata', message: 'ttl 1.5 must be a whole number of seconds' },

  // Metadata
  { name: 'metadata an array', run: () => validateMetadata([1, 2]), code: 'invalid-metadata', message: 'metadata must be a JSON object, got an array' },
  { name: 'metadata a string', run: () => validateMetadata('{}'), code: 'invalid-metadata', message: 'metadata must be a JSON object, got a string' },
  { name: 'metadata with 200 keys', run: () => validateMetadata(manyKeys(200)), code: 'invalid-metadata', message: 'metadata has 200 top-level keys; at most 100 are allowed' },
  { name: 'metadata of 10 MB', run: () => validateMetadata({ blob: longString(10_000_000) }), code: 'invalid-metadata', message: 'metadata is 10 MB as JSON; at most 1 MB are allowed (store larger data as a file of the version)' },
  { name: 'metadata with Infinity', run: () => validateMetadata({ loss: { min: -Infinity } }), code: 'invalid-metadata', message: 'metadata.loss.min is -Infinity; ±Infinity is not allowed' },
  { name: 'metadata nested 300 deep', run: () => validateMetadata(deep(300)), code: 'invalid-metadata', message: /is nested more than 256 levels deep$/ },
  { name: 'metadata with a cycle', run: () => validateMetadata(cyclic()), code: 'invalid-metadata', message: 'metadata.self refers back to itself; JSON cannot hold cycles' },
  { name: 'metadata with a function', run: () => validateMetadata({ f: () => 1 }), code: 'invalid-metadata', message: /^metadata\.f is .*, which is not a JSON value$/ },

  // Manifests (wandb-spec §3)
  { name: 'manifest not JSON', run: () => parseManifest('not json'), code: 'invalid-manifest', message: /^manifest is not valid JSON: / },
  { name: 'manifest truncated', run: () => parseManifest('{"version": 1, "contents": {"a.txt": {"digest": "CY9r'), code: 'invalid-manifest', message: /^manifest is not valid JSON: / },
  { name: 'manifest empty text', run: () => parseManifest(''), code: 'invalid-manifest', message: /^manifest is not valid JSON: / },
  { name: 'manifest an array', run: () => parseManifest('[]'), code: 'invalid-manifest', message: '$ must be an object (got an array)' },
  { name: 'manifest version 2', run: () => parseManifest(JSON.stringify({ version: 2, contents: {} })), code: 'invalid-manifest', message: '$.version must be 1 (got 2); only manifest version 1 is supported' },
  { name: 'manifest without contents', run: () => parseManifest({ version: 1 }), code: 'invalid-manifest', message: '$.contents must be an object (got missing)' },
  { name: 'manifest digest a number', run: () => parseManifest(manifest({ 'a.txt': { digest: 5 } })), code: 'invalid-manifest', message: '$.contents["a.txt"].digest must be a string (got 5)' },
  { name: 'manifest digest too short', run: () => parseManifest(manifest({ 'a.txt': { digest: 'CY9rzUYh03PK3k6DJie0' } })), code: 'invalid-manifest', message: '$.contents["a.txt"].digest must be a base64 md5 digest (24 characters encoding 16 bytes) (got "CY9rzUYh03PK3k6DJie0")' },
  { name: 'manifest digest too long (sha-1 size)', run: () => parseManifest(manifest({ 'a.txt': { digest: 'qUqP5cyxm6YcTAhz05Hph5gvu9M=' } })), code: 'invalid-manifest', message: '$.contents["a.txt"].digest must be a base64 md5 digest (24 characters encoding 16 bytes) (got "qUqP5cyxm6YcTAhz05Hph5gvu9M=")' },
  { name: 'manifest digest hex md5', run: () => parseManifest(manifest({ 'a.txt': { digest: '098f6bcd4621d373cade4e832627b4f6' } })), code: 'invalid-manifest', message: '$.contents["a.txt"].digest must be a base64 md5 digest (24 characters encoding 16 bytes) (got "098f6bcd4621d373cade4e832627b4f6")' },
  { name: 'manifest negative size', run: () => parseManifest(manifest({ 'a.txt': { digest: D, size: -1 } })), code: 'invalid-manifest', message: '$.contents["a.txt"].size must be a non-negative integer (got -1)' },
  { name: 'manifest path with ..', run: () => parseManifest(manifest({ '../x': { digest: D } })), code: 'invalid-manifest', message: '$.contents["../x"] has an invalid path: path "../x" may not contain a ".." segment' },
  { name: 'manifest absolute path', run: () => parseManifest(manifest({ '/etc/shadow': { digest: D } })), code: 'invalid-manifest', message: '$.contents["/etc/shadow"] has an invalid path: path "/etc/shadow" may not start with "/" (paths are relative)' },
  { name: 'manifest duplicate paths after normalising', run: () => parseManifest(manifest({ 'a.txt': { digest: D }, './a.txt': { digest: 'rL0Y20zC+Fzt72VPzMSk2A==' } })), code: 'invalid-manifest', message: '$.contents["a.txt"] and $.contents["./a.txt"] both name path "a.txt" with different digests' },
  { name: 'entries with a duplicate path', run: () => normaliseEntries([entry('a'), entry('b'), entry('a', 'rL0Y20zC+Fzt72VPzMSk2A==')]), code: 'duplicate-path', message: 'path "a" appears twice with different digests ("CY9rzUYh03PK3k6DJie09g==" in entries[0], "rL0Y20zC+Fzt72VPzMSk2A==" in entries[2]); a path may hold only one file' },
  { name: 'entries with an empty digest', run: () => normaliseEntries([entry('a', '')]), code: 'invalid-manifest', message: 'entries[0] ("a").digest may not be empty' },

  // Names and paths (issue 22)
  { name: 'a file and a folder of one name', run: () => refuseFileFolderClash(['data', 'data.txt', 'data/b.txt']), code: 'duplicate-path', message: 'path "data" is a file, but "data/b.txt" puts a file inside a folder of that name; a version cannot hold both (rename or remove one)' },
  { name: 'a file named a\\b.txt beside a/b.txt in one pick', run: () => draftItems(addFiles(createDraft<string>(null), [{ dropPath: 'top/a/b.txt', fileName: 'a\\b.txt', size: 1, file: '1' }, { dropPath: 'top/a/b.txt', fileName: 'b.txt', size: 1, file: '2' }])), code: 'duplicate-path', message: /"top\/a\\\\b\.txt" and "top\/a\/b\.txt" both become "a\/b\.txt"/ },
  { name: 'artifact name "."', run: () => validateArtifactName('.'), code: 'invalid-name', message: 'artifact name "." may not be "." or "..": no URL or file path can hold it (they mean this folder and the one above)' },
  { name: 'artifact name ".."', run: () => validateArtifactName('..'), code: 'invalid-name', message: 'artifact name ".." may not be "." or "..": no URL or file path can hold it (they mean this folder and the one above)' },
  { name: 'alias with a zero-width space', run: () => validateAlias('prod\u200B'), code: 'invalid-alias', message: /^alias "prod\\u200b" holds the invisible character U\+200B/ },
  { name: 'alias with a right-to-left override', run: () => validateAlias('\u202Eprod'), code: 'invalid-alias', message: /^alias "\\u202eprod" holds the invisible character U\+202E/ },
  { name: 'fullwidth alias ｌａｔｅｓｔ', run: () => validateAlias('ｌａｔｅｓｔ'), code: 'invalid-alias', message: 'alias "ｌａｔｅｓｔ" has look-alike characters: it reads as "latest" once Unicode-normalised (NFKC); type "latest" instead' },
  // One set of limits (issue 22 item 13): what metadata may not hold, extra and config may not either.
  { name: 'manifest extra of 10 MB', run: () => parseManifest(manifest({ 'a.txt': { digest: D, extra: { blob: longString(10_000_000) } } })), code: 'invalid-manifest', message: '$.contents["a.txt"].extra is 10 MB as JSON; at most 1 MB are allowed (store larger data as a file of the version)' },
  { name: 'entries with an extra of 10 MB', run: () => normaliseEntries([{ ...entry('a'), extra: { blob: longString(10_000_000) } }]), code: 'invalid-manifest', message: /^entries\[0\].*extra is 10 MB as JSON; at most 1 MB are allowed/ },
  { name: 'run config of 5 MB', run: () => validateConfig({ blob: longString(5_000_000) }), code: 'invalid-config', message: 'config is 5 MB as JSON; at most 1 MB are allowed (store larger data as a file of the version)' },
  { name: 'tag of 1,000,000 characters', run: () => validateTag(longString(1_000_000)), code: 'invalid-tag', message: /^tag "x+…?.*" is 1000000 characters long; at most 128 are allowed$/ },
  { name: '20,000 tags', run: () => validateTags(Array.from({ length: 20_000 }, (_, i) => `t${i}`)), code: 'invalid-tag', message: 'tags has 20000 items; at most 100 are allowed' },
  { name: '101 aliases', run: () => validateAliases(Array.from({ length: 101 }, (_, i) => `a${i}`)), code: 'invalid-alias', message: 'aliases has 101 items; at most 100 are allowed' },
  // Numbers a JS number cannot hold as written (issue 22 item 5): kept in metadata, refused in a run config.
  { name: 'run config with a 20-digit integer', run: () => parseConfigText('{"seed": 12345678901234567890}'), code: 'invalid-config', message: /^config\.seed is 12345678901234567890, which a run config cannot keep exactly/ },
  { name: 'metadata text nested 100,000 deep', run: () => parseMetadataText('{"a":' + '['.repeat(100_000) + ']'.repeat(100_000) + '}'), code: 'invalid-metadata', message: 'metadata is nested more than 256 levels deep' },
];

describe('hostile inputs', () => {
  it('the catalogue has at least 50 inputs', () => {
    expect(cases.length).toBeGreaterThanOrEqual(50);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, { run, code, message }) => {
    let thrown: unknown = null;
    try {
      run();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppError);
    const error = thrown as AppError;
    expect(error.code).toBe(code);
    if (typeof message === 'string') expect(error.message).toBe(message);
    else expect(error.message).toMatch(message);
  });

  it('accepts the hostile-looking inputs the rules allow (Unicode, spaces, HTML in descriptions)', () => {
    expect(normalisePath('./ünïcode 😀//a<b>.txt/')).toBe('ünïcode 😀/a<b>.txt');
    expect(validateDescription('<script>window.__pwned = 1</script>')).toBe('<script>window.__pwned = 1</script>');
    expect(validateAlias('<img src=x onerror=alert(1)>')).toBe('<img src=x onerror=alert(1)>');
    expect(Object.keys(validateMetadata(manyKeys(100)))).toHaveLength(100);
    expect(validateMetadata({ x: NaN })).toEqual({ x: null });
  });
});
