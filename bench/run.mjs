// `npm run bench`: measures the performance targets of the issues and writes bench/RESULTS.md.
// Pure functions run in Node (through Vite's SSR loader); browser figures in Chromium via Playwright.
import { execSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { runIngestBenches } from './ingest-run.mjs';

/**
 * Benches run in a disk-backed profile. A Playwright browser.newPage() context is off the
 * record: its IndexedDB lives in memory, and there every transaction gets slower as stored
 * Blobs pile up (a microbench: 1.7 → 5.3 ms per small transaction over 1,000 writes of a Blob;
 * flat on disk), which is not what users of a normal profile get.
 */
const onDisk = (name) => name.startsWith('ingest') || name === 'soak1000';
import { runTtiBench } from './tti-run.mjs';
import { startTestRgw } from '../scripts/test-rgw.mjs';
import { chromiumPath as findChromium } from '../scripts/chromium-path.mjs';
import os from 'node:os';
import { createServer } from 'vite';
import { chromium } from '@playwright/test';

// BENCH_PORT / BENCH_RESULTS let two people (or agents) bench at once without sharing a port or a results file.
const port = Number(process.env.BENCH_PORT ?? 5188);
const only = process.argv.slice(2);
const chromiumPath = findChromium();
const args = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--enable-precise-memory-info'];

function machine() {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  let browser = 'Playwright Chromium';
  if (chromiumPath) {
    try { browser = execSync(`${chromiumPath} --version 2>/dev/null`).toString().trim(); } catch { /* keep the default */ }
  }
  return `${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()}, Node ${process.version}, ${browser}`;
}

// No HMR or file watching: edits made during a run must not reload the bench page.
const server = await createServer({ logLevel: 'warn', server: { host: '127.0.0.1', port, strictPort: true, hmr: false, watch: null } });
await server.listen();
const figures = [];
try {
  const { runNodeBenches } = await server.ssrLoadModule('/bench/node-benches.ts');
  figures.push(...(await runNodeBenches()));

  // Issue #8: against a real S3 store (S3_TEST_ENDPOINT, or a throw-away Ceph RGW when installed).
  // `cli` runs the CLI benches alone (issue #15), `s3` both.
  const s3Benches = only.length === 0 || only.includes('s3');
  if (s3Benches || only.includes('cli')) {
    const rgw = startTestRgw();
    try {
      if (rgw.available) {
        if (s3Benches) {
          console.log('bench: s3');
          const { runS3Benches } = await server.ssrLoadModule('/bench/s3-benches.ts');
          figures.push(...(await runS3Benches()));
        }
        console.log('bench: cli');
        const { runCliBenches } = await server.ssrLoadModule('/bench/cli-benches.ts');
        figures.push(...(await runCliBenches()));
      } else {
        console.warn('bench: s3 left out (no S3_TEST_ENDPOINT and no Ceph RGW installed)');
      }
    } finally {
      rgw.stop();
    }
  }

  let names = [];
  const browser = await chromium.launch({ executablePath: chromiumPath, args });
  try {
    const page = await browser.newPage();
    page.on('console', (m) => { if (m.type() === 'error') console.error('[page]', m.text()); });
    await page.goto(`http://127.0.0.1:${port}/bench/index.html`);
    await page.waitForFunction(() => 'artifactStudioBench' in window);
    names = await page.evaluate(() => window.artifactStudioBench.names);
    // The issue #3 ingest benches need files from disk, and they and the soak need a disk-backed
    // profile: bench/ingest-run.mjs runs them below
    for (const name of names.filter((n) => (only.length === 0 || only.includes(n)) && !onDisk(n))) {
      console.log(`bench: ${name}`);
      try {
        figures.push(...(await page.evaluate((n) => window.artifactStudioBench.run(n), name)));
      } catch (error) {
        // One broken bench must not lose the others' figures: it gets a row saying what failed.
        const message = String(error instanceof Error ? error.message : error).split('\n')[0];
        console.error(`bench ${name} failed: ${message}`);
        figures.push({ issue: '—', name: `${name} (failed)`, value: Number.NaN, unit: '', goal: '—', met: false, note: message.replaceAll('|', '/') });
        if (page.isClosed() || !(await page.evaluate(() => 'artifactStudioBench' in window).catch(() => false))) {
          await page.goto(`http://127.0.0.1:${port}/bench/index.html`);
          await page.waitForFunction(() => 'artifactStudioBench' in window);
        }
      }
    }
  } finally {
    await browser.close();
  }
  const ingest = names.filter((n) => onDisk(n) && (only.length === 0 || only.includes(n)));
  if (ingest.length > 0) figures.push(...(await runIngestBenches({ url: `http://127.0.0.1:${port}/bench/index.html`, chromiumPath, args, names: ingest })));
} finally {
  await server.close();
}
// issue #10: first load of the production build (its own build and `vite preview`, not the dev server)
if (only.length === 0 || only.includes('tti')) figures.push(...(await runTtiBench({ chromiumPath, args })));

// A run of named benches only (`npm run bench -- <name>…`) keeps the other rows of the last
// full run, marked with the time they were measured.
const resultsUrl = process.env.BENCH_RESULTS ? new URL(process.env.BENCH_RESULTS, `file://${process.cwd()}/`) : new URL('./RESULTS.md', import.meta.url);
function keptRows() {
  if (only.length === 0 || !existsSync(resultsUrl)) return [];
  const previous = readFileSync(resultsUrl, 'utf8');
  const when = /Measured (\S+)/.exec(previous)?.[1] ?? 'an earlier run';
  const fresh = new Set(figures.map((f) => f.name));
  return previous
    .split('\n')
    .filter((row) => row.startsWith('| #') && !fresh.has(row.split(' | ')[1]))
    .map((row) => (row.includes('(from ') ? row : row.replace(/ \|$/, ` (from ${when}) |`)));
}
const fmt = (f) => (f.unit === 'ms' ? f.value.toFixed(1) : f.value.toFixed(f.value >= 100 ? 0 : 2));
const lines = [
  '# Benchmark results',
  '',
  `Measured ${new Date().toISOString()} by \`npm run bench\` on: ${machine()}.`,
  'Absolute times on this shared VM are noisy; compare against the baseline measured in the same run (see notes).',
  '',
  '| issue | what | figure | goal | met | notes |',
  '|---|---|---|---|---|---|',
  ...keptRows(),
  ...figures.map((f) => `| ${f.issue} | ${f.name} | ${fmt(f)} ${f.unit} | ${f.goal} | ${f.met ? 'yes' : '**no**'} | ${f.note ?? ''} |`),
  '',
];
writeFileSync(resultsUrl, lines.join('\n'));
console.log(lines.join('\n'));
