// Issue #15 figures: the bundled CLI as a user runs it (child processes of bin/artifact-studio.mjs)
// against the real S3 store bench/run.mjs starts, with a single-stream md5 baseline in the same run.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deletePrefixes, ensureTestBucket, s3TestEnv, testConfig } from '../src/store/s3/s3-test-env';
import { CLI_BIN, ensureBuiltCli } from '../src/test/built-cli';
import { median, ms, type Figure } from './bench-types';

interface Timed {
  wallMs: number;
  json: Record<string, unknown>;
}

export async function runCliBenches(): Promise<Figure[]> {
  ensureBuiltCli();
  const env = s3TestEnv();
  await ensureTestBucket(env);
  const config = testConfig(env, 'bench-cli');
  const dir = await mkdtemp(join(tmpdir(), 'as-bench-cli-'));
  const childEnv = {
    PATH: process.env['PATH'] ?? '',
    HOME: join(dir, 'home'),
    ARTIFACT_STUDIO_HOME: join(dir, 'as-home'),
    ARTIFACT_STUDIO_STORE: `s3://${config.bucket}/${config.prefix}`,
    AWS_ACCESS_KEY_ID: env.accessKeyId,
    AWS_SECRET_ACCESS_KEY: env.secretAccessKey,
    AWS_ENDPOINT_URL: env.endpoint,
  };
  const cli = (args: string[]): Timed => {
    const started = performance.now();
    const result = spawnSync(process.execPath, [CLI_BIN, ...args], { cwd: dir, env: childEnv, encoding: 'utf8' });
    const wallMs = performance.now() - started;
    if (result.status !== 0) throw new Error(`artifact-studio ${args.join(' ')} → ${result.status}: ${result.stderr}`);
    let json: Record<string, unknown> = {};
    try {
      json = JSON.parse(result.stdout) as Record<string, unknown>;
    } catch {
      // --help prints text
    }
    return { wallMs, json };
  };
  try {
    // 10,000 × 4 KiB, each file different
    const small = join(dir, 'small');
    await mkdir(small);
    const all = Buffer.alloc(10_000 * 4096);
    for (let i = 0; i < 10_000; i++) {
      const bytes = all.subarray(i * 4096, (i + 1) * 4096);
      bytes.fill(i % 251);
      bytes.writeUInt32LE(i, 0);
      await writeFile(join(small, `f${String(i).padStart(5, '0')}.bin`), bytes);
    }
    const md5Started = performance.now();
    createHash('md5').update(all).digest('base64');
    const md5Ms = performance.now() - md5Started;

    const put = cli(['--json', 'put', 'small', '--name', 'bench/small', '--type', 'dataset']);
    const reput = cli(['--json', 'put', 'small', '--name', 'bench/small', '--type', 'dataset']);

    const thousand = join(dir, 'thousand');
    await mkdir(thousand);
    for (let i = 0; i < 1000; i++) await writeFile(join(thousand, `g${i}.bin`), all.subarray(i * 4096, (i + 1) * 4096));
    cli(['--json', 'put', 'thousand', '--name', 'bench/thousand', '--type', 'dataset']);
    cli(['--json', 'get', 'bench/thousand:latest', '--root', 'got']);
    const gets = [0, 1, 2].map(() => cli(['--json', 'get', 'bench/thousand:latest', '--root', 'got']));
    const getMs = median(gets.map((g) => g.wallMs));
    const fetched = Math.max(...gets.map((g) => Number(g.json['fetched'])));

    const helpMs = median([0, 1, 2, 3, 4].map(() => cli(['--help']).wallMs));
    const lsMs = median([0, 1, 2, 3, 4].map(() => cli(['--json', 'ls', 'bench']).wallMs));
    const filesPerSecond = 10_000 / (put.wallMs / 1000);
    return [
      {
        issue: '#15',
        name: 'CLI put of 10,000 × 4 KiB files to S3 (Ceph RGW), whole process',
        value: filesPerSecond,
        unit: 'files/s',
        goal: '≥ 1,000 files/s',
        met: filesPerSecond >= 1000 && put.json['created'] === true,
        note: `${ms(put.wallMs)}; ${String(put.json['uploadedFiles'])} blobs uploaded; single-stream md5 of the same 39 MiB in this run: ${ms(md5Ms)}`,
      },
      {
        issue: '#15',
        name: 'CLI re-put of the unchanged 10,000-file folder: blobs uploaded',
        value: Number(reput.json['uploadedFiles']),
        unit: 'blobs',
        goal: '0 blobs, ≤ 2 s',
        met: reput.json['uploadedFiles'] === 0 && reput.json['created'] === false && reput.wallMs <= 2000,
        note: `${ms(reput.wallMs)} (identical → no new version)`,
      },
      {
        issue: '#15',
        name: 'CLI get of an already-downloaded 1,000-file version, whole process',
        value: getMs,
        unit: 'ms',
        goal: '≤ 300 ms, 0 blob GETs',
        met: getMs <= 300 && fetched === 0,
        note: `median of 3; files fetched: ${fetched}`,
      },
      { issue: '#15', name: 'CLI --help start-up', value: helpMs, unit: 'ms', goal: '≤ 300 ms', met: helpMs <= 300, note: 'median of 5, whole process' },
      { issue: '#15', name: 'CLI ls start-up (S3, one project)', value: lsMs, unit: 'ms', goal: '≤ 300 ms', met: lsMs <= 300, note: 'median of 5, whole process, store probe included' },
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
    await deletePrefixes(env, [config.prefix]);
  }
}
