import { describe, expect, it } from 'vitest';
import {
  accountStorage,
  aliasProblem,
  aliasTimelines,
  confirmationMatches,
  expiredVersions,
  expiresAt,
  expiryKeptReason,
  isProtectedAlias,
  numericDeltas,
  planAliasChange,
  protectedAliasError,
  rollbackTargets,
  ttlDaysToSeconds,
  ttlSecondsToDays,
  userAliases,
} from './aliases';
import { AppError } from './errors';
import type { AliasEvent, ArtifactId } from './types';

const A = 'p/model' as ArtifactId;
const ev = (alias: string, action: AliasEvent['action'], fromIndex: number | null, toIndex: number | null, at: number): AliasEvent => ({
  artifactId: A,
  alias,
  action,
  fromIndex,
  toIndex,
  at,
});

describe('planAliasChange', () => {
  const versions = [
    { index: 5, aliases: ['latest', 'candidate'] },
    { index: 3, aliases: ['production'] },
    { index: 1, aliases: [] },
  ];
  it.each([
    ['staging', 1, { kind: 'add', alias: 'staging', toIndex: 1 }],
    ['production', 5, { kind: 'move', alias: 'production', fromIndex: 3, toIndex: 5 }],
    ['production', 3, { kind: 'none', alias: 'production', toIndex: 3 }],
  ] as const)('%s → v%i', (alias, to, plan) => {
    expect(planAliasChange(versions, alias, to)).toEqual(plan);
  });

  it.each([
    ['latest', /managed automatically/],
    ['v3', /reserved/],
    ['a/b', /"\/"/],
    ['a:b', /":"/],
    ['', /empty|blank/],
    ['x'.repeat(129), /128/],
  ])('refuses %j with the rule', (alias, rule) => {
    expect(() => planAliasChange(versions, alias, 1)).toThrow(rule);
    expect(aliasProblem(alias)).toMatch(rule);
  });

  it('accepts good aliases as you type', () => {
    expect(aliasProblem('production')).toBeNull();
    expect(aliasProblem('v3-rc')).toBeNull();
  });
});

describe('protection', () => {
  it('knows protected aliases and matches typed confirmations exactly', () => {
    expect(isProtectedAlias(['production'], 'production')).toBe(true);
    expect(isProtectedAlias(['production'], 'staging')).toBe(false);
    expect(confirmationMatches(' production ', 'production')).toBe(true);
    expect(confirmationMatches('Production', 'production')).toBe(false);
    expect(confirmationMatches('prod', 'production')).toBe(false);
  });
  it('names the alias and the way out in its refusal', () => {
    const error = protectedAliasError('production', 'p/model', 'move');
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe('alias-protected');
    expect(error.message).toMatch(/"production".*protected.*move/);
  });
});

describe('alias history', () => {
  const events = [
    ev('production', 'add', null, 0, 10),
    ev('candidate', 'add', null, 1, 15),
    ev('production', 'move', 0, 2, 20),
    ev('production', 'move', 2, 3, 30),
    ev('candidate', 'remove', 1, null, 35),
    ev('production', 'move', 3, 0, 40),
    ev('production', 'move', 0, 4, 50),
  ];

  it('builds a timeline per alias', () => {
    const t = aliasTimelines(events);
    expect([...t.keys()]).toEqual(['candidate', 'production']);
    expect(t.get('candidate')).toEqual([{ index: 1, from: 15, until: 35 }]);
    expect(t.get('production')).toEqual([
      { index: 0, from: 10, until: 20 },
      { index: 2, from: 20, until: 30 },
      { index: 3, from: 30, until: 40 },
      { index: 0, from: 40, until: 50 },
      { index: 4, from: 50, until: null },
    ]);
  });

  it('offers earlier live holders, most recent first, without the current one or repeats', () => {
    expect(rollbackTargets(events, 'production', new Set([0, 2, 3, 4]))).toEqual([0, 3, 2]);
    expect(rollbackTargets(events, 'production', new Set([2, 4]))).toEqual([2]);
  });

  it('offers every earlier holder of a removed alias', () => {
    expect(rollbackTargets(events, 'candidate', new Set([1]))).toEqual([1]);
    expect(rollbackTargets([], 'x', new Set([1]))).toEqual([]);
  });
});

describe('TTL', () => {
  const day = 86_400;
  const v = (index: number, createdAt: number, ttlSeconds: number | null, aliases: string[] = []) => ({ index, createdAt, ttlSeconds, aliases });

  it('selects versions whose time ran out, the boundary included', () => {
    const versions = [v(0, 0, 10), v(1, 0, 11), v(2, 0, null), v(3, 5_000, 5)];
    expect(expiresAt(versions[0] ?? v(9, 0, null))).toBe(10_000);
    expect(expiresAt(versions[2] ?? v(9, 0, 1))).toBeNull();
    expect(expiredVersions(versions, 10_000).map((x) => x.index)).toEqual([0, 3]);
    expect(expiredVersions(versions, 9_999).map((x) => x.index)).toEqual([]);
    expect(expiredVersions(versions, 11_000).map((x) => x.index)).toEqual([0, 1, 3]);
  });

  it('says why an expired version is kept, and which aliases count (latest does not)', () => {
    expect(expiryKeptReason(['production'])).toMatch(/kept because it holds the alias "production"/);
    expect(userAliases({ aliases: ['latest', 'a'] })).toEqual(['a']);
  });

  it('converts days and refuses odd values', () => {
    expect(ttlDaysToSeconds(7)).toBe(7 * day);
    expect(ttlDaysToSeconds(null)).toBeNull();
    for (const bad of [0, -1, 1.5, Number.NaN, 40_000]) expect(() => ttlDaysToSeconds(bad)).toThrow(/whole number of days/);
    expect(ttlSecondsToDays(7 * day)).toBe(7);
    expect(ttlSecondsToDays(3600)).toBe(1);
  });
});

describe('numericDeltas', () => {
  it('lists numbers that changed, nested keys dotted', () => {
    expect(
      numericDeltas({ acc: 0.9, loss: 0.3, rows: 10, name: 'a', eval: { f1: 0.5, n: 1 }, only: 1 }, { acc: 0.95, loss: 0.3, rows: 12, name: 'b', eval: { f1: 0.6, n: 1 } }),
    ).toEqual([
      { key: 'acc', before: 0.9, after: 0.95, delta: 0.95 - 0.9 },
      { key: 'eval.f1', before: 0.5, after: 0.6, delta: 0.6 - 0.5 },
      { key: 'rows', before: 10, after: 12, delta: 2 },
    ]);
  });
});

describe('accountStorage', () => {
  it('sums logical bytes, counts shared blobs once and tells what a delete frees', () => {
    const sizes = new Map([
      ['a', 100],
      ['b', 50],
      ['c', 7],
      ['x', 1000],
    ]);
    // "x" is also used by a version of another project: refCount 2, one of them outside.
    const refs = new Map([
      ['a', 2],
      ['b', 1],
      ['c', 1],
      ['x', 2],
    ]);
    const result = accountStorage(
      [
        { id: 'v0', group: 'data', size: 150 + 5000, blobs: ['a', 'b'] },
        { id: 'v1', group: 'data', size: 100, blobs: ['a'] },
        { id: 'm0', group: 'model', size: 1007, blobs: ['x', 'c'] },
      ],
      sizes,
      refs,
    );
    expect(result.logicalBytes).toBe(5150 + 100 + 1007);
    expect(result.storedBytes).toBe(100 + 50 + 7 + 1000);
    expect(result.groups.get('data')).toEqual({ logicalBytes: 5250, storedBytes: 150 });
    expect(result.groups.get('model')).toEqual({ logicalBytes: 1007, storedBytes: 1007 });
    expect(result.freedBytes.get('v0')).toBe(50);
    expect(result.freedBytes.get('v1')).toBe(0);
    expect(result.freedBytes.get('m0')).toBe(7);
  });
});
