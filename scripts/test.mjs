// `npm test`: type check, lint, unit tests, e2e — in that order, stopping at the first failure.
// Ends with one plain line "tests: N passed, M failed" counting unit and e2e tests together.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

const out = '.test-reports'; // not test-results/: Playwright empties that folder when it starts
mkdirSync(out, { recursive: true });
const steps = [
  ['type check', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']],
  ['lint', 'npx', ['eslint', '.', '--max-warnings', '0']],
  ['unit', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}/unit.json`]],
  ['e2e', 'npx', ['playwright', 'test']],
];

// The S3 adapter's tests need a real S3 store. Unless S3_TEST_ENDPOINT points at one, start a
// throw-away Ceph RGW (Debian: ceph-mon ceph-osd radosgw) for the run and stop it afterwards.
const onPath = (bin) => (process.env.PATH ?? '').split(delimiter).some((dir) => existsSync(join(dir, bin)));
let cephDir = null;
if (!process.env.S3_TEST_ENDPOINT) {
  if (onPath('radosgw') && onPath('ceph-mon') && onPath('ceph-osd')) {
    cephDir = join(process.cwd(), '.ceph');
    const env = { ...process.env, RGW_ACCESS_KEY: 'CIACCESSKEY', RGW_SECRET_KEY: 'CISECRETKEY' };
    console.log('== starting Ceph RGW for the S3 tests (scripts/start-ceph-rgw.sh)');
    const up = spawnSync('bash', ['scripts/start-ceph-rgw.sh', cephDir], { stdio: 'inherit', env });
    if (up.status !== 0) {
      console.error('== Ceph RGW did not start; see .ceph/last-failure/');
      process.exit(1);
    }
    Object.assign(process.env, {
      S3_TEST_ENDPOINT: 'http://127.0.0.1:7480',
      S3_TEST_ACCESS_KEY: 'CIACCESSKEY',
      S3_TEST_SECRET_KEY: 'CISECRETKEY',
    });
  } else {
    console.warn(
      '== S3 tests will be LEFT OUT: no S3_TEST_ENDPOINT and no Ceph RGW installed.\n' +
        '   Install it with: sudo apt-get install -y --no-install-recommends ceph-mon ceph-osd radosgw',
    );
  }
}
function stopCeph() {
  if (cephDir) spawnSync('bash', ['scripts/stop-ceph-rgw.sh', cephDir], { stdio: 'inherit' });
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
stopCeph();
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(failedStep ? 1 : 0);
