/**
 * The object semantics the S3 store logic relies on, over files: exclusive create, compare-and-
 * swap, S3's listing order and paging, ETags, metadata and what is never listed.
 */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rename, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { md5Base64 } from '../../domain/digest';
import { FolderObjectClient } from './folder-object-client';

const roots: string[] = [];

async function freshRoot(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'folder-client-'));
  roots.push(root);
  return root;
}

afterAll(async () => {
  await Promise.all(roots.map((root) => rm(root, { recursive: true, force: true })));
});

const md5Hex = (text: string) => createHash('md5').update(text).digest('hex');

async function textOf(client: FolderObjectClient, key: string): Promise<string | null> {
  const read = await client.getText(key);
  return read === null || read === 'not-modified' ? null : read.text;
}

describe('FolderObjectClient', () => {
  it('create is exclusive: of many writers racing for one key exactly one wins, and its bytes are what is read', async () => {
    const root = await freshRoot();
    for (let round = 0; round < 10; round++) {
      const key = `race/v${round}.json`;
      const writers = Array.from({ length: 6 }, () => new FolderObjectClient(root, { durable: false }));
      const results = await Promise.all(writers.map((c, i) => c.put(key, `writer ${i} round ${round}`, { create: true })));
      const winners = results.flatMap((r, i) => (r.ok ? [i] : []));
      expect(winners).toHaveLength(1);
      expect(results.filter((r) => !r.ok)).toEqual(Array.from({ length: 5 }, () => ({ ok: false, status: 412 })));
      expect(await textOf(new FolderObjectClient(root), key)).toBe(`writer ${winners[0] ?? -1} round ${round}`);
    }
  });

  it('compare-and-swap: the current ETag replaces, a stale one is refused and changes nothing', async () => {
    const client = new FolderObjectClient(await freshRoot(), { durable: false });
    const first = await client.put('doc.json', 'one', { create: true });
    expect(first).toEqual({ ok: true, etag: md5Hex('one') });
    const second = await client.put('doc.json', 'two', { ifMatch: md5Hex('one') });
    expect(second).toEqual({ ok: true, etag: md5Hex('two') });
    expect(await client.put('doc.json', 'three', { ifMatch: md5Hex('one') })).toEqual({ ok: false, status: 412 });
    expect(await client.put('missing.json', 'x', { ifMatch: md5Hex('one') })).toEqual({ ok: false, status: 412 });
    expect(await client.getText('doc.json')).toEqual({ text: 'two', etag: md5Hex('two') });
    expect(await client.getText('doc.json', { ifNoneMatch: md5Hex('two') })).toBe('not-modified');
    expect(await client.head('missing.json')).toBeNull();
  });

  it('compare-and-swap loses no update when writers with their own clients increment one counter', async () => {
    const root = await freshRoot();
    const increment = async (client: FolderObjectClient) => {
      for (let done = 0; done < 10; ) {
        const current = await client.getText('counter');
        const value = current === null || current === 'not-modified' ? 0 : Number(current.text);
        const put =
          current === null || current === 'not-modified'
            ? await client.put('counter', String(value + 1), { create: true })
            : await client.put('counter', String(value + 1), { ifMatch: current.etag });
        if (put.ok) done++;
      }
    };
    await Promise.all(Array.from({ length: 6 }, () => increment(new FolderObjectClient(root, { durable: false }))));
    expect(await textOf(new FolderObjectClient(root), 'counter')).toBe('60');
  });

  it('lists in UTF-8 byte order with prefixes, delimiter, startAfter and maxKeys, never its own files or empty directories', async () => {
    const client = new FolderObjectClient(await freshRoot(), { durable: false });
    // UTF-16 order would put U+1F600 (a surrogate pair) before U+FFFD; UTF-8 puts it after.
    const keys = ['a/b', 'a/B', 'a/\u{1F600}', 'a/\uFFFD', 'a/c/d', 'a/c/e', 'a/d/x/y', 'ab', 'b/z'];
    for (const key of keys) await client.put(key, key, { create: true, meta: { 'staged-at': '5' } });
    await client.put('a/gone/x', 'x', { create: true });
    await client.delete('a/gone/x');

    const all = await client.list('a/');
    expect(all.objects.map((o) => o.key)).toEqual(['a/B', 'a/b', 'a/c/d', 'a/c/e', 'a/d/x/y', 'a/\uFFFD', 'a/\u{1F600}']);
    expect(all.prefixes).toEqual([]);
    expect(all.objects[0]).toMatchObject({ key: 'a/B', etag: md5Hex('a/B'), size: 3 });

    const grouped = await client.list('a/', { delimiter: '/' });
    expect(grouped.objects.map((o) => o.key)).toEqual(['a/B', 'a/b', 'a/\uFFFD', 'a/\u{1F600}']);
    expect(grouped.prefixes).toEqual(['a/c/', 'a/d/']);

    expect((await client.list('', { delimiter: '/' })).prefixes).toEqual(['a/', 'b/']);
    expect((await client.list('', { delimiter: '/' })).objects.map((o) => o.key)).toEqual(['ab']);
    expect((await client.list('a')).objects.map((o) => o.key)).toContain('ab');
    expect((await client.list('a/c/', { startAfter: 'a/c/d' })).objects.map((o) => o.key)).toEqual(['a/c/e']);
    expect((await client.list('', { startAfter: 'a/d/x/y' })).objects.map((o) => o.key)).toEqual(['a/\uFFFD', 'a/\u{1F600}', 'ab', 'b/z']);
    const page = await client.list('a/', { delimiter: '/', maxKeys: 3 });
    expect([...page.objects.map((o) => o.key), ...page.prefixes]).toEqual(['a/B', 'a/b', 'a/c/']);
    expect((await client.list('nothing/')).objects).toEqual([]);
  });

  it('keeps user metadata beside the object; a file replaced behind its back gets the md5 of its bytes and no stale metadata', async () => {
    const root = await freshRoot();
    const client = new FolderObjectClient(root, { durable: false });
    await client.put('blobs/x', 'bytes', { create: true, meta: { 'staged-at': '1000' } });
    expect(await client.head('blobs/x')).toMatchObject({ etag: md5Hex('bytes'), size: 5, stagedAt: 1000 });
    await client.replaceMeta('blobs/x', { 'staged-at': '2000' });
    expect(await client.head('blobs/x')).toMatchObject({ etag: md5Hex('bytes'), stagedAt: 2000 });
    // As if a writer crashed between its rename and its sidecar.
    await writeFile(join(root, 'elsewhere'), 'other bytes');
    await rename(join(root, 'elsewhere'), join(root, 'blobs', 'x'));
    expect(await client.head('blobs/x')).toMatchObject({ etag: md5Hex('other bytes'), size: 11, stagedAt: null });
    expect((await client.list('blobs/')).objects).toMatchObject([{ key: 'blobs/x', etag: md5Hex('other bytes') }]);
  });

  it('refuses bytes that do not match their Content-MD5 and stores nothing', async () => {
    const root = await freshRoot();
    const client = new FolderObjectClient(root, { durable: false });
    await expect(client.put('blobs/y', 'actual', { create: true, contentMd5: await md5Base64(new TextEncoder().encode('claimed')) })).rejects.toMatchObject({
      code: 'digest-mismatch',
    });
    await expect(client.putLarge('blobs/z', new Blob(['actual']), { contentMd5: await md5Base64(new TextEncoder().encode('claimed')), partSize: 1 })).rejects.toMatchObject({
      code: 'digest-mismatch',
    });
    expect(await client.head('blobs/y')).toBeNull();
    expect(await client.head('blobs/z')).toBeNull();
    expect(await readdir(join(root, '.folder-store', 'tmp'))).toEqual([]);
  });

  it('takes over a lock left by a dead process, and waits for a live one', async () => {
    const root = await freshRoot();
    const client = new FolderObjectClient(root, { durable: false, locks: { staleMs: 2_000, waitMs: 300 } });
    await client.put('doc', 'one', { create: true });
    const lock = join(root, '.folder-store', 'locks', `${md5Hex('doc')}.lock`);
    await mkdir(join(root, '.folder-store', 'locks'), { recursive: true });
    await writeFile(lock, 'a live writer');
    await expect(client.put('doc', 'two', { ifMatch: md5Hex('one') })).rejects.toMatchObject({ code: 'conflict' });
    const old = new Date(Date.now() - 60_000);
    await utimes(lock, old, old);
    expect(await client.put('doc', 'two', { ifMatch: md5Hex('one') })).toEqual({ ok: true, etag: md5Hex('two') });
    expect(await readdir(join(root, '.folder-store', 'locks'))).toEqual([]);
  });

  it('refuses keys that would leave the folder or reach its own files, and writes when read-only', async () => {
    const root = await freshRoot();
    const client = new FolderObjectClient(root, { durable: false });
    for (const key of ['', '../x', 'a/../../x', '/abs', 'a//b', '.folder-store/tmp/x', 'a\\b']) {
      await expect(client.put(key, 'x'), key).rejects.toMatchObject({ code: 'invalid-path' });
    }
    const reader = new FolderObjectClient(root, { readOnly: true });
    await expect(reader.put('a', 'x', { create: true })).rejects.toMatchObject({ code: 'read-only' });
    await expect(reader.delete('a')).rejects.toMatchObject({ code: 'read-only' });
  });
});
