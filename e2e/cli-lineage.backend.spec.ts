import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { expect, test } from './fixtures/test';
import type { Locator, Page } from '@playwright/test';
import type { CliSandbox } from '../src/cli/cli-test-env';
import { cliSandbox } from '../src/cli/cli-test-env';
import type { VersionId } from '../src/domain/types';
import { createS3Store } from '../src/store/s3/create-s3-store';
import { deletePrefixes, s3TestEnv } from '../src/store/s3/s3-test-env';
import { CLI_BIN, ensureBuiltCli } from '../src/test/built-cli';
import type { BrowsePage } from './fixtures/browse-page';
import { artifactDigestOf } from './fixtures/upload-page';

/**
 * The lineage recorded by the real `artifact-studio` CLI (child processes on RGW), seen in the
 * app connected to the same bucket/prefix, and the Usage tab's copied `get` command run in a shell
 * against that bucket. Needs S3_TEST_* (playwright.config.ts runs `*backend.spec.ts` only then).
 */
const bucket = 'artifact-studio-e2e';
const env = { ...s3TestEnv(), bucket };
let box: CliSandbox;
const scratch: string[] = [];

// What the steps write: the test knows the bytes, so it checks downloads against them independently.
const trainCsv = 'x,y\n1,2\n3,4\n';
const modelBytes = Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 7 + trainCsv.length) & 255));
const modelFiles: Record<string, Buffer | string> = {
  'model.bin': modelBytes,
  'meta/config.json': JSON.stringify({ rows: trainCsv.split('\n').length }),
};
const prepareCode =
  "const fs=require('fs');fs.mkdirSync('prep/labels',{recursive:true});" +
  `fs.writeFileSync('prep/train.csv',${JSON.stringify(trainCsv)});fs.writeFileSync('prep/labels/classes.txt','cat\\ndog\\n');`;
const trainCode =
  "const fs=require('fs');const rows=fs.readFileSync('data/train.csv','utf8');fs.mkdirSync('out/meta',{recursive:true});" +
  "fs.writeFileSync('out/model.bin',Buffer.from(Array.from({length:70000},(_,i)=>(i*7+rows.length)&255)));" +
  "fs.writeFileSync('out/meta/config.json',JSON.stringify({rows:rows.split('\\n').length}));";
const evaluateCode =
  "const fs=require('fs');fs.mkdirSync('report',{recursive:true});" +
  "fs.writeFileSync('report/score.txt','bytes '+fs.statSync('model/model.bin').size);";

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

test.beforeAll(async () => {
  ensureBuiltCli();
  // The bucket with a CORS rule for this run's origin (its own E2E_PORT), as e2e/backend.spec.ts does.
  const origin = new URL(String(test.info().project.use.baseURL)).origin;
  execFileSync('node', ['scripts/s3-setup.mjs', '--endpoint', env.endpoint, '--bucket', bucket, '--origin', origin], {
    env: { ...process.env, S3_ACCESS_KEY: env.accessKeyId, S3_SECRET_KEY: env.secretAccessKey },
    stdio: 'pipe',
  });
  box = await cliSandbox(env, 'e2e-cli-lineage');
});

test.afterAll(async () => {
  if (box) {
    await deletePrefixes(env, [box.prefix]);
    await box.dispose();
  }
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

async function runStep(args: readonly string[], expectedCode = 0) {
  const result = await box.cli(['--project', 'cv', 'run', ...args]);
  expect(result.code, `${args.join(' ')}\n${result.stdout}\n${result.stderr}`).toBe(expectedCode);
  return result;
}

async function connect(page: Page, browse: BrowsePage) {
  await browse.openEmptyApp();
  await page.getByRole('button', { name: 'Connect S3…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Connect S3-compatible storage' });
  await dialog.getByLabel('Endpoint').fill(env.endpoint);
  await dialog.getByLabel('Region').fill(env.region);
  await dialog.getByLabel('Bucket').fill(bucket);
  await dialog.getByLabel('Prefix').fill(box.prefix);
  await dialog.getByLabel('Access key ID').fill(env.accessKeyId);
  await dialog.getByLabel('Secret access key').fill(env.secretAccessKey);
  await dialog.getByLabel('Keep these settings for this tab').check(); // survives the navigations below
  await dialog.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(page.getByLabel('Active store')).toContainText(`S3 ${bucket}/${box.prefix.replace(/\/$/, '')}`);
}

/** Every file under `root`, by forward-slash path. */
function filesUnder(root: string): Record<string, Buffer> {
  const out: Record<string, Buffer> = {};
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = join(entry.parentPath, entry.name);
    out[relative(root, full).split('\\').join('/')] = readFileSync(full);
  }
  return out;
}

const md5Base64 = (bytes: Buffer | string) => createHash('md5').update(bytes).digest('base64');

/** Runs shell text as a user pasting it would, with `artifact-studio` on PATH and only the given env. */
function runInShell(script: string, cwd: string, extraEnv: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const binDir = join(cwd, '.bin');
  mkdirSync(binDir);
  symlinkSync(CLI_BIN, join(binDir, 'artifact-studio'));
  const child = spawn('sh', ['-e', '-c', script], {
    cwd,
    env: { PATH: `${binDir}:${dirname(process.execPath)}:/usr/bin:/bin`, HOME: join(cwd, '.home'), ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

test('a prepare → train → evaluate pipeline run with the CLI shows as its DAG with run pages; a failing step is a failed run with no outputs; the Usage tab command downloads the right bytes', async ({ page, browse }) => {
  test.setTimeout(120_000);
  const prepare = await runStep(['--name', 'prepare-data', '--job-type', 'prepare', '--log', 'prepared:dataset=prep', '--', 'node', '-e', prepareCode]);
  expect(prepare.stdout).toContain('logged cv/prepared:v0');
  const train = await runStep(['--name', 'train-model', '--job-type', 'train', '--config', 'lr=0.1', '--use', 'prepared:latest=data', '--log', 'model:model=out', '--', 'node', '-e', trainCode]);
  expect(train.stdout).toContain('logged cv/model:v0');
  const evaluate = await runStep(['--name', 'evaluate-model', '--job-type', 'evaluate', '--use', 'model:latest=model', '--log', 'report:report=report', '--', 'node', '-e', evaluateCode]);
  expect(evaluate.stdout).toContain('logged cv/report:v0');
  // A failing step: its half-written output is never logged and the CLI exits with the command's code.
  await runStep(['--name', 'train-broken', '--job-type', 'train', '--use', 'prepared:latest=data', '--log', 'model:model=out', '--', 'node', '-e', "require('fs').mkdirSync('out',{recursive:true});require('fs').writeFileSync('out/model.bin','half');process.exit(3)"], 3);

  await connect(page, browse);

  // The lineage: prepare → prepared:v0 → train → model:v0 → evaluate → report:v0, and the failed run only reading.
  await page.goto('/p/cv/lineage');
  const graph = page.getByRole('region', { name: 'Lineage graph' });
  const runNode = (name: string) => graph.locator('[data-testid^="lineage-node-run:"]').filter({ hasText: name });
  const runId = async (name: string) => ((await runNode(name).getAttribute('data-testid')) ?? '').replace('lineage-node-', '');
  const edge = (source: string, target: string): Locator => graph.getByTestId(`lineage-edge-${source}->${target}`);
  for (const name of ['prepare-data', 'train-model', 'evaluate-model', 'train-broken']) await expect(runNode(name)).toHaveCount(1);
  const [prepareRun, trainRun, evaluateRun, brokenRun] = await Promise.all(['prepare-data', 'train-model', 'evaluate-model', 'train-broken'].map(runId));
  for (const id of ['cv/prepared:v0', 'cv/model:v0', 'cv/report:v0']) await expect(graph.getByTestId(`lineage-node-${id}`)).toBeVisible();
  await expect(graph.getByTestId('lineage-node-cv/model:v1')).toHaveCount(0);
  const expectedEdges: [string, string][] = [
    [prepareRun ?? '', 'cv/prepared:v0'],
    ['cv/prepared:v0', trainRun ?? ''],
    [trainRun ?? '', 'cv/model:v0'],
    ['cv/model:v0', evaluateRun ?? ''],
    [evaluateRun ?? '', 'cv/report:v0'],
    ['cv/prepared:v0', brokenRun ?? ''],
  ];
  for (const [source, target] of expectedEdges) await expect(edge(source, target)).toBeAttached();
  // Exactly these edges: none reversed, none out of the failed run.
  const drawn = await graph.locator('[data-testid^="lineage-edge-"]').evaluateAll((els) => els.map((el) => el.getAttribute('data-testid')));
  expect(new Set(drawn)).toEqual(new Set(expectedEdges.map(([s, t]) => `lineage-edge-${s}->${t}`)));

  // Run pages: what the CLI recorded, how it ended, its inputs and outputs.
  const details = page.getByRole('region', { name: 'Run details' });
  const field = (label: string) => details.getByLabel(label, { exact: true });
  await page.goto(`/p/cv/runs/${(trainRun ?? '').replace(/^run:/, '')}`);
  await expect(page.getByRole('heading', { name: 'train-model' })).toBeVisible();
  await expect(field('State')).toHaveText('Finished (exit code 0)');
  await expect(field('Command')).toContainText("node -e 'const fs=require(");
  await expect(field('Host')).not.toBeEmpty();
  await expect(field('Duration')).not.toBeEmpty();
  await expect(page.getByRole('region', { name: 'Inputs' })).toContainText('prepared');
  await expect(page.getByRole('region', { name: 'Outputs' }).getByRole('heading')).toHaveText('Outputs (1)');
  await expect(page.getByRole('region', { name: 'Outputs' })).toContainText('model');

  await page.goto(`/p/cv/runs/${(brokenRun ?? '').replace(/^run:/, '')}`);
  await expect(page.getByRole('heading', { name: 'train-broken' })).toBeVisible();
  await expect(field('State')).toHaveText('Failed with exit code 3');
  await expect(field('Command')).toContainText('process.exit(3)');
  await expect(page.getByRole('region', { name: 'Outputs' }).getByRole('heading')).toHaveText('Outputs (0)');

  // The Usage tab of the model the CLI logged: copy its command and run it as a user would.
  await page.goto('/p/cv/a/model/v/v0');
  const shownDigest = await browse.digest();
  await page.getByRole('navigation', { name: 'Version sections' }).getByRole('link', { name: 'Usage' }).click();
  const snippet = (await page.getByLabel('CLI command', { exact: true }).textContent()) ?? '';
  await page.getByRole('button', { name: 'Copy CLI command' }).click();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(snippet);
  expect(copied).toContain(`artifact-studio get cv/model:v0 --root ./model-v0 --store s3://${bucket}/${box.prefix.replace(/\/$/, '')}`);
  expect(copied).not.toContain(env.secretAccessKey);

  const cwd = mkdtempSync(join(tmpdir(), 'e2e-usage-get-'));
  scratch.push(cwd);
  // Only the keys come from the test; endpoint, region and store come from the copied lines.
  const got = await runInShell(copied, cwd, { AWS_ACCESS_KEY_ID: env.accessKeyId, AWS_SECRET_ACCESS_KEY: env.secretAccessKey });
  expect(got.code, got.output).toBe(0);

  const downloaded = filesUnder(join(cwd, 'model-v0'));
  const store = await createS3Store(box.config);
  const manifest = await store.readManifest('cv/model:v0' as VersionId).finally(() => store.close());
  expect(Object.keys(downloaded).sort()).toEqual(manifest.map((e) => e.path).sort());
  for (const entry of manifest) {
    const bytes = downloaded[entry.path] ?? Buffer.alloc(0);
    expect(md5Base64(bytes), entry.path).toBe(entry.digest);
    expect(bytes.length, entry.path).toBe(entry.size);
    expect(md5Base64(bytes), entry.path).toBe(md5Base64(modelFiles[entry.path] ?? ''));
  }
  expect(artifactDigestOf(downloaded)).toBe(shownDigest);
  expect(artifactDigestOf(modelFiles)).toBe(shownDigest);
});
