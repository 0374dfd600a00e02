import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from './errors';
import {
  cleanJsonValue,
  validateAlias,
  validateExistingAlias,
  validateAliases,
  validateArtifactName,
  validateArtifactType,
  validateConfig,
  validateDescription,
  validateJobType,
  validateMetadata,
  validateProjectName,
  validateRunName,
  validateTags,
  validateTtlSeconds,
} from './validation';
import { errorOf, expectRefusal } from '../test/app-error';

const LETTERS_RULE = 'may contain only letters, digits, "_", "-" and "."';
const DOT_RULE = 'may not be "." or "..": no URL or file path can hold it (they mean this folder and the one above)';

describe('validateArtifactName / validateProjectName', () => {
  it.each(['mnist', 'my-data_v2.0', 'A', '...', '-', 'x'.repeat(128)])('accepts %j', (name) => {
    expect(validateArtifactName(name)).toBe(name);
    expect(validateProjectName(name)).toBe(name);
  });

  it.each([
    ['my data', `artifact name "my data" ${LETTERS_RULE}`],
    ['a/b', `artifact name "a/b" ${LETTERS_RULE}`],
    ['a:b', `artifact name "a:b" ${LETTERS_RULE}`],
    ['daté', `artifact name "daté" ${LETTERS_RULE}`],
    ['name\n', `artifact name "name\\n" ${LETTERS_RULE}`],
    ['', 'artifact name "" may not be empty'],
    ['x'.repeat(129), `artifact name ${JSON.stringify(`${'x'.repeat(79)}…`)} is 129 characters long; at most 128 are allowed`],
    ['.', `artifact name "." ${DOT_RULE}`],
    ['..', `artifact name ".." ${DOT_RULE}`],
  ])('refuses %j', (name, message) => {
    expectRefusal(() => validateArtifactName(name), 'invalid-name', message);
  });

  it('names a project as such', () => {
    expectRefusal(() => validateProjectName('my project'), 'invalid-name', `project name "my project" ${LETTERS_RULE}`);
    expectRefusal(() => validateProjectName('..'), 'invalid-name', `project name ".." ${DOT_RULE}`);
    expectRefusal(() => validateProjectName(undefined), 'invalid-name', 'project name must be a string, got a value of type undefined');
  });
});

describe('validateArtifactType / validateJobType', () => {
  it.each(['dataset', 'model', 'raw data', 'jobs', 'my-wandb-type', 'Job', 'données', 't'.repeat(128)])('accepts %j', (type) => {
    expect(validateArtifactType(type)).toBe(type);
    expect(validateJobType(type)).toBe(type);
  });

  it.each([
    ['a/b', 'artifact type "a/b" may not contain "/"'],
    ['a:b', 'artifact type "a:b" may not contain ":"'],
    ['', 'artifact type "" may not be empty or only whitespace'],
    ['   ', 'artifact type "   " may not be empty or only whitespace'],
    [' model', 'artifact type " model" may not start or end with whitespace'],
    ['mo\tdel', 'artifact type "mo\\tdel" may not contain control characters'],
    ['job', 'artifact type "job" is reserved by W&B'],
    ['wandb-history', 'artifact type "wandb-history" is reserved by W&B (types starting "wandb-")'],
    ['wandb-', 'artifact type "wandb-" is reserved by W&B (types starting "wandb-")'],
  ])('refuses %j', (type, message) => {
    expectRefusal(() => validateArtifactType(type), 'invalid-type', message);
  });

  it('counts length in code points', () => {
    expect(validateArtifactType('\u{1F600}'.repeat(128))).toHaveLength(256);
    expectRefusal(
      () => validateArtifactType('t'.repeat(129)),
      'invalid-type',
      `artifact type ${JSON.stringify(`${'t'.repeat(79)}…`)} is 129 characters long; at most 128 are allowed`,
    );
  });

  it('job types are not reserved-checked but follow the other rules', () => {
    expect(validateJobType('job')).toBe('job');
    expect(validateJobType('wandb-eval')).toBe('wandb-eval');
    expectRefusal(() => validateJobType('a/b'), 'invalid-type', 'job type "a/b" may not contain "/"');
    expectRefusal(() => validateJobType(''), 'invalid-type', 'job type "" may not be empty or only whitespace');
  });
});

describe('validateRunName', () => {
  it.each(['train', 'crimson-sun-42', ' spaced ', 'r'.repeat(128), 'a/b:c'])('accepts %j', (name) => {
    expect(validateRunName(name)).toBe(name);
  });

  it.each([
    ['', 'run name "" may not be empty'],
    ['a\u0000', 'run name "a\\u0000" may not contain control characters'],
    ['r'.repeat(129), `run name ${JSON.stringify(`${'r'.repeat(79)}…`)} is 129 characters long; at most 128 are allowed`],
  ])('refuses %j', (name, message) => {
    expectRefusal(() => validateRunName(name), 'invalid-name', message);
  });
});

describe('validateAlias / validateAliases', () => {
  it.each(['best', 'production', 'v', 'v1.0', 'V1', 'vx1', 'prod-2024', 'my alias', 'latest-good'])('accepts %j', (alias) => {
    expect(validateAlias(alias)).toBe(alias);
  });

  it.each([
    ['a/b', 'alias "a/b" may not contain "/"'],
    ['a:b', 'alias "a:b" may not contain ":"'],
    ['latest', 'alias "latest" is managed automatically (it always marks the newest version)'],
    ['v0', 'alias "v0" is reserved: "v" followed by digits names a version index'],
    ['v12', 'alias "v12" is reserved: "v" followed by digits names a version index'],
    ['', 'alias "" may not be empty or only whitespace'],
    [' \t ', 'alias " \\t " may not be empty or only whitespace'],
    [' best', 'alias " best" may not start or end with whitespace'],
    ['a'.repeat(129), `alias ${JSON.stringify(`${'a'.repeat(79)}…`)} is 129 characters long; at most 128 are allowed`],
  ])('refuses %j', (alias, message) => {
    expectRefusal(() => validateAlias(alias), 'invalid-alias', message);
  });

  // Issue 22: look-alikes. The message shows the hidden character as an escape.
  const INVISIBLE = 'it would look like another alias (invisible and text-direction characters are not allowed)';
  it.each([
    ['prod\u200B', `alias "prod\\u200b" holds the invisible character U+200B: ${INVISIBLE}`],
    ['\u202Eprod', `alias "\\u202eprod" holds the invisible character U+202E: ${INVISIBLE}`],
    ['pr\u200Dod', `alias "pr\\u200dod" holds the invisible character U+200D: ${INVISIBLE}`],
    ['be\uFEFFst', `alias "be\\ufeffst" holds the invisible character U+FEFF: ${INVISIBLE}`],
    ['a\u2028b', `alias "a\\u2028b" holds the invisible character U+2028: ${INVISIBLE}`],
    ['\u3164', `alias "\u3164" holds the invisible character U+3164: ${INVISIBLE}`],
    ['ｌａｔｅｓｔ', 'alias "ｌａｔｅｓｔ" has look-alike characters: it reads as "latest" once Unicode-normalised (NFKC); type "latest" instead'],
    ['ｐｒｏｄ', 'alias "ｐｒｏｄ" has look-alike characters: it reads as "prod" once Unicode-normalised (NFKC); type "prod" instead'],
    ['my\u00A0alias', 'alias "my\u00A0alias" has look-alike characters: it reads as "my alias" once Unicode-normalised (NFKC); type "my alias" instead'],
    ['cafe\u0301', 'alias "cafe\u0301" has look-alike characters: it reads as "café" once Unicode-normalised (NFKC); type "café" instead'],
    ['ﬁnal', 'alias "ﬁnal" has look-alike characters: it reads as "final" once Unicode-normalised (NFKC); type "final" instead'],
  ])('refuses the look-alike %j', (alias, message) => {
    expectRefusal(() => validateAlias(alias), 'invalid-alias', message);
  });

  it('accepts plain non-ASCII aliases, and still names an alias stored before the look-alike rule', () => {
    expect(validateAlias('café')).toBe('café');
    expect(validateAlias('生产')).toBe('生产');
    expect(validateExistingAlias('prod\u200B')).toBe('prod\u200B');
  });

  it('drops duplicates and keeps the order', () => {
    expect(validateAliases(['prod', 'best', 'prod', 'staging', 'best'])).toEqual(['prod', 'best', 'staging']);
    expect(validateAliases([])).toEqual([]);
  });

  it('names the first bad alias, and refuses a non-list', () => {
    expectRefusal(() => validateAliases(['ok', 'v3', 'a/b']), 'invalid-alias', 'alias "v3" is reserved: "v" followed by digits names a version index');
    expectRefusal(() => validateAliases('best'), 'invalid-alias', 'aliases must be a list of strings, got a value of type string');
    expectRefusal(() => validateAliases([1]), 'invalid-alias', 'alias must be a string, got 1');
  });
});

describe('validateTags', () => {
  it.each([
    [['a'], ['a']],
    [['baseline', 'new-arch', 'under_score', 'two words', 'many   spaces'], ['baseline', 'new-arch', 'under_score', 'two words', 'many   spaces']],
    [['données', '日本語', 'x2'], ['données', '日本語', 'x2']],
    [['b', 'a', 'b', 'a', 'c'], ['b', 'a', 'c']],
  ])('accepts %j as %j', (input, expected) => {
    expect(validateTags(input)).toEqual(expected);
  });

  const rule = 'may contain only letters, digits, "_" and "-", in words separated by spaces';
  it.each([
    ['', `tag "" ${rule}`],
    [' lead', `tag " lead" ${rule}`],
    ['trail ', `tag "trail " ${rule}`],
    ['a.b', `tag "a.b" ${rule}`],
    ['a/b', `tag "a/b" ${rule}`],
    ['tab\tsep', `tag "tab\\tsep" ${rule}`],
    ['line\n', `tag "line\\n" ${rule}`],
  ])('refuses %j', (tag, message) => {
    expectRefusal(() => validateTags([tag]), 'invalid-tag', message);
  });

  it('refuses a non-list', () => {
    expectRefusal(() => validateTags(null), 'invalid-tag', 'tags must be a list of strings, got null');
  });
});

describe('validateMetadata / validateConfig', () => {
  it('returns a clean deep copy, NaN becoming null and -0 becoming 0', () => {
    const input = { a: 1, b: { c: [1, NaN, 'x', null, true] }, d: NaN, z: -0 };
    const output = validateMetadata(input);
    expect(output).toEqual({ a: 1, b: { c: [1, null, 'x', null, true] }, d: null, z: 0 });
    expect(Object.is(output['z'], 0)).toBe(true);
    expect(output).not.toBe(input);
    expect(output['b']).not.toBe(input.b);
  });

  it('keeps "__proto__" as a plain key', () => {
    const input: unknown = JSON.parse('{"__proto__": {"polluted": true}, "ok": 1}');
    const output = validateMetadata(input);
    expect(Object.keys(output)).toEqual(['__proto__', 'ok']);
    expect(Object.getPrototypeOf(output)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(JSON.stringify(output)).toBe('{"__proto__":{"polluted":true},"ok":1}');
  });

  it('builds the name of a value given as a function only for a refusal, and names the offending place', () => {
    let built = 0;
    const name = () => {
      built += 1;
      return 'entries[7].extra';
    };
    expect(cleanJsonValue({ a: [1, { b: 'x' }] }, name, 'invalid-manifest')).toEqual({ a: [1, { b: 'x' }] });
    expect(built).toBe(0);
    expectRefusal(() => cleanJsonValue({ a: [1, { 'b c': Infinity }] }, name, 'invalid-manifest'), 'invalid-manifest', 'entries[7].extra.a[1]["b c"] is Infinity; ±Infinity is not allowed');
    expect(built).toBeGreaterThan(0);
  });

  it('allows 100 top-level keys and refuses 101', () => {
    const keys = (n: number): Record<string, number> => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i]));
    expect(Object.keys(validateMetadata(keys(100)))).toHaveLength(100);
    expectRefusal(() => validateMetadata(keys(101)), 'invalid-metadata', 'metadata has 101 top-level keys; at most 100 are allowed');
    // Nested keys do not count, and config has no limit.
    expect(validateMetadata({ nested: keys(500) })).toEqual({ nested: keys(500) });
    expect(Object.keys(validateConfig(keys(1000)))).toHaveLength(1000);
  });

  const cyclic: Record<string, unknown> = { a: 1 };
  cyclic['self'] = cyclic;

  it.each([
    [[], 'metadata must be a JSON object, got an array'],
    [null, 'metadata must be a JSON object, got null'],
    ['text', 'metadata must be a JSON object, got a string'],
    [new Date(0), 'metadata must be a JSON object, got a Date'],
    [{ a: Infinity }, 'metadata.a is Infinity; ±Infinity is not allowed'],
    [{ a: { 'b c': [0, -Infinity] } }, 'metadata.a["b c"][1] is -Infinity; ±Infinity is not allowed'],
    [{ a: undefined }, 'metadata.a is undefined, which is not a JSON value'],
    [{ f: () => 1 }, 'metadata.f is a function, which is not a JSON value'],
    [{ n: 10n }, 'metadata.n is a bigint, which is not a JSON value'],
    [{ when: new Date(0) }, 'metadata.when is a Date, which is not a JSON value'],
    [{ m: new Map() }, 'metadata.m is a Map, which is not a JSON value'],
    [cyclic, 'metadata.self refers back to itself; JSON cannot hold cycles'],
  ])('refuses %s', (value, message) => {
    expectRefusal(() => validateMetadata(value), 'invalid-metadata', message);
  });

  it('refuses absurdly deep nesting instead of overflowing the stack', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 10_000; i++) deep = [deep];
    const error = errorOf(() => validateMetadata({ deep }));
    expect(error.code).toBe('invalid-metadata');
    expect(error.message).toMatch(/^metadata\.deep(\[0\])+ is nested more than 256 levels deep$/);
  });

  it('uses the config code and noun for config', () => {
    expect(validateConfig({ lr: 0.001, layers: [64, 64] })).toEqual({ lr: 0.001, layers: [64, 64] });
    expectRefusal(() => validateConfig({ lr: Infinity }), 'invalid-config', 'config.lr is Infinity; ±Infinity is not allowed');
    expectRefusal(() => validateConfig([1]), 'invalid-config', 'config must be a JSON object, got an array');
  });
});

describe('validateDescription', () => {
  it('keeps Markdown as it is', () => {
    const text = '# Title\n\n* item\n\n```py\nx = 1\n```\n';
    expect(validateDescription(text)).toBe(text);
    expect(validateDescription('')).toBe('');
  });

  it('refuses a non-string and very long text', () => {
    expectRefusal(() => validateDescription(5), 'invalid-description', 'description must be a string, got 5');
    expectRefusal(
      () => validateDescription('x'.repeat(100_001)),
      'invalid-description',
      'description is 100001 characters long; at most 100000 are allowed',
    );
  });
});

describe('validateTtlSeconds', () => {
  it.each([
    [null, null],
    [undefined, null],
    [1, 1],
    [86_400, 86_400],
  ])('accepts %j as %j', (input, expected) => {
    expect(validateTtlSeconds(input)).toBe(expected);
  });

  it.each([
    [0, 'ttl 0 must be at least 1 second'],
    [-5, 'ttl -5 must be at least 1 second'],
    [1.5, 'ttl 1.5 must be a whole number of seconds'],
    [NaN, 'ttl NaN must be a whole number of seconds'],
    [Infinity, 'ttl Infinity must be a whole number of seconds'],
    ['60', 'ttl a value of type string must be a whole number of seconds'],
  ])('refuses %j', (input, message) => {
    expectRefusal(() => validateTtlSeconds(input), 'invalid-metadata', message);
  });
});

describe('validators under random input', () => {
  const stringValidators: [string, (value: unknown) => string][] = [
    ['validateProjectName', validateProjectName],
    ['validateArtifactName', validateArtifactName],
    ['validateArtifactType', validateArtifactType],
    ['validateJobType', validateJobType],
    ['validateRunName', validateRunName],
    ['validateAlias', validateAlias],
    ['validateDescription', validateDescription],
  ];
  const anyInput = fc.oneof(
    fc.string(),
    fc.string({ unit: 'binary' }),
    fc.constantFrom('latest', 'v1', 'job', 'wandb-x', ' ', 'a/b', 'a:b'),
    fc.anything(),
  );

  it.each(stringValidators)('%s throws only AppError and accepts its own output', (_name, validate) => {
    fc.assert(
      fc.property(anyInput, (input) => {
        let output: string;
        try {
          output = validate(input);
        } catch (error) {
          expect(error).toBeInstanceOf(AppError);
          return;
        }
        expect(validate(output)).toBe(output);
      }),
      { numRuns: 500 },
    );
  });

  it.each([
    ['validateAliases', validateAliases],
    ['validateTags', validateTags],
  ] as const)('%s throws only AppError and is idempotent', (_name, validate) => {
    const lists = fc.oneof(fc.array(fc.oneof(fc.string(), fc.constantFrom('a', 'b c', 'v2', 'best'))), fc.anything());
    fc.assert(
      fc.property(lists, (input) => {
        let output: string[];
        try {
          output = validate(input);
        } catch (error) {
          expect(error).toBeInstanceOf(AppError);
          return;
        }
        expect(validate(output)).toEqual(output);
        expect(new Set(output).size).toBe(output.length);
      }),
      { numRuns: 500 },
    );
  });

  it.each([
    ['validateMetadata', validateMetadata],
    ['validateConfig', validateConfig],
  ] as const)('%s throws only AppError and its output survives JSON', (_name, validate) => {
    const values = fc.oneof(
      fc.jsonValue(),
      fc.object({ values: [fc.double(), fc.string(), fc.constant(undefined), fc.date()] }),
      fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 120 }),
      fc.anything({ withNullPrototype: true, withMap: true, withBigInt: true, withDate: true }),
    );
    fc.assert(
      fc.property(values, (input) => {
        let output: unknown;
        try {
          output = validate(input);
        } catch (error) {
          expect(error).toBeInstanceOf(AppError);
          return;
        }
        expect(validate(output)).toEqual(output);
        expect(JSON.parse(JSON.stringify(output))).toEqual(output);
      }),
      { numRuns: 500 },
    );
  });
});
