/** Runs the bundled CLI as a child process against the test RGW, each test on its own key prefix. */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { S3Config } from '../store/s3/s3-config';
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
  /** The S3 settings of the sandbox, to look at what the CLI wrote. */
  readonly config: S3Config;
  /** A temporary folder: cwd of the CLI, ARTIFACT_STUDIO_HOME and HOME under it. */
  readonly dir: string;
  readonly env: Record<string, string>;
  cli(args: readonly string[], options?: { env?: Record<string, string | undefined>; cwd?: string }): Promise<CliResult>;
  start(args: readonly string[], options?: { env?: Record<string, string | undefined>; cwd?: string }): { child: ChildProcess; done: Promise<CliResult> };
  dispose(): Promise<void>;
}

/** Starts the bundled CLI with exactly `env` (keys set to undefined are left out). */
export function startCli(args: readonly string[], env: Record<string, string | undefined>, cwd: string): { child: ChildProcess; done: Promise<CliResult> } {
  const defined: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined) defined[key] = value;
  const child = spawn(process.execPath, [CLI_BIN, ...args], { cwd, env: defined, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const done = new Promise<CliResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, done };
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
  const start = (args: readonly string[], options: { env?: Record<string, string | undefined>; cwd?: string } = {}) =>
    startCli(args, { ...baseEnv, ...options.env }, options.cwd ?? dir);
  return {
    store,
    prefix: config.prefix,
    config,
    dir,
    env: baseEnv,
    start,
    cli: (args, options) => start(args, options).done,
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}
