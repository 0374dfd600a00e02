/**
 * The bundled CLI, run as a child process against the real RGW: the seed's `animals` story,
 * Ctrl-C during a put, usage errors and failures with their exit codes and messages.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { deletePrefixes, ensureTestBucket, s3TestEnv } from '../store/s3/s3-test-env';
import type { CliSandbox } from './cli-test-env';
import { cliSandbox } from './cli-test-env';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const env = s3TestEnv();
const sandboxes: CliSandbox[] = [];
const md5 = (bytes: Uint8Array | string) => createHash('md5').update(bytes).digest('base64');

async function sandbox(label: string): Promise<CliSandbox> {
  const box = await cliSandbox(env, label);
  sandboxes.push(box);
  return box;
}

async function writeFiles(root: string, files: Record<string, string | Uint8Array>): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    await mkdir(join(root, path, '..'), { recursive: true });
    await writeFile(join(root, path), content);
  }
}

beforeAll(() => ensureTestBucket(env));
afterAll(async () => {
  await deletePrefixes(env, sandboxes.map((s) => s.prefix));
  await Promise.all(sandboxes.map((s) => s.dispose()));
});

describe('artifact-studio CLI on S3', () => {
  it("logs the seed's animals story: v0 latest, bird.png → v1, get verifies, the same folder again is identical, a second get fetches nothing", async () => {
    const box = await sandbox('animals');
    const images = join(box.dir, 'images');
    await writeFiles(images, { 'cat.png': 'cat bytes', 'dog.png': 'dog bytes' });

    const v0 = await box.cli(['put', 'images', '--name', 'cv/animals', '--type', 'dataset']);
    expect(v0).toMatchObject({ code: 0, stdout: 'cv/animals:v0\n' });

    await writeFiles(images, { 'bird.png': 'bird bytes' });
    const v1 = await box.cli(['--json', 'put', 'images', '--name', 'cv/animals', '--type', 'dataset']);
    expect(v1.code).toBe(0);
    expect(JSON.parse(v1.stdout)).toMatchObject({ version: 'cv/animals:v1', created: true, files: 3, aliases: ['latest'] });

    const listed = await box.cli(['ls', 'cv/animals']);
    expect(listed.stdout).toMatch(/^cv\/animals:v1\tlatest\t3 files/m);
    expect(listed.stdout).toMatch(/^cv\/animals:v0\t-\t2 files/m);

    const got = await box.cli(['--json', 'get', 'cv/animals:latest', '--root', 'out']);
    expect(got.code).toBe(0);
    expect(JSON.parse(got.stdout)).toMatchObject({ version: 'cv/animals:v1', files: 3, fetched: 3, kept: 0 });
    expect(md5(await readFile(join(box.dir, 'out', 'bird.png')))).toBe(md5('bird bytes'));

    const again = await box.cli(['put', 'images', '--name', 'cv/animals', '--type', 'dataset', '--alias', 'best']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('cv/animals:v1 (identical to v1: no new version; aliases best added there)');
    expect((await box.cli(['ls', 'cv/animals'])).stdout.trim().split('\n')).toHaveLength(2);

    const second = await box.cli(['--json', 'get', 'cv/animals:best', '--root', 'out']);
    expect(JSON.parse(second.stdout)).toMatchObject({ files: 3, fetched: 0, kept: 3 });

    const diff = await box.cli(['diff', 'cv/animals:v0', 'cv/animals:v1']);
    expect(diff.stdout).toContain('A bird.png (10 B)');
    expect((await box.cli(['verify', 'cv/animals:v1', 'out'])).code).toBe(0);
    const mismatch = await box.cli(['verify', 'cv/animals:v0', 'out']);
    expect(mismatch).toMatchObject({ code: 1 });
    expect(mismatch.stderr).toContain('extra bird.png');
  });

  it('leaves no version when a put of a large folder is interrupted with Ctrl-C', async () => {
    const box = await sandbox('sigint');
    const big = join(box.dir, 'big');
    const chunk = new Uint8Array(4 * 1024 * 1024);
    for (let i = 0; i < 48; i++) {
      chunk.fill(i);
      await writeFiles(big, { [`part-${i}.bin`]: chunk });
    }
    const { child, done } = box.start(['put', 'big', '--name', 'huge', '--type', 'dataset']);
    let stderr = '';
    await new Promise<void>((resolve) => {
      child.stderr?.on('data', (text: string) => {
        stderr += text;
        if (stderr.includes('uploading')) resolve();
      });
    });
    child.kill('SIGINT');
    const result = await done;
    expect(result.code).toBe(130);
    expect(result.stderr).toContain('cancelled');
    const listed = await box.cli(['ls', 'huge']);
    expect(listed.stdout).toBe('');
    const missing = await box.cli(['get', 'huge:latest']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('not found');
  });

  it('exits 2 on usage errors and 1 on failures, saying what is wrong and what to do', async () => {
    const box = await sandbox('errors');
    await writeFiles(join(box.dir, 'd'), { 'a.txt': 'a' });
    const noName = await box.cli(['put', 'd', '--type', 'dataset']);
    expect(noName.code).toBe(2);
    expect(noName.stderr).toContain("required option '--name");
    expect((await box.cli(['frobnicate'])).code).toBe(2);
    const badName = await box.cli(['put', 'd', '--name', 'bad name!', '--type', 'dataset']);
    expect(badName.code).toBe(2);
    expect(badName.stderr).toContain('artifact name');
    const badMetadata = await box.cli(['put', 'd', '--name', 'x', '--type', 'dataset', '--metadata', '{oops']);
    expect(badMetadata.code).toBe(2);
    expect(badMetadata.stderr).toContain('--metadata is not valid JSON');

    const noCredentials = await box.cli(['ls'], { env: { AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined } });
    expect(noCredentials.code).toBe(1);
    expect(noCredentials.stderr).toContain('no S3 credentials');
    const unreachable = await box.cli(['ls'], { env: { AWS_ENDPOINT_URL: 'http://127.0.0.1:9' } });
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toMatch(/cannot reach|network|connect/i);
    const noBucket = await box.cli(['ls', '--store', 's3://no-such-bucket-as-test/x']);
    expect(noBucket.code).toBe(1);
    expect(noBucket.stderr).toMatch(/no-such-bucket-as-test/);
    const badBucket = await box.cli(['ls', '--store', 's3://Bad_Bucket']);
    expect(badBucket.code).toBe(1);
    expect(badBucket.stderr).toContain('must be 3–63 lowercase letters');
    const unknownAlias = await box.cli(['get', 'nothing:best']);
    expect(unknownAlias.code).toBe(1);
    expect(unknownAlias.stderr).toContain('artifact "uncategorized/nothing" not found');
  });
});
