/** Runs the bundled CLI as a child process against the test RGW, each test on its own key prefix. */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { S3TestEnv } from '../store/s3/s3-test-env';
import { testConfig } from '../store/s3/s3-test-env';
import { CLI_BIN } from '../test/built-cli';

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliSandbox {
  /** s3://bucket/prefix of this sandbox. */
  readonly store: string;
  readonly prefix: string;
  /** A temporary folder: cwd of the CLI, ARTIFACT_STUDIO_HOME and HOME under it. */
  readonly dir: string;
  readonly env: Record<string, string>;
  cli(args: readonly string[], options?: { env?: Record<string, string | undefined>; cwd?: string }): Promise<CliResult>;
  start(args: readonly string[], options?: { env?: Record<string, string | undefined>; cwd?: string }): { child: ChildProcess; done: Promise<CliResult> };
  dispose(): Promise<void>;
}

export async function cliSandbox(env: S3TestEnv, label: string): Promise<CliSandbox> {
  const config = testConfig(env, label);
  const dir = await mkdtemp(join(tmpdir(), `as-cli-${label}-`));
  const store = `s3://${config.bucket}/${config.prefix}`;
  const baseEnv: Record<string, string> = {
    PATH: process.env['PATH'] ?? '',
    HOME: join(dir, 'home'),
    ARTIFACT_STUDIO_HOME: join(dir, 'as-home'),
    ARTIFACT_STUDIO_STORE: store,
    AWS_ACCESS_KEY_ID: env.accessKeyId,
    AWS_SECRET_ACCESS_KEY: env.secretAccessKey,
    AWS_ENDPOINT_URL: env.endpoint,
    AWS_REGION: env.region,
  };
  const start = (args: readonly string[], options: { env?: Record<string, string | undefined>; cwd?: string } = {}) => {
    const merged: Record<string, string> = { ...baseEnv };
    for (const [key, value] of Object.entries(options.env ?? {})) {
      if (value === undefined) delete merged[key];
      else merged[key] = value;
    }
    const child = spawn(process.execPath, [CLI_BIN, ...args], { cwd: options.cwd ?? dir, env: merged, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const done = new Promise<CliResult>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    });
    return { child, done };
  };
  return {
    store,
    prefix: config.prefix,
    dir,
    env: baseEnv,
    start,
    cli: (args, options) => start(args, options).done,
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}
