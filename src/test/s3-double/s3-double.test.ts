/**
 * The S3 double refuses what a real S3 store refuses. The same checks run on the double in every
 * `vitest` run and, when S3_TEST_ENDPOINT is set (always in CI), on the real store (Ceph RGW),
 * so the double cannot drift from the store it stands in for.
 */
import { describe, expect, it, vi } from 'vitest';
import { md5Base64 } from '../../domain/digest';
import { S3Client } from '../../store/s3/s3-client';
import type { S3Config } from '../../store/s3/s3-config';
import { probeWithClient } from '../../store/s3/s3-probe';
import { s3TestEnv } from '../../store/s3/s3-test-env';
import { parseListObjects, parseS3Error } from '../../store/s3/s3-xml';
import { s3TestPrefixes } from '../s3-test-prefixes';
import { createS3Double } from './s3-double';
import { md5Hex } from './s3-double-answers';
import { MIN_PART_SIZE } from './s3-double-multipart';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

/** A client on a fresh prefix, its If-Match form set by the capability probe as the store does. */
type ClientFor = (label: string) => Promise<S3Client>;

const md5Of = (text: string) => md5Hex(new TextEncoder().encode(text));

function describeS3Behaviour(target: string, clientFor: ClientFor): void {
  describe(`S3 behaviour the store relies on: ${target}`, () => {
    it('a create-only PUT (If-None-Match: *) of an existing key is refused with 412 and changes nothing', async () => {
      const client = await clientFor('create-only');
      const key = `${client.keyPrefix}once.txt`;
      const first = await client.put(key, 'first', { create: true });
      expect(first).toEqual({ ok: true, etag: md5Of('first') });
      expect(await client.put(key, 'second', { create: true })).toEqual({ ok: false, status: 412 });
      const read = await client.getText(key);
      expect(read !== null && read !== 'not-modified' && read.text).toBe('first');
    });

    it('a PUT with If-Match of a stale ETag is refused with 412, quoted or not, and so is one for a missing key; the current ETag is accepted', async () => {
      const client = await clientFor('if-match');
      const key = `${client.keyPrefix}swap.json`;
      const created = await client.put(key, 'v1', { create: true });
      if (!created.ok) throw new Error('create failed');
      const updated = await client.put(key, 'v2', { ifMatch: created.etag });
      expect(updated).toEqual({ ok: true, etag: md5Of('v2') });
      for (const stale of [created.etag, `"${created.etag}"`]) {
        const answer = await client.send('PUT', client.objectUrl(key), { headers: { 'if-match': stale }, body: 'v3' });
        expect(answer.status).toBe(412);
        expect(parseS3Error(await answer.text()).code).toBe('PreconditionFailed');
      }
      const read = await client.getText(key);
      expect(read !== null && read !== 'not-modified' && read.text).toBe('v2');
      const missing = await client.send('PUT', client.objectUrl(`${key}.missing`), { headers: { 'if-match': created.etag }, body: 'v1' });
      expect(missing.status).toBe(412); // Ceph RGW's answer (AWS documents 404 NoSuchKey), which the store takes as a lost race
      await missing.body?.cancel();
    });

    it('a GET with If-None-Match of the current ETag is 304; a missing key is null on GET and HEAD', async () => {
      const client = await clientFor('not-modified');
      const key = `${client.keyPrefix}doc.json`;
      const put = await client.putJson(key, { a: 1 }, { meta: { 'staged-at': '1700000000000' } });
      if (!put.ok) throw new Error('put failed');
      expect(await client.get(key, { ifNoneMatch: put.etag })).toBe('not-modified');
      const head = await client.head(key);
      expect(head).toMatchObject({ etag: put.etag, size: 7, stagedAt: 1_700_000_000_000 });
      expect(await client.get(`${key}.missing`)).toBeNull();
      expect(await client.head(`${key}.missing`)).toBeNull();
      await client.delete(key);
      await client.delete(key); // deleting a missing key is not an error
      expect(await client.head(key)).toBeNull();
    });

    it('a PUT whose Content-MD5 does not match its bytes is refused (BadDigest)', async () => {
      const client = await clientFor('bad-digest');
      const wrongMd5 = Buffer.from(md5Of('other'), 'hex').toString('base64');
      await expect(client.put(`${client.keyPrefix}x`, 'bytes', { contentMd5: wrongMd5 })).rejects.toMatchObject({ code: 'digest-mismatch' });
      expect(await client.head(`${client.keyPrefix}x`)).toBeNull();
    });

    it('CopyObject onto itself replaces the user metadata and keeps the bytes', async () => {
      const client = await clientFor('copy');
      const key = `${client.keyPrefix}blob`;
      await client.put(key, 'payload', { meta: { 'staged-at': '1' } });
      await client.replaceMeta(key, { 'staged-at': '2' });
      expect(await client.head(key)).toMatchObject({ size: 7, stagedAt: 2 });
    });

    it('ListObjectsV2 pages by max-keys with continuation tokens, rolling keys below the delimiter into common prefixes once', async () => {
      const client = await clientFor('list');
      const p = client.keyPrefix;
      for (const key of ['a/1', 'a/2', 'b', 'c/x', 'c/y/z', 'd', 'é', 'z']) await client.put(`${p}${key}`, key);
      const pages: { keys: string[]; prefixes: string[] }[] = [];
      let token: string | null = null;
      do {
        const query: Record<string, string> = { 'list-type': '2', prefix: p, delimiter: '/', 'max-keys': '2' };
        if (token !== null) query['continuation-token'] = token;
        const response = await client.send('GET', client.bucketUrl(query));
        expect(response.status).toBe(200);
        const page = parseListObjects(await response.text());
        pages.push({ keys: page.objects.map((o) => o.key.slice(p.length)), prefixes: page.commonPrefixes.map((c) => c.slice(p.length)) });
        token = page.isTruncated ? page.nextContinuationToken : null;
      } while (token !== null);
      expect(pages).toEqual([
        { keys: ['b'], prefixes: ['a/'] },
        { keys: ['d'], prefixes: ['c/'] },
        { keys: ['z', 'é'], prefixes: [] }, // UTF-8 byte order: "é" (0xC3 0xA9) after "z"
      ]);
      expect((await client.list(`${p}c/`)).objects.map((o) => o.key.slice(p.length))).toEqual(['c/x', 'c/y/z']);
      expect((await client.list(p, { startAfter: `${p}c/y/z` })).objects.map((o) => o.key.slice(p.length))).toEqual(['d', 'z', 'é']);
    });

    it('multipart: parts below the minimum size are refused at completion; a complete upload is one object; an aborted one is gone', async () => {
      const client = await clientFor('multipart');
      const key = `${client.keyPrefix}large`;
      const small = await client.createMultipart(key);
      const tiny = new Uint8Array(10).fill(1);
      const tinyParts = [
        { partNumber: 1, etag: await client.uploadPart(key, small, 1, new Blob([tiny]), await md5Base64(tiny)) },
        { partNumber: 2, etag: await client.uploadPart(key, small, 2, new Blob([tiny]), await md5Base64(tiny)) },
      ];
      await expect(client.completeMultipart(key, small, tinyParts)).rejects.toThrow(/EntityTooSmall/);
      await client.abortMultipart(key, small);
      const gone = await client.send('PUT', client.objectUrl(key, { partNumber: '3', uploadId: small }), { body: 'x' });
      expect(gone.status).toBe(404);
      expect(parseS3Error(await gone.text()).code).toBe('NoSuchUpload');

      const uploadId = await client.createMultipart(key, { 'staged-at': '5' });
      const first = new Uint8Array(MIN_PART_SIZE).fill(7);
      const last = new Uint8Array([1, 2, 3]);
      const parts = [
        { partNumber: 1, etag: await client.uploadPart(key, uploadId, 1, new Blob([first]), await md5Base64(first)) },
        { partNumber: 2, etag: await client.uploadPart(key, uploadId, 2, new Blob([last]), await md5Base64(last)) },
      ];
      await client.completeMultipart(key, uploadId, parts);
      const head = await client.head(key);
      expect(head).toMatchObject({ size: MIN_PART_SIZE + 3, stagedAt: 5 });
      expect(head?.etag).toMatch(/^[0-9a-f]{32}-2$/);
    });
  });
}

const double = createS3Double();
describeS3Behaviour('the S3 double', async (label) => {
  const client = new S3Client(double.config(label), { fetch: double.fetch });
  await probeWithClient(client, { fetch: double.fetch });
  return client;
});

// The same checks against the real store whenever one is configured (always in CI).
if (process.env['S3_TEST_ENDPOINT'] || process.env['CI']) {
  const config: (label: string) => S3Config = s3TestPrefixes(s3TestEnv());
  describeS3Behaviour('Ceph RGW', async (label) => {
    const client = new S3Client(config(label));
    await probeWithClient(client);
    return client;
  });
}
