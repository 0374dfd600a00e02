// Screenshot of the version page after "Load example project", for docs and visual review.
//   node scripts/screenshot.mjs [--base http://127.0.0.1:4173] [--out docs/screenshot-version.png] [--dark]
// Uses the running `vite preview` at --base, or starts one on dist/ (run `npm run build` first).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
};
const base = arg('base', 'http://127.0.0.1:4173');
const out = arg('out', 'docs/screenshot-version.png');
const dark = process.argv.includes('--dark');
// Same browser and flags as playwright.config.ts.
const executablePath = [process.env.CHROMIUM_PATH, '/usr/bin/chromium'].find((p) => p && existsSync(p));
const args = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

async function reachable(url) {
  try {
    return (await fetch(url)).ok;
  } catch {
    return false;
  }
}

let server = null;
if (!(await reachable(base))) {
  const { hostname, port } = new URL(base);
  server = spawn('npx', ['vite', 'preview', '--host', hostname, '--port', port, '--strictPort'], { stdio: 'ignore' });
  for (let i = 0; i < 100 && !(await reachable(base)); i++) await new Promise((r) => setTimeout(r, 200));
}

const browser = await chromium.launch({ executablePath, args });
try {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
  await context.addInitScript((theme) => localStorage.setItem('artifact-studio:theme', theme), dark ? 'dark' : 'light');
  const page = await context.newPage();
  await page.goto(base);
  await page.getByRole('button', { name: 'Load example project' }).click();
  await page.waitForURL('**/p/example', { timeout: 60_000 });
  await page.goto(`${base}/p/example/a/classifier/v/v1`);
  await page.getByRole('heading', { name: 'classifier:v1' }).waitFor();
  await page.getByRole('region', { name: 'Produced by' }).getByText('train-tuned').waitFor();
  await page.screenshot({ path: out });
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
  server?.kill();
}
