/**
 * What copying one artifact from one store to another must do (push to a shared store, or pull
 * from it): pure planning over version records, so the runner only carries it out.
 *
 * Versions are copied oldest first so the target numbers them in the same order and `latest`
 * ends on the newest. A version whose artifact digest the target already holds is not copied
 * again (its aliases are still put on the target's version). Only blobs the target lacks move.
 */
import type { ArtifactVersion, ManifestEntry, RunId } from './types';

const LATEST = 'latest';

export interface VersionSyncStep {
  /** The source version, in ascending index order across the steps. */
  readonly source: ArtifactVersion;
  /** 'copy': commit it on the target; 'skip': the target already has a version with its digest. */
  readonly action: 'copy' | 'skip';
  /** The target's live version with the same digest (for 'skip'), else null. */
  readonly existing: ArtifactVersion | null;
  /** Aliases (not `latest`) the source version holds and the target version must hold. */
  readonly aliases: readonly string[];
}

export interface ArtifactSyncPlan {
  readonly steps: readonly VersionSyncStep[];
  readonly copyCount: number;
  readonly skipCount: number;
  /** Producing runs of the versions to copy, first use first, each once. */
  readonly runIds: readonly RunId[];
  /** Sum of the sizes of the versions to copy (an upper bound on the bytes to move). */
  readonly bytesToCopy: number;
}

function userAliases(version: ArtifactVersion): string[] {
  return version.aliases.filter((alias) => alias !== LATEST);
}

/**
 * Plans copying the live versions `source` of one artifact into a target whose live versions of
 * that artifact are `target` (either may be in any order).
 */
export function planArtifactSync(source: readonly ArtifactVersion[], target: readonly ArtifactVersion[]): ArtifactSyncPlan {
  const byDigest = new Map<string, ArtifactVersion>();
  for (const version of target) byDigest.set(version.digest, version);
  const ordered = [...source].sort((a, b) => a.index - b.index);
  const copied = new Set<string>();
  const runIds: RunId[] = [];
  const seenRuns = new Set<RunId>();
  let bytesToCopy = 0;
  const steps = ordered.map((version): VersionSyncStep => {
    const existing = byDigest.get(version.digest) ?? null;
    // Two source versions with one digest cannot both exist live, but be safe: copy once.
    const action = existing === null && !copied.has(version.digest) ? 'copy' : 'skip';
    if (action === 'copy') {
      copied.add(version.digest);
      bytesToCopy += version.size;
      if (version.producedBy !== null && !seenRuns.has(version.producedBy)) {
        seenRuns.add(version.producedBy);
        runIds.push(version.producedBy);
      }
    }
    return { source: version, action, existing, aliases: userAliases(version) };
  });
  const copyCount = steps.filter((step) => step.action === 'copy').length;
  return { steps, copyCount, skipCount: steps.length - copyCount, runIds, bytesToCopy };
}

/** The aliases a skipped step must add to the target's version (those it does not hold yet). */
export function aliasesToAdd(step: VersionSyncStep): string[] {
  const held = new Set(step.existing?.aliases ?? []);
  return step.aliases.filter((alias) => !held.has(alias));
}

/** Entries whose bytes live in the store (not references), one per distinct digest, in entry order. */
export function blobDigestsOfEntries(entries: readonly ManifestEntry[]): { digest: string; size: number }[] {
  const seen = new Set<string>();
  const out: { digest: string; size: number }[] = [];
  for (const entry of entries) {
    if (entry.ref !== undefined || seen.has(entry.digest)) continue;
    seen.add(entry.digest);
    out.push({ digest: entry.digest, size: entry.size ?? 0 });
  }
  return out;
}

/**
 * Splits the blobs the target lacks (`present` = what `hasBlobs` answered) into batches of at most
 * `maxBytes` (and `maxCount`) each, so a copy can report progress and stop between batches.
 */
export function planBlobBatches(
  blobs: readonly { digest: string; size: number }[],
  present: ReadonlySet<string>,
  limits: { maxBytes: number; maxCount: number },
): { digest: string; size: number }[][] {
  const batches: { digest: string; size: number }[][] = [];
  let batch: { digest: string; size: number }[] = [];
  let bytes = 0;
  for (const blob of blobs) {
    if (present.has(blob.digest)) continue;
    if (batch.length > 0 && (bytes + blob.size > limits.maxBytes || batch.length >= limits.maxCount)) {
      batches.push(batch);
      batch = [];
      bytes = 0;
    }
    batch.push(blob);
    bytes += blob.size;
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}

/**
 * The order to copy a project's artifacts in: an artifact after those its producing runs used,
 * so each run is created with its inputs already in the target. Ties (and cycles, which runs can
 * form across artifacts) are broken by name, in code-unit order.
 */
export function orderArtifactsForSync(
  artifacts: readonly string[],
  versions: readonly Pick<ArtifactVersion, 'artifactName' | 'producedBy'>[],
  runs: readonly { id: RunId; inputs: readonly string[] }[],
): string[] {
  const inputsOf = new Map<RunId, string[]>();
  for (const run of runs) {
    inputsOf.set(
      run.id,
      run.inputs.map((input) => /^[^/]+\/([^/:]+):v\d+$/.exec(input)?.[1] ?? '').filter((name) => name !== ''),
    );
  }
  const needs = new Map<string, Set<string>>(artifacts.map((name) => [name, new Set<string>()]));
  for (const version of versions) {
    const deps = needs.get(version.artifactName);
    if (!deps || version.producedBy === null) continue;
    for (const input of inputsOf.get(version.producedBy) ?? []) {
      if (input !== version.artifactName && needs.has(input)) deps.add(input);
    }
  }
  const order: string[] = [];
  const done = new Set<string>();
  const remaining = [...artifacts].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  while (remaining.length > 0) {
    const ready = remaining.find((name) => [...(needs.get(name) ?? [])].every((dep) => done.has(dep))) ?? remaining[0];
    if (ready === undefined) break;
    order.push(ready);
    done.add(ready);
    remaining.splice(remaining.indexOf(ready), 1);
  }
  return order;
}
