/**
 * The domain model shared by the store adapters and the UI.
 * Ids are plain strings with a documented shape, branded so they cannot be mixed up.
 */
import type { LosslessNumber } from 'lossless-json';

/** `${project}/${artifactName}` */
export type ArtifactId = string & { readonly __brand: 'ArtifactId' };
/** `${project}/${artifactName}:v${index}` */
export type VersionId = string & { readonly __brand: 'VersionId' };
export type RunId = string & { readonly __brand: 'RunId' };

/** A number JS cannot hold as written (12345678901234567890, -0, 1.0, 1e400): its JSON text, see exact-json.ts. */
export type ExactNumber = LosslessNumber;
export type JsonValue = null | boolean | number | ExactNumber | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** One entry of a `wandb_manifest.json` (see shared/wandb-spec.md §1). */
export interface ManifestEntry {
  readonly path: string;
  /** base64 md5 (or XXH128 when extra.alg === 'XXH128'), or the ETag/URI of a reference. */
  readonly digest: string;
  readonly size?: number;
  readonly ref?: string;
  readonly birthArtifactID?: string;
  readonly extra?: JsonObject;
}

export interface Project {
  readonly name: string;
  readonly createdAt: number;
}

export interface Artifact {
  readonly id: ArtifactId;
  readonly project: string;
  readonly name: string;
  readonly type: string;
  readonly description: string;
  readonly createdAt: number;
  /** Live (not deleted) versions. */
  readonly versionCount: number;
  /** Sum of live versions' sizes (logical bytes). */
  readonly totalSize: number;
  /** Index of the newest live version, null when none is left. */
  readonly latestIndex: number | null;
  /** The next index to hand out; indices are never reused. */
  readonly nextIndex: number;
  /** Alias names that need a typed confirmation to move or remove and that block deleting their version. */
  readonly protectedAliases: readonly string[];
}

export interface ArtifactVersion {
  readonly id: VersionId;
  readonly artifactId: ArtifactId;
  readonly project: string;
  readonly artifactName: string;
  readonly type: string;
  readonly index: number;
  /** Artifact digest: lowercase hex md5 over the sorted manifest (wandb-spec §2). */
  readonly digest: string;
  /** Sum of entry sizes (references included where known). */
  readonly size: number;
  readonly fileCount: number;
  readonly createdAt: number;
  readonly description: string;
  readonly metadata: JsonObject;
  readonly tags: readonly string[];
  /** Aliases held by this version, `latest` included when it is the newest. */
  readonly aliases: readonly string[];
  readonly producedBy: RunId | null;
  /** Time to live in seconds from createdAt; null for none. */
  readonly ttlSeconds: number | null;
}

export type RunState = 'running' | 'finished' | 'failed' | 'crashed' | 'cancelled';

/** What a run recorded about where and how it ran (the CLI fills it; a run recorded by hand has none). */
export interface RunInfo {
  /** The command line, one string per argument. */
  readonly command?: readonly string[];
  readonly host?: string;
  readonly cwd?: string;
  readonly gitCommit?: string;
  /** The command's exit code; null when it ended without one (killed by a signal). */
  readonly exitCode?: number | null;
  /** Who started it (user name). */
  readonly actor?: string;
}

export interface Run {
  readonly id: RunId;
  readonly project: string;
  readonly name: string;
  readonly jobType: string;
  readonly state: RunState;
  readonly config: JsonObject;
  readonly startedAt: number;
  readonly finishedAt: number | null;
  /** Versions this run used. Its outputs are the versions whose producedBy is this run. */
  readonly inputs: readonly VersionId[];
  readonly info?: RunInfo;
}

export type AliasAction = 'add' | 'move' | 'remove';

export interface AliasEvent {
  readonly artifactId: ArtifactId;
  readonly alias: string;
  readonly action: AliasAction;
  /** Version index that held the alias before (move/remove). */
  readonly fromIndex: number | null;
  /** Version index that holds it after (add/move). */
  readonly toIndex: number | null;
  readonly at: number;
}

export function artifactIdOf(project: string, artifactName: string): ArtifactId {
  return `${project}/${artifactName}` as ArtifactId;
}

export function versionIdOf(project: string, artifactName: string, index: number): VersionId {
  return `${project}/${artifactName}:v${index}` as VersionId;
}

/** Splits a VersionId back into its parts; null when it is not of that shape. */
export function parseVersionId(id: string): { project: string; artifactName: string; index: number } | null {
  const match = /^([^/]+)\/([^/:]+):v(\d+)$/.exec(id);
  if (!match) return null;
  const [, project, artifactName, index] = match;
  if (project === undefined || artifactName === undefined || index === undefined) return null;
  return { project, artifactName, index: Number(index) };
}
