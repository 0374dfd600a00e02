/**
 * The S3 store that records every change it makes in the project's change log (s3-change-log),
 * so other apps on the same bucket or folder follow them. One log append per operation, after
 * the operation succeeded.
 */
import type { Change } from '../../domain/change-log';
import { artifactIdOf, parseVersionId } from '../../domain/types';
import type { Artifact, ArtifactId, ArtifactVersion, Run, RunId, VersionId } from '../../domain/types';
import type {
  AliasChangeOptions,
  CommitInput,
  CommitResult,
  DeleteOptions,
  DeleteRunOptions,
  DeleteRunResult,
  ExpiryResult,
  RunInput,
  RunPatch,
  VersionPatch,
} from '../artifact-store';
import type { ChangeFeed, ChangeLogRead } from '../change-feed';
import { appendChangeLog, readChangeLog } from './s3-change-log';
import { S3ArtifactStore } from './s3-store';
import { randomHex } from './s3-util';

function projectOf(id: ArtifactId | VersionId): string {
  return id.slice(0, id.indexOf('/'));
}

function artifactOfVersion(id: VersionId): ArtifactId {
  const parts = parseVersionId(id);
  return parts ? artifactIdOf(parts.project, parts.artifactName) : (id as string as ArtifactId);
}

/** Deleted versions grouped per project and artifact. */
function deletionChanges(ids: readonly VersionId[]): Map<string, Change[]> {
  const byArtifact = new Map<ArtifactId, VersionId[]>();
  for (const id of ids) byArtifact.set(artifactOfVersion(id), [...(byArtifact.get(artifactOfVersion(id)) ?? []), id]);
  const byProject = new Map<string, Change[]>();
  for (const [artifactId, versionIds] of byArtifact) {
    byProject.set(projectOf(artifactId), [...(byProject.get(projectOf(artifactId)) ?? []), { kind: 'versions-deleted', artifactId, versionIds }]);
  }
  return byProject;
}

export class ChangeRecordingS3Store extends S3ArtifactStore implements ChangeFeed {
  readonly changeWriterId = randomHex(8);
  /** Changes whose log append failed: sent with this instance's next append to that project. */
  private readonly unannounced = new Map<string, Change[]>();

  readChangeLog(project: string, etag?: string): Promise<ChangeLogRead> {
    return readChangeLog(this.client, project, etag);
  }

  /** A failed append does not fail the operation (it happened); the change waits for the next append. */
  private async announce(project: string, changes: readonly Change[]): Promise<void> {
    const all = [...(this.unannounced.get(project) ?? []), ...changes];
    this.unannounced.delete(project);
    try {
      await appendChangeLog(this.client, project, all, this.changeWriterId, this.now);
    } catch {
      this.unannounced.set(project, all);
    }
  }

  private announceArtifact(artifactId: ArtifactId): Promise<void> {
    return this.announce(projectOf(artifactId), [{ kind: 'artifact', artifactId }]);
  }

  private async announceDeleted(ids: readonly VersionId[]): Promise<void> {
    await Promise.all([...deletionChanges(ids)].map(([project, changes]) => this.announce(project, changes)));
  }

  override async updateArtifact(id: ArtifactId, patch: { description?: string }): Promise<Artifact> {
    const result = await super.updateArtifact(id, patch);
    await this.announceArtifact(id);
    return result;
  }

  override async updateVersion(id: VersionId, patch: VersionPatch): Promise<ArtifactVersion> {
    const result = await super.updateVersion(id, patch);
    await this.announceArtifact(result.artifactId);
    return result;
  }

  override async commitVersion(input: CommitInput): Promise<CommitResult> {
    const result = await super.commitVersion(input);
    await this.announceArtifact(result.version.artifactId);
    return result;
  }

  override async deleteVersions(ids: readonly VersionId[], options: DeleteOptions = {}): Promise<void> {
    await super.deleteVersions(ids, options);
    await this.announceDeleted(ids);
  }

  override async expireVersions(options: { now?: number } = {}): Promise<ExpiryResult> {
    const result = await super.expireVersions(options);
    await this.announceDeleted(result.deleted);
    return result;
  }

  override async setAlias(id: VersionId, alias: string, options: AliasChangeOptions = {}): Promise<void> {
    await super.setAlias(id, alias, options);
    await this.announceArtifact(artifactOfVersion(id));
  }

  override async removeAlias(artifactId: ArtifactId, alias: string, options: AliasChangeOptions = {}): Promise<void> {
    await super.removeAlias(artifactId, alias, options);
    await this.announceArtifact(artifactId);
  }

  override async setAliasProtected(artifactId: ArtifactId, alias: string, isProtected: boolean): Promise<Artifact> {
    const result = await super.setAliasProtected(artifactId, alias, isProtected);
    await this.announceArtifact(artifactId);
    return result;
  }

  override async createRun(input: RunInput): Promise<Run> {
    const run = await super.createRun(input);
    await this.announce(run.project, [{ kind: 'run', runId: run.id }]);
    return run;
  }

  override async updateRun(id: RunId, patch: RunPatch): Promise<Run> {
    const run = await super.updateRun(id, patch);
    await this.announce(run.project, [{ kind: 'run', runId: run.id }]);
    return run;
  }

  override async deleteRun(id: RunId, options: DeleteRunOptions): Promise<DeleteRunResult> {
    // The run's project, read before it goes; a bad id or option is for deleteRun to report.
    const project = await this.getRun(id).then(
      (run) => run.project,
      () => null,
    );
    const result = await super.deleteRun(id, options);
    if (project !== null) await this.announce(project, [{ kind: 'run', runId: id }]);
    await this.announceDeleted(result.deletedVersions);
    return result;
  }
}
