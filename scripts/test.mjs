// `npm test`: type check, lint, unit tests, e2e — in that order, stopping at the first failure.
// Ends with one plain line "tests: N passed, M failed" counting unit and e2e tests together.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync } from 'node:fs';
import { startTestRgw } from './test-rgw.mjs';

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

// The S3 adapter's tests need a real S3 store: S3_TEST_ENDPOINT, or a throw-away Ceph RGW.
let rgw;
try {
  rgw = startTestRgw();
} catch (error) {
  console.error(`== ${error.message}`);
  process.exit(1);
}
if (!rgw.available) {
  console.warn(
    '== S3 tests will be LEFT OUT: no S3_TEST_ENDPOINT and no Ceph RGW installed.\n' +
      '   Install it with: sudo apt-get install -y --no-install-recommends ceph-mon ceph-osd radosgw',
  );
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
