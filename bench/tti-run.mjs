// Issue #10 first-load bench, driven from bench/run.mjs: builds the production app into
// bench/.tmp/dist (the other benches use the dev server, which is no measure of a first load),
// serves it with `vite preview`, loads the example project once, then opens the project page
// cold several times and reads Chromium's performance timeline: navigation start → first
// contentful paint, and → interactive = the sidebar's rows are rendered and no long task
// (> 50 ms on the main thread) follows for 500 ms. Reported next to the initial JS (gzip).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { build, preview } from 'vite';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'bench', '.tmp', 'dist');
const RUNS = 7;
const QUIET_MS = 500;

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

/** gzip bytes of the JS index.html loads before anything runs: its module script and modulepreloads. */
function initialJsGzip() {
  const html = readFileSync(path.join(outDir, 'index.html'), 'utf8');
  const files = [...new Set([...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]))];
  const bytes = files.reduce((sum, file) => sum + gzipSync(readFileSync(path.join(outDir, file)), { level: 9 }).length, 0);
  return { files, bytes };
}

/** Runs in the page before any of its scripts: records long tasks and the moment the sidebar shows its rows. */
function instrument() {
  const marks = { longTaskEnds: [], sidebarAt: null };
  window.__tti = marks;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) marks.longTaskEnds.push(entry.startTime + entry.duration);
  }).observe({ type: 'longtask', buffered: true });
  const check = () => {
    if (marks.sidebarAt === null && document.querySelector('nav[aria-label="Artifacts"] a[href="/p/example/a/classifier"]')) {
      marks.sidebarAt = performance.now();
      observer.disconnect();
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true });
}

export async function runTtiBench({ chromiumPath, args }) {
  console.log(`bench: tti (building into ${path.relative(root, outDir)})`);
  // run.mjs started a Vite dev server in this process, which set NODE_ENV=development: without
  // this, the build would bundle React's development code (~60 KB gzip more than users get).
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ root, mode: 'production', logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  const server = await preview({ root, logLevel: 'warn', build: { outDir }, preview: { host: '127.0.0.1', port: 5189, strictPort: true } });
  const url = 'http://127.0.0.1:5189';
  const browser = await chromium.launch({ executablePath: chromiumPath, args });
  const fcps = [];
  const ttis = [];
  try {
    // Service workers blocked: every load goes to the server, as on a first visit (with the cache it is faster).
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const setup = await context.newPage();
    await setup.goto(url);
    await setup.getByRole('button', { name: 'Load example project' }).click();
    await setup.waitForURL('**/p/example', { timeout: 60_000 });
    await setup.close();
    await context.addInitScript(instrument);
    for (let run = 0; run < RUNS; run++) {
      const page = await context.newPage();
      await page.goto(`${url}/p/example`);
      const result = await page.evaluate(
        (quiet) =>
          new Promise((resolve) => {
            const poll = () => {
              const marks = window.__tti;
              const lastLongTask = Math.max(0, ...marks.longTaskEnds);
              const start = Math.max(marks.sidebarAt ?? Infinity, lastLongTask);
              if (marks.sidebarAt !== null && performance.now() - start >= quiet) {
                const fcp = performance.getEntriesByName('first-contentful-paint')[0];
                resolve({ fcp: fcp ? fcp.startTime : null, tti: start, longTasks: marks.longTaskEnds.length });
              } else setTimeout(poll, 50);
            };
            poll();
          }),
        QUIET_MS,
      );
      if (result.fcp !== null) fcps.push(result.fcp);
      ttis.push(result.tti);
      await page.close();
    }
    await context.close();
  } finally {
    await browser.close();
    await new Promise((resolve) => server.httpServer.close(resolve));
  }
  const { files, bytes } = initialJsGzip();
  const kb = bytes / 1024;
  const fcp = median(fcps);
  const tti = median(ttis);
  const runs = (values) => values.map((v) => v.toFixed(0)).join(', ');
  return [
    { issue: '#10', name: 'initial JavaScript of the production build (gzip -9: index.html module script + modulepreloads)', value: kb, unit: 'KB', goal: '≤ 150 KB', met: kb <= 150, note: `${files.length} files: ${files.map((f) => path.basename(f)).join(', ')}` },
    { issue: '#10', name: 'first contentful paint, project page with the example project (vite preview, production build)', value: fcp, unit: 'ms', goal: 'reported', met: true, note: `median of ${fcps.length} cold loads (${runs(fcps)} ms), service worker off` },
    { issue: '#10', name: 'time to interactive, project page with the example project: sidebar rows rendered and no long task for 500 ms', value: tti, unit: 'ms', goal: '< 1000 ms', met: tti < 1000, note: `median of ${ttis.length} cold loads (${runs(ttis)} ms), from navigation start; service worker off` },
  ];
}
