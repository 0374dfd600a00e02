import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { artifactIdOf, versionIdOf } from '../../domain/types';
import { createMemoryStore } from '../../store/memory-store';
import { buildExampleProject } from './example-project';
import type { ExampleProgress } from './load-example-project';
import { loadExampleProject } from './load-example-project';

/** wandb-spec §2 with Node's md5, independent of domain/digest.ts. */
function expectedDigest(files: readonly { path: string; bytes: Uint8Array }[]): string {
  const lines = files
    .map((f) => ({ path: f.path, digest: createHash('md5').update(f.bytes).digest('base64') }))
    .sort((a, b) => (Buffer.from(a.path) < Buffer.from(b.path) ? -1 : 1))
    .map((e) => `${e.path}:${e.digest}\n`);
  return createHash('md5').update(`wandb-artifact-manifest-v1\n${lines.join('')}`).digest('hex');
}

describe('loadExampleProject', () => {
  it('logs six versions with runs, aliases and digests matching the generated files', async () => {
    const store = createMemoryStore();
    const progress: ExampleProgress[] = [];
    const now = Date.UTC(2025, 5, 1);
    await loadExampleProject(store, { now, onProgress: (p) => progress.push(p) });

    const artifacts = await store.listArtifacts('example');
    expect(artifacts.map((a) => [a.name, a.type, a.versionCount]).sort()).toEqual([
      ['classifier', 'model', 2],
      ['eval-report', 'evaluation', 1],
      ['raw-data', 'dataset', 1],
      ['tabular-data', 'dataset', 2],
    ]);

    const classifier = artifactIdOf('example', 'classifier');
    const v1 = await store.resolveVersion(classifier, 'candidate');
    expect(v1.index).toBe(1);
    expect(v1.aliases).toEqual(expect.arrayContaining(['latest', 'candidate']));
    expect((await store.resolveVersion(classifier, 'production')).index).toBe(0);
    expect((await store.resolveVersion(artifactIdOf('example', 'tabular-data'), 'baseline')).index).toBe(0);

    const generated = buildExampleProject().flatMap((s) => s.outputs);
    for (const output of generated) {
      const [name, index] = output.key.split('@') as [string, string];
      const version = await store.getVersion(versionIdOf('example', name, Number(index)));
      expect(version.digest, output.key).toBe(expectedDigest(output.files));
      expect(version.fileCount).toBe(output.files.length);
      expect(version.size).toBe(output.files.reduce((sum, f) => sum + f.bytes.length, 0));
    }

    const evalRun = (await store.listRuns('example')).find((r) => r.jobType === 'eval');
    expect(evalRun?.inputs).toEqual([
      versionIdOf('example', 'classifier', 1),
      versionIdOf('example', 'tabular-data', 1),
    ]);
    expect(evalRun?.finishedAt).toBe(now - 30 * 3_600_000 + 2 * 60_000);
    const report = await store.getVersion(versionIdOf('example', 'eval-report', 0));
    expect(report.producedBy).toBe(evalRun?.id);

    expect(progress.at(-1)).toEqual({ done: 6, total: 6, label: 'Done' });
    expect((await store.checkIntegrity()).ok).toBe(true);
  });
});
