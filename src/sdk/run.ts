/** A run in code: it logs artifacts as its outputs, uses versions as its inputs, and finishes or fails. */
import { resolve } from 'node:path';
import { homedir } from 'node:os';
import { AppError } from '../domain/errors';
import type { ArtifactVersion, JsonObject, ManifestEntry, RunId } from '../domain/types';
import { artifactIdOf } from '../domain/types';
import { validateAliases, validateArtifactName, validateProjectName } from '../domain/validation';
import type { ArtifactStore } from '../store/artifact-store';
import type { RunInfo } from '../domain/types';
import { downloadRecordPath } from '../store/node/download-record';
import type { DownloadResult } from '../store/node/download-version';
import { downloadVersion } from '../store/node/download-version';
import { logFiles } from '../store/node/log-folder';
import type { Env } from '../store/node/store-spec';
import { artifactStudioHome } from '../store/node/store-spec';
import type { Artifact } from './artifact';

/** A version a run used: its manifest and metadata, and a verified download. */
export class UsedArtifact {
  readonly version: ArtifactVersion;
  readonly manifest: readonly ManifestEntry[];
  private readonly store: ArtifactStore;
  private readonly env: Env;

  constructor(store: ArtifactStore, version: ArtifactVersion, manifest: readonly ManifestEntry[], env: Env) {
    this.store = store;
    this.version = version;
    this.manifest = manifest;
    this.env = env;
  }

  get metadata(): JsonObject {
    return this.version.metadata;
  }

  /** Downloads the version into `dir` (default ./artifacts/<name>:v<N>); returns the folder. Files already right there are kept. */
  async download(dir?: string, options: { verify?: boolean } = {}): Promise<string> {
    const root = resolve(dir ?? `artifacts/${this.version.artifactName}:v${this.version.index}`);
    const recordFile = downloadRecordPath(artifactStudioHome({ env: this.env, home: homedir() }), root);
    await this.downloadInto(root, { recordFile, verify: options.verify === true });
    return root;
  }

  private downloadInto(root: string, options: { recordFile: string; verify: boolean }): Promise<DownloadResult> {
    return downloadVersion(this.store, this.manifest, root, options);
  }
}

export interface RunOptions {
  readonly store: ArtifactStore;
  readonly id: RunId;
  readonly project: string;
  /** Joined a run `artifact-studio run` made: that command marks it finished or failed. */
  readonly joined: boolean;
  readonly info: RunInfo;
  readonly env: Env;
}

export class Run {
  readonly id: RunId;
  readonly project: string;
  /** True inside `artifact-studio run`, which owns the run's end state. */
  readonly joined: boolean;
  private readonly store: ArtifactStore;
  private readonly info: RunInfo;
  private readonly env: Env;
  private ended = false;

  constructor(options: RunOptions) {
    this.store = options.store;
    this.id = options.id;
    this.project = options.project;
    this.joined = options.joined;
    this.info = options.info;
    this.env = options.env;
  }

  /** Logs the artifact as a version this run produced (identical content adds the aliases to the existing version). */
  async logArtifact(artifact: Artifact, options: { aliases?: readonly string[] } = {}): Promise<ArtifactVersion> {
    this.assertOpen();
    const { project, name } = this.split(artifact.name);
    const { files, references } = await artifact.contents();
    const { version } = await logFiles(this.store, {
      project,
      artifactName: name,
      type: artifact.type,
      files,
      references,
      aliases: validateAliases(options.aliases ?? []),
      description: artifact.description,
      metadata: artifact.metadata,
      producedBy: this.id,
    });
    return version;
  }

  /** `name:alias`, `name:vN` or `project/name:ref` (default latest): recorded as an input of this run. */
  async useArtifact(ref: string): Promise<UsedArtifact> {
    this.assertOpen();
    const [path = '', alias = 'latest'] = ref.split(':');
    const { project, name } = this.split(path);
    const artifactId = artifactIdOf(project, name);
    await this.store.getArtifact(artifactId);
    const version = await this.store.resolveVersion(artifactId, alias);
    await this.store.updateRun(this.id, { inputs: [version.id] });
    return new UsedArtifact(this.store, version, await this.store.readManifest(version.id), this.env);
  }

  /** Marks the run finished (inside `artifact-studio run` the command does, when it exits 0). */
  async finish(): Promise<void> {
    await this.end('finished', 0);
  }

  /** Marks the run failed (inside `artifact-studio run` the command does, from its exit code). */
  async fail(): Promise<void> {
    await this.end('failed', 1);
  }

  private async end(state: 'finished' | 'failed', exitCode: number): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    if (!this.joined) await this.store.updateRun(this.id, { state, finishedAt: Date.now(), info: { ...this.info, exitCode } });
    this.store.close();
  }

  private assertOpen(): void {
    if (this.ended) throw new AppError('conflict', `run ${this.id} has ended: start another with init()`);
  }

  private split(text: string): { project: string; name: string } {
    const [first = '', second] = text.split('/');
    return second === undefined
      ? { project: this.project, name: validateArtifactName(first) }
      : { project: validateProjectName(first), name: validateArtifactName(second) };
  }
}
