import { defineConfig, devices } from '@playwright/test';
import { chromiumPath } from './scripts/chromium-path.mjs';

/** Chromium: $CHROMIUM_PATH, else Debian's /usr/bin/chromium, else Playwright's own browser. */
export { chromiumPath };

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

// E2E_PORT lets several people run the suite at once on one machine (own port, own build folder).
const port = Number(process.env.E2E_PORT ?? 4173);
const outDir = port === 4173 ? 'dist' : `.e2e-dist/${port}`;
const baseURL = `http://127.0.0.1:${port}`;

// e2e/backend.spec.ts talks to a real S3 store (Ceph RGW; `npm test` starts one and sets
// S3_TEST_*). In CI it always runs (and fails loudly without S3_TEST_ENDPOINT); locally it is
// left out, with this message, until S3_TEST_ENDPOINT is set.
const s3Spec = '**/*backend.spec.ts';
const runS3Spec = Boolean(process.env.S3_TEST_ENDPOINT) || Boolean(process.env.CI);
if (!runS3Spec && process.env.TEST_WORKER_INDEX === undefined) {
  console.warn(
    `\n[playwright] S3 e2e EXCLUDED (${s3Spec}): S3_TEST_ENDPOINT is not set. Run it against the local Ceph RGW with\n` +
      '  S3_TEST_ENDPOINT=http://127.0.0.1:7480 S3_TEST_ACCESS_KEY=CIACCESSKEY S3_TEST_SECRET_KEY=CISECRETKEY npx playwright test e2e/backend.spec.ts\n',
  );
}

export default defineConfig({
  testDir: './e2e',
  testIgnore: runS3Spec ? [] : [s3Spec],
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: process.env.CI ? 1 : 2,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: '.test-reports/e2e.json' }]],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    launchOptions: { executablePath: chromiumPath(), args: chromiumArgs },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'] } }],
  webServer: {
    command: `npx vite build --outDir ${outDir} --emptyOutDir && npx vite preview --outDir ${outDir} --host 127.0.0.1 --port ${port} --strictPort`,
    url: baseURL,
    reuseExistingServer: !process.env.CI,
    timeout: 180_000,
  },
});
