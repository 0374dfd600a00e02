/**
 * The part of the store contract about runs that change as they go (updateRun): what the CLI
 * and SDK record while a run executes. Called from runStoreContract, so every adapter runs it.
 */
import { describe, expect, it } from 'vitest';
import type { RunId, RunInfo, VersionId } from '../domain/types';
import { versionIdOf } from '../domain/types';
import { expectAppError } from '../test/app-error';
import type { ArtifactStore, CommitInput, CommitResult, RunPatch } from './artifact-store';

export interface RunContractContext {
  store: () => ArtifactStore;
  commit: (artifactName: string, files: Record<string, string>, extra?: Partial<CommitInput>) => Promise<CommitResult>;
  now: () => number;
  tick: (ms?: number) => void;
}

const INFO: RunInfo = {
  command: ['python', 'train.py', '--lr', '0.1', 'multi\nline'],
  host: 'gpu-node-1',
  cwd: '/home/ana/project',
  gitCommit: '0123456789abcdef0123456789abcdef01234567',
  exitCode: 0,
  actor: 'ana',
};

export function describeRunUpdates({ store, commit, now, tick }: RunContractContext): void {
  const vid = (artifactName: string, index: number): VersionId => versionIdOf('proj', artifactName, index);
  const startRun = (id: string, extra: Partial<Parameters<ArtifactStore['createRun']>[0]> = {}) =>
    store().createRun({ id: id as RunId, project: 'proj', name: id, jobType: 'train', ...extra });

  describe('run updates', () => {
    it('ends a running run with its info, at the store clock, and every read shows it', async () => {
      const started = now();
      const run = await startRun('cli-run', { info: { command: ['python', 'train.py'], host: 'gpu-node-1' } });
      expect(run.info).toEqual({ command: ['python', 'train.py'], host: 'gpu-node-1' });
      tick(180_000);
      const ended = await store().updateRun(run.id, { state: 'finished', info: INFO });
      expect(ended).toEqual({ ...run, state: 'finished', startedAt: started, finishedAt: started + 180_000, info: INFO });
      expect(await store().getRun(run.id)).toEqual(ended);
      expect(await store().listRuns('proj')).toEqual([ended]);
    });

    it('merges info field by field and adds inputs without dropping earlier ones', async () => {
      const raw = await commit('raw', { 'a.csv': '1' });
      const labels = await commit('labels', { 'l.csv': '2' });
      const run = await startRun('grows', { inputs: [raw.version.id] });
      await store().updateRun(run.id, { info: { command: ['node', 'prep.js'], host: 'a' } });
      await store().updateRun(run.id, { inputs: [labels.version.id, raw.version.id] });
      const failed = await store().updateRun(run.id, { state: 'failed', info: { exitCode: 3, host: 'b' } });
      expect(failed.inputs).toEqual([raw.version.id, labels.version.id]);
      expect(failed.info).toEqual({ command: ['node', 'prep.js'], host: 'b', exitCode: 3 });
      expect(failed.state).toBe('failed');
      // A run that ended may still learn its inputs and info (e.g. recorded after the fact).
      const model = await commit('model', { 'w': '1' }, { type: 'model', producedBy: run.id });
      const later = await store().updateRun(run.id, { inputs: [model.version.id], info: { exitCode: null } });
      expect(later.inputs).toEqual([raw.version.id, labels.version.id, model.version.id]);
      expect(later.info?.exitCode).toBeNull();
      expect(later.finishedAt).toBe(failed.finishedAt);
    });

    it('keeps how a run ended: no way back to running, no other end state, no new end time', async () => {
      const run = await startRun('ends-once', { startedAt: 1_000 });
      const cancelled = await store().updateRun(run.id, { state: 'cancelled', finishedAt: 5_000 });
      expect([cancelled.state, cancelled.finishedAt]).toEqual(['cancelled', 5_000]);
      await expectAppError(store().updateRun(run.id, { state: 'running' }), 'conflict', /"ends-once" already ended \(cancelled\); a run that ended cannot go back to running/);
      await expectAppError(store().updateRun(run.id, { state: 'finished' }), 'conflict', /already ended \(cancelled\)/);
      await expectAppError(store().updateRun(run.id, { finishedAt: 6_000 }), 'conflict', /end time cannot change/);
      // The same end again is a retried update, not a change.
      expect(await store().updateRun(run.id, { state: 'cancelled', finishedAt: 5_000 })).toEqual(cancelled);
      expect(await store().getRun(run.id)).toEqual(cancelled);
    });

    it('refuses unknown runs, bad times, bad info and inputs that are not live, changing nothing', async () => {
      const run = await startRun('checked', { startedAt: 10_000 });
      const refusals: [RunPatch, 'invalid-config' | 'not-found', RegExp][] = [
        [{ state: 'finished', finishedAt: 9_999 }, 'invalid-config', /run end 9999 is before its start 10000/],
        [{ finishedAt: 20_000 }, 'invalid-config', /"checked" is still running/],
        [{ state: 'paused' as never }, 'invalid-config', /run state "paused" must be one of running, finished, failed, crashed, cancelled/],
        [{ info: { gitCommit: 'not a commit' } }, 'invalid-config', /gitCommit "not a commit" must be a commit id/],
        [{ info: { host: 'a\nb' } }, 'invalid-config', /host "a\\nb" may not contain control characters/],
        [{ info: { exitCode: 1.5 } }, 'invalid-config', /exitCode 1.5 must be a whole number or null/],
        [{ info: { shell: 'bash' } as RunInfo }, 'invalid-config', /unknown field "shell"/],
        [{ info: { command: ['x'.repeat(70_000)] } }, 'invalid-config', /at most 65536 are allowed/],
        [{ inputs: [vid('ghost', 0)] }, 'not-found', /"proj\/ghost:v0" is not a live version/],
        [{ inputs: ['not a version' as VersionId] }, 'not-found', /is not a version id/],
      ];
      for (const [patch, code, message] of refusals) await expectAppError(store().updateRun(run.id, patch), code, message);
      expect(await store().getRun(run.id)).toEqual(run);
      await expectAppError(store().updateRun('ghost' as RunId, { state: 'finished' }), 'not-found', /run "ghost" not found/);
    });

    it('loses no change when updates of one run race', async () => {
      const a = await commit('a', { 'a': 'a' });
      const b = await commit('b', { 'b': 'b' });
      const run = await startRun('raced');
      await Promise.all([
        store().updateRun(run.id, { inputs: [a.version.id] }),
        store().updateRun(run.id, { info: { host: 'h' } }),
        store().updateRun(run.id, { inputs: [b.version.id] }),
        store().updateRun(run.id, { info: { cwd: '/w' } }),
        store().updateRun(run.id, { state: 'finished' }),
      ]);
      const final = await store().getRun(run.id);
      expect([...final.inputs].sort()).toEqual([a.version.id, b.version.id].sort());
      expect(final.info).toEqual({ host: 'h', cwd: '/w' });
      expect(final.state).toBe('finished');
      // Deleting the run takes the inputs it gained with it (lineage markers included).
      await store().deleteRun(run.id, { outputs: 'keep' });
      await expectAppError(store().getRun(run.id), 'not-found');
    });
  });
}
