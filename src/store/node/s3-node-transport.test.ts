import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AwsV4Signer } from 'aws4fetch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { S3Config } from '../s3/s3-config';
import { S3Client } from '../s3/s3-client';
import { nodeS3Transport, SigV4Signer } from './s3-node-transport';

const config: S3Config = {
  endpoint: 'http://127.0.0.1:7480',
  region: 'eu-west-3',
  bucket: 'team-bucket',
  prefix: 'a/',
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  sessionToken: 'session-token',
};

describe('SigV4Signer', () => {
  // aws4fetch is the browser's signer: both must agree to the byte, or one of them is refused.
  const cases: { method: string; url: string; headers: Record<string, string> }[] = [
    { method: 'PUT', url: 'http://127.0.0.1:7480/team-bucket/a/blobs/md5/0f00', headers: { 'if-none-match': '*', 'content-md5': 'rL0Y20zC+Fzt72VPzMSk2A==', 'x-amz-meta-staged-at': '1700000000000' } },
    { method: 'GET', url: 'http://127.0.0.1:7480/team-bucket?list-type=2&prefix=a%2Fblobs%2F&start-after=a%2Fb%20c&max-keys=1000', headers: {} },
    { method: 'POST', url: "http://127.0.0.1:7480/team-bucket/a/it's%20(big)*!/x?uploads", headers: { 'content-type': 'application/octet-stream' } },
    { method: 'PUT', url: 'http://127.0.0.1:7480/team-bucket/a/k?partNumber=2&uploadId=2~abc.def', headers: { 'If-Match': '"etag"' } },
  ];
  for (const { method, url, headers } of cases) {
    it(`signs ${method} ${url} as aws4fetch does`, async () => {
      const now = new Date('2026-12-02T13:05:09.123Z');
      const theirs = await new AwsV4Signer({
        method,
        url,
        headers,
        accessKeyId: config.accessKeyId,
        secretAccessKey: config.secretAccessKey,
        sessionToken: config.sessionToken,
        service: 's3',
        region: config.region,
        datetime: '20261202T130509Z',
      }).sign();
      const ours = new SigV4Signer(config).sign(method, new URL(url), headers, now);
      expect(ours['authorization']).toBe(theirs.headers.get('authorization'));
      expect(ours['x-amz-date']).toBe('20261202T130509Z');
      expect(ours['x-amz-security-token']).toBe('session-token');
    });
  }
});

describe('nodeS3Transport', () => {
  const seen: { method: string; url: string; headers: IncomingMessage['headers']; body: string }[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      seen.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks).toString() });
      if (request.url?.includes('missing')) {
        response.writeHead(404, { 'content-type': 'application/xml' }).end('<Error><Code>NoSuchKey</Code></Error>');
      } else if (request.method === 'PUT') {
        response.writeHead(200, { etag: '"abc"', 'content-length': '0' }).end();
      } else {
        response.writeHead(200, { etag: '"def"', 'x-amz-meta-staged-at': '12' }).end('x'.repeat(2 * 1024 * 1024));
      }
    });
  });
  let endpoint = '';
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('carries the S3 client: bodies up (small and streamed), answers down (empty, buffered, streamed, errors)', async () => {
    const client = new S3Client({ ...config, endpoint }, { transport: nodeS3Transport });
    const big = new Blob(['y'.repeat(3 * 1024 * 1024)]);
    expect(await client.put('a/small', 'hello', { create: true })).toEqual({ ok: true, etag: 'abc' });
    expect(await client.put('a/big', big)).toEqual({ ok: true, etag: 'abc' });
    const read = await client.get('a/some key');
    expect(read === null || read === 'not-modified' ? read : (await read.text()).length).toBe(2 * 1024 * 1024);
    expect(await client.get('a/missing')).toBeNull();
    expect(seen.map((r) => [r.method, r.url, r.body.length])).toEqual([
      ['PUT', '/team-bucket/a/small', 5],
      ['PUT', '/team-bucket/a/big', 3 * 1024 * 1024],
      ['GET', '/team-bucket/a/some%20key', 0],
      ['GET', '/team-bucket/a/missing', 0],
    ]);
    expect(seen[0]?.headers['if-none-match']).toBe('*');
    expect(seen[0]?.headers['authorization']).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-3\/s3\/aws4_request, SignedHeaders=host;if-none-match;x-amz-content-sha256;x-amz-date;x-amz-security-token, Signature=[0-9a-f]{64}$/);
  });

  it('gives up on a cancelled transfer with the cancelled error', async () => {
    const client = new S3Client({ ...config, endpoint }, { transport: nodeS3Transport });
    const controller = new AbortController();
    controller.abort();
    await expect(client.put('a/k', 'x', { signal: controller.signal })).rejects.toMatchObject({ code: 'cancelled' });
  });
});
