// A real S3 store for the S3 adapter's tests and benches: unless S3_TEST_ENDPOINT already points
// at one, start a throw-away Ceph RGW (Debian: ceph-mon ceph-osd radosgw) on 127.0.0.1:7480.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

const onPath = (bin) => (process.env.PATH ?? '').split(delimiter).some((dir) => existsSync(join(dir, bin)));

/**
 * Sets S3_TEST_ENDPOINT/_ACCESS_KEY/_SECRET_KEY for this process and its children. Returns
 * `{ available, stop }`: `available` is false when there is no store and no Ceph to start.
 */
export function startTestRgw() {
  if (process.env.S3_TEST_ENDPOINT) return { available: true, stop: () => {} };
  if (!(onPath('radosgw') && onPath('ceph-mon') && onPath('ceph-osd'))) return { available: false, stop: () => {} };
  const cephDir = join(process.cwd(), '.ceph');
  const env = { ...process.env, RGW_ACCESS_KEY: 'CIACCESSKEY', RGW_SECRET_KEY: 'CISECRETKEY' };
  console.log('== starting Ceph RGW for the S3 tests (scripts/start-ceph-rgw.sh)');
  const up = spawnSync('bash', ['scripts/start-ceph-rgw.sh', cephDir], { stdio: 'inherit', env });
  if (up.status !== 0) throw new Error('Ceph RGW did not start; see .ceph/last-failure/');
  Object.assign(process.env, {
    S3_TEST_ENDPOINT: 'http://127.0.0.1:7480',
    S3_TEST_ACCESS_KEY: 'CIACCESSKEY',
    S3_TEST_SECRET_KEY: 'CISECRETKEY',
  });
  return { available: true, stop: () => spawnSync('bash', ['scripts/stop-ceph-rgw.sh', cephDir], { stdio: 'inherit' }) };
}
