// `npm test`: type check, lint, unit tests, e2e — in that order, stopping at the first failure.
// Ends with one plain line "tests: N passed, M failed" counting unit and e2e tests together.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { startTestRgw } from './test-rgw.mjs';
import { chromiumPath } from './chromium-path.mjs';

const out = '.test-reports'; // not test-results/: Playwright empties that folder when it starts
mkdirSync(out, { recursive: true });
const steps = [
  // the CLI's tests run the bundled CLI; `npm ci` builds it (prepare), a plain checkout may not have
  ...(existsSync('dist-cli/cli.mjs') ? [] : [['build cli', 'npx', ['vite', 'build', '-c', 'vite.cli.config.ts']]]),
  ['type check', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']],
  ['lint', 'npx', ['eslint', '.', '--max-warnings', '0']],
  ['unit', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}/unit.json`]],
  ['e2e', 'npx', ['playwright', 'test']],
];

// What the suite needs from the machine, checked before anything runs: one clear line each, with
// the command that installs it, instead of dozens of failing e2e tests with a download banner.
const missing = [];
if (!chromiumPath() && !existsSync(chromium.executablePath())) {
  missing.push('Chromium is missing for the e2e tests: install it with `sudo apt-get install -y chromium` (or set CHROMIUM_PATH, or `npx playwright install chromium` where the internet is reachable)');
}
// The S3 adapter's and the CLI's tests need a real S3 store: S3_TEST_ENDPOINT, or a throw-away Ceph RGW.
let rgw = { available: true, stop: () => {} };
if (missing.length === 0) {
  try {
    rgw = startTestRgw();
  } catch (error) {
    missing.push(error.message);
  }
}
if (!rgw.available) {
  missing.push('Ceph RGW is missing for the S3 and CLI tests: install it with `sudo apt-get install -y --no-install-recommends ceph-mon ceph-osd radosgw` (or set S3_TEST_ENDPOINT, S3_TEST_ACCESS_KEY, S3_TEST_SECRET_KEY to your own S3 store)');
}
if (missing.length > 0) {
  for (const line of missing) console.error(`npm test: ${line}`);
  process.exit(1);
}

const started = Date.now();
let failedStep = null;
for (const [name, cmd, args] of steps) {
  const t0 = Date.now();
  console.log(`\n== ${name}: ${cmd} ${args.join(' ')}`);
  const result = spawnSync(cmd, args, { stdio: 'inherit' });
  console.log(`== ${name}: ${result.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  if (result.status !== 0) {
    failedStep = name;
    break;
  }
}

function readJson(path) {
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : null;
}
let passed = 0;
let failed = 0;
const unit = failedStep === 'type check' || failedStep === 'lint' ? null : readJson(`${out}/unit.json`);
if (unit) {
  passed += unit.numPassedTests;
  failed += unit.numFailedTests;
}
const e2e = failedStep === null || failedStep === 'e2e' ? readJson(`${out}/e2e.json`) : null;
if (e2e) {
  passed += e2e.stats.expected + e2e.stats.flaky;
  failed += e2e.stats.unexpected;
}
console.log(`\nall steps ${failedStep ? `stopped at ${failedStep}` : 'ok'} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
rgw.stop();
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(failedStep ? 1 : 0);
