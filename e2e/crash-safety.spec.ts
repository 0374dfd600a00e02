/**
 * Crash safety (issue 9): the page is closed, or the whole browser killed with SIGKILL, in the
 * middle of a large upload — while hashing, while blobs are written, and inside the commit
 * transaction. After reopening: no partial version, checkIntegrity() passes, the blobs the dead
 * session staged are collected at start-up, and the same upload then succeeds.
 *
 * Triggers are deterministic: a MutationObserver in the page calls an exposed binding the moment
 * the hashing progress bar shows; for writing (after the first stored batch, more to come) and
 * inside the commit transaction the store's `afterBlobBatch` / `afterCommitWrites` test hooks
 * (only with `?e2e`) call the binding and then block the main thread until the crash lands.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { expect, test } from './fixtures/test';
import type { BrowserContext, Page } from '@playwright/test';
import { chromiumArgs, chromiumPath } from '../playwright.config';
import { expectCleanStore, snapshot } from './fixtures/store-probe';
import { UploadPage, artifactDigestOf, makeFolder } from './fixtures/upload-page';

type Phase = 'hashing' | 'writing' | 'committing';

const PHASE_LABEL: Record<Phase, string> = {
  hashing: 'Reading and hashing files',
  writing: 'Writing new file contents',
  committing: 'Committing the version',
};

/** ~36 MB in 24 large files (several 8 MiB write transactions) plus 400 small ones. */
function bigFolder(): { dir: string; files: Record<string, Buffer> } {
  const files: Record<string, Buffer> = {};
  for (let i = 0; i < 24; i++) files[`shards/shard-${String(i).padStart(2, '0')}.bin`] = randomBytes(1_500_000);
  for (let i = 0; i < 400; i++) files[`labels/${String(i).padStart(4, '0')}.txt`] = Buffer.from(`label ${i} ${randomBytes(8).toString('hex')}`);
  return { dir: makeFolder('crash-data', files), files };
}

/** Arms the trigger in the page; `crash` runs (once) the moment the phase is reached. */
async function armCrash(page: Page, phase: Phase, crash: () => Promise<void>): Promise<{ crashed: Promise<void> }> {
  let fire: () => void = () => undefined;
  const fired = new Promise<void>((resolve) => (fire = resolve));
  let started: Promise<void> | null = null;
  await page.exposeBinding('__crashNow', () => {
    started ??= crash().catch(() => undefined);
    fire();
  });
  await page.evaluate(
    ({ phase, label }) => {
      const w = window as unknown as { __crashNow(): void; __artifactStudioTestHooks?: unknown };
      if (phase === 'writing') {
        // After the first stored batch of blob bytes, with more to come: a real mid-write state,
        // reached on any machine speed (a progress render in that window is not guaranteed).
        w.__artifactStudioTestHooks = {
          afterBlobBatch(written: number, total: number) {
            if (written >= total) return;
            w.__crashNow();
            const until = Date.now() + 20_000; // no further batch starts until the crash lands
            while (Date.now() < until) {
              /* spin */
            }
          },
        };
        return;
      }
      if (phase === 'committing') {
        w.__artifactStudioTestHooks = {
          afterCommitWrites() {
            w.__crashNow();
            const until = Date.now() + 20_000; // hold the commit transaction open until the crash lands
            while (Date.now() < until) {
              /* spin */
            }
          },
        };
        return;
      }
      const observer = new MutationObserver(() => {
        const bar = document.querySelector(`[role="progressbar"][aria-label="${label}"]`);
        if (!bar) return;
        observer.disconnect();
        w.__crashNow();
      });
      observer.observe(document.body, { subtree: true, childList: true, attributes: true });
    },
    { phase, label: PHASE_LABEL[phase] },
  );
  return { crashed: fired.then(() => started ?? undefined) };
}

/** Starts the upload and lets it run into the armed crash (steps after the crash may throw). */
async function uploadUntilCrash(page: Page, dir: string, phase: Phase, crashed: Promise<void>): Promise<void> {
  const upload = new UploadPage(page);
  const steps = (async () => {
    await upload.chooseFolder(dir);
    if (phase === 'hashing') return;
    await upload.field('Artifact name').fill('crash-data');
    await upload.commit();
  })().catch(() => undefined);
  await Promise.race([crashed, steps.then(() => crashed)]);
  await crashed;
}

async function loadExample(page: Page): Promise<void> {
  await page.goto('/?e2e');
  await page.getByRole('button', { name: 'Load example project' }).click();
  await page.waitForURL('**/p/example', { timeout: 30_000 });
}

/** After the crash: nothing of crash-data, a clean store, orphans collected; then the upload works. */
async function expectRecovered(page: Page, phase: Phase, dir: string, files: Record<string, Buffer>, before: string[]): Promise<void> {
  await page.goto('/p/example?e2e');
  await expect(page.getByRole('navigation', { name: 'Artifacts' })).toBeVisible();
  const state = await expectCleanStore(page);
  expect(state.versions).toEqual(before); // no partial (or complete) crash-data version
  // The dead session's staged blobs were collected (while hashing, small files may or may not be staged yet).
  if (phase !== 'hashing') expect(state.startupGc?.freedBlobs ?? 0).toBeGreaterThan(0);
  await expect(page.getByRole('navigation', { name: 'Artifacts' }).getByRole('link', { name: 'crash-data' })).toHaveCount(0);

  // The same upload again succeeds.
  const upload = new UploadPage(page);
  await upload.chooseFolder(dir);
  await upload.field('Artifact name').fill('crash-data');
  await upload.commit();
  await expect(page).toHaveURL(/\/p\/example\/a\/crash-data\/v\/v0/, { timeout: 60_000 });
  const digest = (await page.getByRole('region', { name: 'Details' }).getByLabel('Digest', { exact: true }).textContent())?.trim();
  expect(digest).toBe(artifactDigestOf(files));
  const after = await expectCleanStore(page);
  expect(after.versions).toEqual([...before, 'example/crash-data:v0'].sort());
}

const phases: Phase[] = ['hashing', 'writing', 'committing'];

test.describe('closing the page mid-upload', () => {
  test.setTimeout(180_000);
  // page.close() stands in for a crash only while the page's renderer goes away with it; the
  // production build's service worker keeps that process alive, so the "closed" page can still
  // finish (or hold the ingest lock over) its commit. Crashes with the worker are the SIGKILL tests.
  test.use({ serviceWorkers: 'block' });
  for (const phase of phases) {
    test(`while ${phase}: nothing partial, integrity holds, orphans collected, retry works`, async ({ context }) => {
      const { dir, files } = bigFolder();
      const page = await context.newPage();
      await loadExample(page);
      const before = (await snapshot(page)).versions;
      const { crashed } = await armCrash(page, phase, () => page.close({ runBeforeUnload: false }));
      await uploadUntilCrash(page, dir, phase, crashed);
      expect(page.isClosed()).toBe(true);

      await expectRecovered(await context.newPage(), phase, dir, files, before);
    });
  }
});

/** The browser's main process for this profile (its command line names the profile folder). */
function browserPid(userDataDir: string): number {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let cmdline: string;
    try {
      cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
    } catch {
      continue;
    }
    const args = cmdline.split('\0');
    if (args.includes(`--user-data-dir=${userDataDir}`) && !args.some((a) => a.startsWith('--type='))) return Number(entry);
  }
  throw new Error(`no browser process uses ${userDataDir}`);
}

test.describe('killing the browser mid-upload', () => {
  test.setTimeout(240_000);
  for (const phase of phases) {
    test(`SIGKILL while ${phase}: the relaunched browser finds a clean store and the upload works`, async ({ baseURL }) => {
      const { dir, files } = bigFolder();
      const userDataDir = mkdtempSync(join(tmpdir(), 'crash-profile-'));
      const launch = (): Promise<BrowserContext> =>
        chromium.launchPersistentContext(userDataDir, { baseURL, executablePath: chromiumPath(), args: chromiumArgs });
      let context = await launch();
      try {
        const pid = browserPid(userDataDir);
        const page = context.pages()[0] ?? (await context.newPage());
        await loadExample(page);
        const before = (await snapshot(page)).versions;
        const closed = new Promise<void>((resolve) => context.once('close', () => resolve()));
        const { crashed } = await armCrash(page, phase, async () => {
          process.kill(pid, 'SIGKILL');
          await closed;
        });
        await uploadUntilCrash(page, dir, phase, crashed);
        await closed;

        context = await launch();
        await expectRecovered(context.pages()[0] ?? (await context.newPage()), phase, dir, files, before);
      } finally {
        await context.close().catch(() => undefined);
        rmSync(userDataDir, { recursive: true, force: true });
      }
    });
  }
});
