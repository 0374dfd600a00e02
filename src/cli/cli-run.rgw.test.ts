/**
 * `artifact-studio run` on the real RGW: a 3-step pipeline (prepare → train → evaluate, the last
 * one logging through the SDK inside the run) whose runs, inputs and outputs are right in the
 * store, and a failing step that leaves a failed run, no outputs and the command's exit code.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Run } from '../domain/types';
import { createS3Store } from '../store/s3/create-s3-store';
import { deletePrefixes, ensureTestBucket, s3TestEnv } from '../store/s3/s3-test-env';
import type { CliSandbox } from './cli-test-env';
import { cliSandbox } from './cli-test-env';

vi.setConfig({ testTimeout: 180_000, hookTimeout: 120_000 });

const env = s3TestEnv();
const sandboxes: CliSandbox[] = [];
const SDK = join(import.meta.dirname, '../../dist-cli/sdk.mjs');

beforeAll(() => ensureTestBucket(env));
afterAll(async () => {
  await deletePrefixes(env, sandboxes.map((s) => s.prefix));
  await Promise.all(sandboxes.map((s) => s.dispose()));
});

/** A tiny step: reads the text files of `from` (a folder), writes `to/<file>` with `text` added. */
const step = (fromEnv: string, to: string, text: string) =>
  `const fs=require('fs');const from=process.env.${fromEnv};fs.mkdirSync('${to}',{recursive:true});` +
  `for (const f of fs.readdirSync(from)) fs.writeFileSync('${to}/'+f, fs.readFileSync(from+'/'+f,'utf8')+'${text}');`;

describe('artifact-studio run on S3', () => {
  it('records a prepare → train → evaluate pipeline: runs with command, config, host, inputs and outputs', async () => {
    const box = await cliSandbox(env, 'pipeline');
    sandboxes.push(box);
    await mkdir(join(box.dir, 'raw'));
    await writeFile(join(box.dir, 'raw', 'data.txt'), 'raw');
    expect((await box.cli(['--project', 'cv', 'put', 'raw', '--name', 'raw', '--type', 'dataset'])).code).toBe(0);

    const prepare = await box.cli(['--project', 'cv', 'run', '--job-type', 'prepare', '--use', 'raw:latest', '--log', 'prepared:dataset=prep', '--', 'node', '-e', step('ARTIFACT_STUDIO_INPUT_RAW', 'prep', '+prepared')]);
    expect(prepare.code, prepare.stderr).toBe(0);
    expect(prepare.stdout).toContain('logged cv/prepared:v0');
    const train = await box.cli([
      '--project', 'cv', 'run', '--job-type', 'train', '--config', 'lr=0.1', '--config', 'optimizer=adam', '--use', 'prepared:latest=data',
      '--log', 'model:model=out', '--alias', 'candidate', '--', 'node', '-e', step('ARTIFACT_STUDIO_INPUT_PREPARED', 'out', '+trained'),
    ]);
    expect(train.code, train.stderr).toBe(0);
    // evaluate logs through the SDK: init() joins the run the CLI made
    const evaluate = [
      `const { init, Artifact } = await import(${JSON.stringify(SDK)});`,
      "const run = await init();",
      "const model = await run.useArtifact('model:candidate');",
      "const dir = await model.download('m');",
      "const fs = await import('node:fs');",
      "fs.mkdirSync('report', { recursive: true });",
      "fs.writeFileSync('report/score.txt', fs.readFileSync(dir + '/data.txt', 'utf8') + ' scored');",
      "await run.logArtifact(new Artifact('eval', 'report', { metadata: { accuracy: 0.93 } }).addDir('report'));",
      "await run.finish();",
    ].join('\n');
    const evaluated = await box.cli(['--project', 'cv', 'run', '--job-type', 'evaluate', '--', 'node', '--input-type=module', '-e', evaluate]);
    expect(evaluated.code, evaluated.stderr).toBe(0);

    const store = await createS3Store(box.config);
    try {
      const runs = await store.listRuns('cv');
      const byJob = new Map<string, Run>(runs.map((r) => [r.jobType, r]));
      expect([...byJob.keys()].sort()).toEqual(['evaluate', 'prepare', 'train']);
      for (const run of runs) {
        expect(run.state).toBe('finished');
        expect(run.finishedAt).toBeGreaterThanOrEqual(run.startedAt);
        expect(run.info).toMatchObject({ command: expect.arrayContaining(['node']) as unknown, host: expect.any(String) as unknown, exitCode: 0 });
      }
      expect(byJob.get('prepare')?.inputs).toEqual(['cv/raw:v0']);
      expect(byJob.get('train')?.inputs).toEqual(['cv/prepared:v0']);
      expect(byJob.get('train')?.config).toEqual({ lr: 0.1, optimizer: 'adam' });
      expect(byJob.get('evaluate')?.inputs).toEqual(['cv/model:v0']);
      const versions = await store.listProjectVersions('cv');
      const producer = new Map(versions.map((v) => [v.id, v.producedBy]));
      expect(producer.get('cv/raw:v0' as never)).toBeNull();
      expect(producer.get('cv/prepared:v0' as never)).toBe(byJob.get('prepare')?.id);
      expect(producer.get('cv/model:v0' as never)).toBe(byJob.get('train')?.id);
      expect(producer.get('cv/eval:v0' as never)).toBe(byJob.get('evaluate')?.id);
      const model = versions.find((v) => v.id === 'cv/model:v0');
      expect(model?.aliases).toEqual(['latest', 'candidate']);
      const evalVersion = versions.find((v) => v.id === 'cv/eval:v0');
      expect(evalVersion?.metadata).toEqual({ accuracy: 0.93 });
      const [entry] = await store.readManifest('cv/eval:v0' as never);
      expect(await (await store.readBlob(entry?.digest ?? '')).text()).toBe('raw+prepared+trained scored');
    } finally {
      store.close();
    }
  });

  it("marks a failing step failed, logs nothing and exits with the command's code", async () => {
    const box = await cliSandbox(env, 'failing');
    sandboxes.push(box);
    const failing = "require('fs').mkdirSync('out');require('fs').writeFileSync('out/m.bin','half a model');console.log('training…');process.exit(7)";
    const result = await box.cli(['--project', 'cv', 'run', '--job-type', 'train', '--log', 'model:model=out', '--', 'node', '-e', failing]);
    expect(result.code).toBe(7);
    expect(result.stdout).toContain('training…');
    expect(result.stderr).toContain('failed: node exited with 7; nothing was logged');
    const store = await createS3Store(box.config);
    try {
      const [run, ...others] = await store.listRuns('cv');
      expect(others).toEqual([]);
      expect(run).toMatchObject({ state: 'failed', jobType: 'train', info: { exitCode: 7 } });
      expect(await store.listArtifacts('cv')).toEqual([]);
    } finally {
      store.close();
    }
  });
});
