// Creates the bucket (if missing) and sets the bucket CORS rule the browser app needs to talk to an
// S3-compatible store directly: the app origins, the signing and conditional-write headers, and
// `ETag` exposed (without it the browser cannot do compare-and-swap).
//
// Usage: node scripts/s3-setup.mjs [--endpoint URL] [--bucket NAME] [--region R] [--origin URL ...]
// Credentials and defaults come from the environment:
//   S3_ENDPOINT | S3_TEST_ENDPOINT            (default http://127.0.0.1:7480, the local Ceph RGW)
//   S3_ACCESS_KEY | S3_TEST_ACCESS_KEY, S3_SECRET_KEY | S3_TEST_SECRET_KEY
//   S3_BUCKET | S3_TEST_BUCKET                (default artifact-studio-test)
//   S3_REGION                                 (default us-east-1)
// Origins default to the app's dev and preview servers: http://127.0.0.1:5173, http://127.0.0.1:4173.
import { AwsClient } from 'aws4fetch';
import { createHash } from 'node:crypto';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    endpoint: { type: 'string' },
    bucket: { type: 'string' },
    region: { type: 'string' },
    origin: { type: 'string', multiple: true },
  },
});
const env = process.env;
const endpoint = (values.endpoint ?? env.S3_ENDPOINT ?? env.S3_TEST_ENDPOINT ?? 'http://127.0.0.1:7480').replace(/\/+$/, '');
const bucket = values.bucket ?? env.S3_BUCKET ?? env.S3_TEST_BUCKET ?? 'artifact-studio-test';
const region = values.region ?? env.S3_REGION ?? 'us-east-1';
const accessKeyId = env.S3_ACCESS_KEY ?? env.S3_TEST_ACCESS_KEY;
const secretAccessKey = env.S3_SECRET_KEY ?? env.S3_TEST_SECRET_KEY;
const origins = values.origin?.length ? values.origin : ['http://127.0.0.1:5173', 'http://127.0.0.1:4173'];

if (!accessKeyId || !secretAccessKey) {
  console.error('s3-setup: set S3_ACCESS_KEY and S3_SECRET_KEY (or S3_TEST_ACCESS_KEY / S3_TEST_SECRET_KEY)');
  process.exit(2);
}
const aws = new AwsClient({ accessKeyId, secretAccessKey, service: 's3', region, retries: 2 });
const bucketUrl = `${endpoint}/${encodeURIComponent(bucket)}`;

async function call(label, url, init) {
  let response;
  try {
    response = await aws.fetch(url, init);
  } catch (error) {
    console.error(`s3-setup: ${label}: cannot reach ${endpoint} (${error instanceof Error ? error.message : String(error)})`);
    process.exit(1);
  }
  return { status: response.status, text: await response.text() };
}

// 1. Bucket: 200 = created (or, in us-east-1, already ours); 409 BucketAlreadyOwnedByYou = already ours.
const created = await call('CreateBucket', bucketUrl, { method: 'PUT' });
if (created.status === 200) console.log(`bucket ${bucket}: ready`);
else if (created.status === 409 && created.text.includes('BucketAlreadyOwnedByYou')) console.log(`bucket ${bucket}: exists`);
else {
  console.error(`s3-setup: CreateBucket ${bucket} → HTTP ${created.status}: ${created.text}`);
  process.exit(1);
}

// 2. CORS: what the browser needs for signed, conditional requests and for reading ETags.
const headers = ['authorization', 'content-type', 'content-md5', 'if-match', 'if-none-match', 'x-amz-*', 'range'];
const xml =
  '<CORSConfiguration><CORSRule>' +
  origins.map((o) => `<AllowedOrigin>${o}</AllowedOrigin>`).join('') +
  ['GET', 'PUT', 'HEAD', 'DELETE', 'POST'].map((m) => `<AllowedMethod>${m}</AllowedMethod>`).join('') +
  headers.map((h) => `<AllowedHeader>${h}</AllowedHeader>`).join('') +
  '<ExposeHeader>ETag</ExposeHeader><ExposeHeader>x-amz-version-id</ExposeHeader><ExposeHeader>x-amz-meta-staged-at</ExposeHeader>' +
  '<MaxAgeSeconds>3000</MaxAgeSeconds></CORSRule></CORSConfiguration>';
const cors = await call('PutBucketCors', `${bucketUrl}?cors`, {
  method: 'PUT',
  body: xml,
  headers: { 'content-md5': createHash('md5').update(xml).digest('base64'), 'content-type': 'application/xml' },
});
if (cors.status !== 200) {
  console.error(`s3-setup: PutBucketCors → HTTP ${cors.status}: ${cors.text}`);
  process.exit(1);
}

// 3. Check it took: a preflight from the first origin must allow PUT with if-match and expose ETag.
const preflight = await fetch(`${bucketUrl}/probe-key`, {
  method: 'OPTIONS',
  headers: { origin: origins[0], 'access-control-request-method': 'PUT', 'access-control-request-headers': 'authorization,if-match,x-amz-date' },
});
const allowOrigin = preflight.headers.get('access-control-allow-origin');
if (preflight.status !== 200 || (allowOrigin !== origins[0] && allowOrigin !== '*')) {
  console.error(`s3-setup: CORS preflight from ${origins[0]} → HTTP ${preflight.status}, allow-origin ${allowOrigin}`);
  process.exit(1);
}
console.log(`cors ${bucket}: ${origins.join(', ')} may GET/PUT/HEAD/DELETE/POST with ${headers.join(', ')}; ETag exposed`);
