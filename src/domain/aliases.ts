/**
 * Alias and version-lifecycle rules over plain data: planning an alias change, protection,
 * the history timeline and rollback targets, TTL expiry, what blocks a delete, and storage
 * accounting. No I/O and no clock: callers pass `now`.
 */
import { AppError } from './errors';
import { isExactNumber } from './exact-json';
import { quoteForMessage } from './paths';
import type { AliasEvent, JsonObject, JsonValue } from './types';
import { validateAlias } from './validation';

export const LATEST_ALIAS = 'latest';
const DAY_SECONDS = 24 * 60 * 60;

/** The part of a version these rules look at. */
export interface AliasHolder {
  readonly index: number;
  readonly aliases: readonly string[];
}

/** Aliases a user set (everything but `latest`, which the store computes). */
export function userAliases(version: Pick<AliasHolder, 'aliases'>): string[] {
  return version.aliases.filter((a) => a !== LATEST_ALIAS);
}

export type AliasPlan =
  | { readonly kind: 'add'; readonly alias: string; readonly toIndex: number }
  | { readonly kind: 'move'; readonly alias: string; readonly fromIndex: number; readonly toIndex: number }
  | { readonly kind: 'none'; readonly alias: string; readonly toIndex: number };

/**
 * What putting `alias` on version `toIndex` does: add it, move it from the version holding it,
 * or nothing (already there). Throws AppError 'invalid-alias' for an alias the rules refuse.
 */
export function planAliasChange(versions: readonly AliasHolder[], alias: string, toIndex: number): AliasPlan {
  const valid = validateAlias(alias);
  const holder = versions.find((v) => v.aliases.includes(valid));
  if (!holder) return { kind: 'add', alias: valid, toIndex };
  if (holder.index === toIndex) return { kind: 'none', alias: valid, toIndex };
  return { kind: 'move', alias: valid, fromIndex: holder.index, toIndex };
}

/** The refusal of the alias rules as a sentence, or null when `alias` is acceptable. For as-you-type hints. */
export function aliasProblem(alias: string): string | null {
  try {
    validateAlias(alias);
    return null;
  } catch (error) {
    if (error instanceof AppError) return error.message;
    throw error;
  }
}

export function isProtectedAlias(protectedAliases: readonly string[], alias: string): boolean {
  return protectedAliases.includes(alias);
}

/** A typed confirmation matches when it is exactly the alias (surrounding blanks ignored). */
export function confirmationMatches(typed: string, alias: string): boolean {
  return typed.trim() === alias;
}

export function protectedAliasError(alias: string, artifactId: string, action: 'move' | 'remove'): AppError {
  return new AppError(
    'alias-protected',
    `alias ${quoteForMessage(alias)} of ${quoteForMessage(artifactId)} is protected; to ${action} it, confirm by typing its name (or unprotect it first)`,
    { details: { alias, artifactId, action } },
  );
}

/** One stretch of time during which `index` held the alias; `until` is null while it still does. */
export interface AliasSpan {
  readonly index: number;
  readonly from: number;
  readonly until: number | null;
}

/** Per alias (sorted by name), its holders over time, oldest first. `events` oldest first. */
export function aliasTimelines(events: readonly AliasEvent[]): Map<string, AliasSpan[]> {
  const open = new Map<string, { index: number; from: number }>();
  const spans = new Map<string, AliasSpan[]>();
  const push = (alias: string, span: AliasSpan) => {
    const list = spans.get(alias);
    if (list) list.push(span);
    else spans.set(alias, [span]);
  };
  for (const e of events) {
    const current = open.get(e.alias);
    if (current) push(e.alias, { index: current.index, from: current.from, until: e.at });
    if (e.toIndex === null) open.delete(e.alias);
    else open.set(e.alias, { index: e.toIndex, from: e.at });
  }
  for (const [alias, current] of open) push(alias, { index: current.index, from: current.from, until: null });
  return new Map([...spans.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * Earlier holders of `alias` it can be rolled back to: live versions that held it before, most
 * recent first, without the current holder and without repeats.
 */
export function rollbackTargets(events: readonly AliasEvent[], alias: string, liveIndices: ReadonlySet<number>): number[] {
  const history = aliasTimelines(events.filter((e) => e.alias === alias)).get(alias) ?? [];
  const current = history.at(-1)?.until === null ? history.at(-1)?.index : undefined;
  const out: number[] = [];
  for (let i = history.length - 1; i >= 0; i--) {
    const index = history[i]?.index;
    if (index === undefined || index === current || out.includes(index) || !liveIndices.has(index)) continue;
    out.push(index);
  }
  return out;
}

// TTL

export interface TtlVersion extends AliasHolder {
  readonly createdAt: number;
  readonly ttlSeconds: number | null;
}

/** When the version expires (ms since 1970), or null without a TTL. */
export function expiresAt(version: Pick<TtlVersion, 'createdAt' | 'ttlSeconds'>): number | null {
  return version.ttlSeconds === null ? null : version.createdAt + version.ttlSeconds * 1000;
}

/** Versions whose time to live has run out at `now`, in the order given. */
export function expiredVersions<V extends Pick<TtlVersion, 'createdAt' | 'ttlSeconds'>>(versions: readonly V[], now: number): V[] {
  return versions.filter((v) => {
    const at = expiresAt(v);
    return at !== null && at <= now;
  });
}

/** Why an expired version is still there, for the UI. */
export function expiryKeptReason(aliases: readonly string[]): string {
  const list = aliases.map((a) => quoteForMessage(a)).join(', ');
  return `expired but is kept because it holds ${aliases.length === 1 ? 'the alias' : 'the aliases'} ${list}; remove ${aliases.length === 1 ? 'it' : 'them'} to let it go`;
}

/** TTL in whole days → seconds; null clears. Refuses anything but a whole number of days from 1 to 36,500. */
export function ttlDaysToSeconds(days: number | null): number | null {
  if (days === null) return null;
  if (!Number.isSafeInteger(days) || days < 1 || days > 36_500) {
    throw new AppError('invalid-metadata', `time to live ${String(days)} must be a whole number of days from 1 to 36500`);
  }
  return days * DAY_SECONDS;
}

/** Seconds → days for display (rounded up so a partial day still shows). */
export function ttlSecondsToDays(seconds: number): number {
  return Math.ceil(seconds / DAY_SECONDS);
}

// Comparison of two versions (for the move confirmation)

export interface NumericDelta {
  readonly key: string;
  readonly before: number;
  readonly after: number;
  readonly delta: number;
}

function numericLeaves(value: JsonValue, prefix: string, out: Map<string, number>, depth: number): void {
  if (typeof value === 'number') {
    out.set(prefix, value);
    return;
  }
  // A number JS cannot hold as written has no exact delta: left out rather than rounded.
  if (isExactNumber(value)) return;
  if (depth >= 3 || value === null || typeof value !== 'object' || Array.isArray(value)) return;
  for (const [k, v] of Object.entries(value)) numericLeaves(v, prefix === '' ? k : `${prefix}.${k}`, out, depth + 1);
}

/** Numbers present in both metadata objects (dotted keys, 3 levels deep) that differ, by key. */
export function numericDeltas(before: JsonObject, after: JsonObject): NumericDelta[] {
  const a = new Map<string, number>();
  const b = new Map<string, number>();
  numericLeaves(before, '', a, 0);
  numericLeaves(after, '', b, 0);
  const out: NumericDelta[] = [];
  for (const [key, x] of a) {
    const y = b.get(key);
    if (y !== undefined && y !== x) out.push({ key, before: x, after: y, delta: y - x });
  }
  return out.sort((p, q) => (p.key < q.key ? -1 : p.key > q.key ? 1 : 0));
}

// Storage accounting

export interface StorageInputVersion<Id extends string = string> {
  readonly id: Id;
  readonly group: string;
  /** Logical size: the sum of the version's entry sizes (references included). */
  readonly size: number;
  /** Distinct digests of the stored (non-reference) files of the version. */
  readonly blobs: readonly string[];
}

export interface StorageTotals {
  /** Sum of version sizes. */
  readonly logicalBytes: number;
  /** Bytes of the distinct blobs these versions use. */
  readonly storedBytes: number;
}

export interface StorageAccount<Id extends string = string> extends StorageTotals {
  readonly groups: Map<string, StorageTotals>;
  /** Per version: bytes deleting it alone would free (blobs no other live version anywhere uses). */
  readonly freedBytes: Map<Id, number>;
}

/**
 * Logical vs stored bytes for some versions, per group (artifact) and in total, and what deleting
 * each version would free. `refCount` is the store-wide count of live versions using a blob, so
 * versions of other projects keep shared blobs alive.
 */
export function accountStorage<Id extends string>(
  versions: readonly StorageInputVersion<Id>[],
  blobSize: ReadonlyMap<string, number>,
  refCount: ReadonlyMap<string, number>,
): StorageAccount<Id> {
  const all = new Set<string>();
  const perGroup = new Map<string, { logical: number; blobs: Set<string> }>();
  const freedBytes = new Map<Id, number>();
  let logicalBytes = 0;
  for (const v of versions) {
    logicalBytes += v.size;
    const group = perGroup.get(v.group) ?? { logical: 0, blobs: new Set<string>() };
    group.logical += v.size;
    perGroup.set(v.group, group);
    let freed = 0;
    for (const d of v.blobs) {
      all.add(d);
      group.blobs.add(d);
      if ((refCount.get(d) ?? 0) <= 1) freed += blobSize.get(d) ?? 0;
    }
    freedBytes.set(v.id, freed);
  }
  const sum = (digests: Iterable<string>) => {
    let n = 0;
    for (const d of digests) n += blobSize.get(d) ?? 0;
    return n;
  };
  const groups = new Map<string, StorageTotals>();
  for (const [name, g] of perGroup) groups.set(name, { logicalBytes: g.logical, storedBytes: sum(g.blobs) });
  return { logicalBytes, storedBytes: sum(all), groups, freedBytes };
}
