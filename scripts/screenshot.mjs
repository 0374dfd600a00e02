// Screenshots of the main screens after "Load example project", for the README and visual review.
//   node scripts/screenshot.mjs [--base http://127.0.0.1:4173] [--out docs/screens/version-light.png] [--dark]
//   node scripts/screenshot.mjs --all     # every screen in light and dark → docs/screens/<screen>-<theme>.png
// Uses the running `vite preview` at --base, or starts one on dist/ (run `npm run build` first).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { chromium } from '@playwright/test';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
};
const base = arg('base', 'http://127.0.0.1:4173');
const out = arg('out', 'docs/screens/version-light.png');
const dark = process.argv.includes('--dark');
const all = process.argv.includes('--all');
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
  // vite itself, not through npx: killing npx would leave the preview server running.
  server = spawn(process.execPath, ['node_modules/vite/bin/vite.js', 'preview', '--host', hostname, '--port', port, '--strictPort'], { stdio: 'ignore' });
  for (let i = 0; i < 100 && !(await reachable(base)); i++) await new Promise((r) => setTimeout(r, 200));
}

// What each screen shows, and how to tell it has finished loading.
const screens = [
  {
    name: 'version',
    path: '/p/example/a/classifier/v/v1',
    ready: (page) => page.getByRole('region', { name: 'Produced by' }).getByText('train-tuned').waitFor(),
  },
  {
    name: 'files',
    path: '/p/example/a/tabular-data/v/v1?tab=files&path=train.csv',
    ready: (page) => page.getByRole('table').first().waitFor(),
  },
  {
    name: 'compare',
    path: '/p/example/compare?a=example%2Ftabular-data%3Av0&b=example%2Ftabular-data%3Av1&file=train.csv',
    ready: (page) => page.getByText(/modified/i).first().waitFor(),
  },
  {
    name: 'lineage',
    path: '/p/example/lineage',
    ready: async (page) => {
      await page.locator('.react-flow__node').first().waitFor();
      await page.waitForTimeout(800); // fitView animation
    },
  },
];

async function capture(browser, theme, wanted) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1, colorScheme: theme });
  await context.addInitScript((t) => localStorage.setItem('artifact-studio:theme', t), theme);
  const page = await context.newPage();
  await page.goto(base);
  await page.getByRole('button', { name: 'Load example project' }).click();
  await page.waitForURL('**/p/example', { timeout: 60_000 });
  for (const screen of wanted) {
    await page.goto(`${base}${screen.path}`);
    await screen.ready(page);
    const path = all ? `docs/screens/${screen.name}-${theme}.png` : out;
    await page.screenshot({ path });
    console.log(`wrote ${path}`);
  }
  await context.close();
}

const browser = await chromium.launch({ executablePath, args });
try {
  if (all) {
    mkdirSync('docs/screens', { recursive: true });
    for (const theme of ['light', 'dark']) await capture(browser, theme, screens);
  } else {
    await capture(browser, dark ? 'dark' : 'light', [screens[0]]);
  }
} finally {
  await browser.close();
  server?.kill();
}
