// Issue #8 figures against a real S3 store (the local Ceph RGW that bench/run.mjs starts), through
// the same scenarios the RGW test suite asserts on (src/store/s3/s3-bench-scenarios.ts).
import { listingScenario, reuploadScenario, tally } from '../src/store/s3/s3-bench-scenarios';
import { deletePrefixes, ensureTestBucket, s3TestEnv, testConfig } from '../src/store/s3/s3-test-env';
import { ms, type Figure } from './bench-types';

export async function runS3Benches(): Promise<Figure[]> {
  const env = s3TestEnv();
  await ensureTestBucket(env);
  const reuploadConfig = testConfig(env, 'bench-reupload');
  const listingConfig = testConfig(env, 'bench-versions500');
  try {
    const reupload = await reuploadScenario(env, reuploadConfig);
    const listing = await listingScenario(env, listingConfig);
    return [
      {
        issue: '#8',
        name: 're-upload of a 1,000-file version with 10 files changed (S3, Ceph RGW): blob PUTs sent',
        value: reupload.blobUploads.length,
        unit: 'PUTs',
        goal: 'exactly 10',
        met: reupload.blobUploads.length === 10 && reupload.created,
        note: `${ms(reupload.secondMs)} (first upload ${ms(reupload.firstMs)}); all requests: ${tally(reupload.requests)}`,
      },
      {
        issue: '#8',
        name: 'list an artifact with 500 versions from a fresh client (S3, Ceph RGW)',
        value: listing.listMs,
        unit: 'ms',
        goal: '≤ 1000 ms, no per-version GET',
        met: listing.listMs <= 1000 && listing.perVersionGets === 0 && listing.versions.length === 500,
        note: `${listing.requests.length} requests (${tally(listing.requests)}), ${listing.perVersionGets} per-version GETs; seeding 500 versions with 4 writers took ${ms(listing.seedMs)}`,
      },
    ];
  } finally {
    await deletePrefixes(env, [reuploadConfig.prefix, listingConfig.prefix]);
  }
}
