/** The connection test against servers that are not S3 stores (no RGW needed: a fetch stands in). */
import { describe, expect, it } from 'vitest';
import type { FetchLike } from './s3-config';
import { probeS3 } from './s3-probe';

const config = { endpoint: 'http://127.0.0.1:4173', bucket: 'team', prefix: 'p', region: 'us-east-1', accessKeyId: 'AK', secretAccessKey: 'SK' };

const answering =
  (status: number, body: string, contentType: string): FetchLike =>
  () =>
    Promise.resolve(new Response(body, { status, headers: { 'content-type': contentType } }));

describe('probeS3 on something that is not S3', () => {
  it('says a web page is not an S3 endpoint instead of "✓ list the bucket"', async () => {
    const result = await probeS3(config, { fetch: answering(200, '<!doctype html><html><body>app</body></html>', 'text/html') });
    expect(result).toMatchObject({ canRead: false, readOnly: true });
    expect(result.problems[0]).toMatchObject({ kind: 'not-s3', message: expect.stringMatching(/^http:\/\/127\.0\.0\.1:4173 is not an S3 endpoint: it answered HTTP 200 with text\/html/) as unknown });
    expect(result.checks.map((c) => [c.step, c.ok])).toEqual([
      ['reach the endpoint', true],
      ['S3 answer', false],
    ]);
  });

  it('tells JSON, other XML and an HTML 404 apart from S3 answers', async () => {
    const json = await probeS3(config, { fetch: answering(200, '{"buckets":[]}', 'application/json') });
    expect(json.problems[0]?.message).toMatch(/application\/json and a body that is not XML instead of S3's <ListBucketResult>/);
    const rss = await probeS3(config, { fetch: answering(200, '<?xml version="1.0"?><rss></rss>', 'application/xml') });
    expect(rss.problems[0]?.message).toMatch(/XML <rss> instead of S3's <ListBucketResult>/);
    const notFound = await probeS3(config, { fetch: answering(404, '<html>Not found</html>', 'text/html') });
    expect(notFound.problems[0]).toMatchObject({ kind: 'not-s3', message: expect.stringMatching(/HTTP 404 .* instead of S3's <Error>/) as unknown });
  });

  it('still reads S3 errors and listings as S3', async () => {
    const missing = await probeS3(config, { fetch: answering(404, '<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchBucket</Code></Error>', 'application/xml') });
    expect(missing.problems[0]?.kind).toBe('bucket-missing');
  });

  it('names an unreachable endpoint once, with the underlying reason and no nested advice', async () => {
    const refused: FetchLike = () => Promise.reject(new TypeError('Failed to fetch'));
    const result = await probeS3(config, { fetch: refused });
    expect(result.problems[0]?.message).toBe('cannot reach http://127.0.0.1:4173: Failed to fetch. Check the address, DNS and network.');
    expect(result.checks).toEqual([{ step: 'reach the endpoint', ok: false, detail: 'Failed to fetch' }]);
  });
});
