/**
 * The store contract and the S3-specific behaviour, against a real S3 store (Ceph RGW in CI).
 */
import { describe, expect, it, vi } from 'vitest';
import { md5Base64 } from '../../domain/digest';
import { AppError } from '../../domain/errors';
import type { ManifestEntry } from '../../domain/types';
import { artifactIdOf, versionIdOf } from '../../domain/types';
import { runStoreContract } from '../contract';
import { S3Client } from './s3-client';
import type { S3Config } from './s3-config';
import type { S3StoreOptions } from './s3-store';
import { createS3Store } from './create-s3-store';
import { recordingFetch, s3TestEnv } from './s3-test-env';
import { s3TestPrefixes } from '../../test/s3-test-prefixes';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const env = s3TestEnv();
const MiB = 1024 * 1024;
const config = s3TestPrefixes(env);

// Small multipart settings, so the contract's 9 MiB and 20 MiB blobs go up in parts.
const smallParts: S3StoreOptions = { multipartThreshold: 6 * MiB, partSize: 5 * MiB };

runStoreContract('S3 (Ceph RGW)', (options) => createS3Store(config('contract'), { ...smallParts, now: options.now, testHooks: options.testHooks }));

async function stage(store: Awaited<ReturnType<typeof createS3Store>>, files: Record<string, string>): Promise<ManifestEntry[]> {
  const entries: ManifestEntry[] = [];
  const blobs = [];
  for (const [path, content] of Object.entries(files)) {
    const bytes = new TextEncoder().encode(content);
    const digest = await md5Base64(bytes);
    entries.push({ path, digest, size: bytes.length });
    blobs.push({ digest, blob: new Blob([bytes]) });
  }
  await store.putBlobs(blobs);
  return entries;
}

async function keysUnder(c: S3Config, sub: string): Promise<string[]> {
  const client = new S3Client(c);
  return (await client.list(`${c.prefix}${sub}`)).objects.map((o) => o.key.slice(c.prefix.length));
}

describe('S3 store on a real S3 store', () => {
  it('tells where it lives (for code snippets) without its credentials', async () => {
    const c = config('location');
    const store = await createS3Store(c);
    expect(store.location).toEqual({ kind: 's3', endpoint: env.endpoint, region: c.region, bucket: c.bucket, prefix: c.prefix });
    expect(JSON.stringify(store.location)).not.toContain(c.secretAccessKey);
    expect(JSON.stringify(store.location)).not.toContain(c.accessKeyId);
  });

  it('opens writable, learns the ETag form the store wants, and keeps the layout of shared/s3/README.md', async () => {
    const c = config('layout');
    const store = await createS3Store(c);
    expect(store.readOnly).toBe(false);
    expect(store.probe.etagStyle).toBe('unquoted'); // Ceph RGW 16 matches If-Match only unquoted
    expect(store.probe.problems).toEqual([]);
    const entries = await stage(store, { 'file1.txt': 'hello' });
    const { version } = await store.commitVersion({ project: 'p', artifactName: 'data', type: 'dataset', entries, aliases: ['prod'] });
    expect(version.digest).toBe('a00c2239f036fb656c1dcbf9a32d89b4');
    const all = await keysUnder(c, '');
    expect(all).toContain('blobs/md5/5d41402abc4b2a76b9719d911017c592'); // md5("hello") in hex
    expect(all).toContain('manifests/a00c2239f036fb656c1dcbf9a32d89b4.json');
    expect(all).toContain('projects/p/artifacts/data/versions/v0.json');
    expect(all).toContain('projects/p/artifacts/data/aliases.json');
    const client = new S3Client(c);
    const aliases = await client.getText(`${c.prefix}projects/p/artifacts/data/aliases.json`);
    expect(aliases !== null && aliases !== 'not-modified' && JSON.parse(aliases.text)).toEqual({ latest: 0, prod: 0 });
    const manifest = await client.getText(`${c.prefix}manifests/a00c2239f036fb656c1dcbf9a32d89b4.json`);
    expect(manifest !== null && manifest !== 'not-modified' && JSON.parse(manifest.text)).toEqual({
      version: 1,
      storagePolicy: 'wandb-storage-policy-v1',
      storagePolicyConfig: { storageLayout: 'V2' },
      contents: { 'file1.txt': { digest: 'XUFAKrxLKna5cZ2REBfFkg==', size: 5 } },
    });
    store.close();
  });

  it('an interrupted commit leaves only unreferenced objects, which garbage collection removes', async () => {
    const c = config('interrupted');
    let crash = false;
    const store = await createS3Store(c, {
      testHooks: {
        afterCommitWrites: () => {
          if (crash) throw new AppError('internal', 'simulated crash before the version record');
        },
      },
    });
    await store.commitVersion({ project: 'p', artifactName: 'data', type: 'dataset', entries: await stage(store, { 'a.txt': 'one' }) });
    const before = await keysUnder(c, 'projects/');
    crash = true;
    const entries = await stage(store, { 'a.txt': 'two', 'b.txt': 'three' });
    await expect(store.commitVersion({ project: 'p', artifactName: 'data', type: 'dataset', entries, aliases: ['new'] })).rejects.toThrow(/simulated crash/);
    await expect(store.commitVersion({ project: 'q', artifactName: 'fresh', type: 'dataset', entries })).rejects.toThrow(/simulated crash/);
    // Nothing under projects/ changed: the new manifest and blobs are unreferenced.
    expect(await keysUnder(c, 'projects/')).toEqual(before);
    expect((await keysUnder(c, 'manifests/')).length).toBe(2);
    expect((await store.listVersions(artifactIdOf('p', 'data'))).map((v) => v.index)).toEqual([0]);
    expect(await store.checkIntegrity()).toEqual({ ok: true, problems: [] });
    // Garbage collection takes the orphans; the committed version keeps its blob and manifest.
    expect(await store.collectGarbage({ stagedBefore: Date.now() + 60_000 })).toEqual({ freedBlobs: 2, freedBytes: 8 });
    expect((await keysUnder(c, 'manifests/')).length).toBe(1);
    await expect(store.readBlob(entries[0]?.digest ?? '')).rejects.toMatchObject({ code: 'not-found' });
    expect((await store.readManifest(versionIdOf('p', 'data', 0))).map((e) => e.path)).toEqual(['a.txt']);
    expect(await store.checkIntegrity()).toEqual({ ok: true, problems: [] });
    store.close();
  });

  it('a commit cut off after its version record is committed: latest and integrity hold', async () => {
    const c = config('after-record');
    let crash = false;
    const store = await createS3Store(c, {
      testHooks: {
        afterVersionRecord: () => {
          if (crash) throw new AppError('internal', 'simulated crash after the version record');
        },
      },
    });
    await store.commitVersion({ project: 'p', artifactName: 'data', type: 'dataset', entries: await stage(store, { 'a.txt': 'one' }) });
    crash = true;
    const entries = await stage(store, { 'a.txt': 'two' });
    await expect(store.commitVersion({ project: 'p', artifactName: 'data', type: 'dataset', entries })).rejects.toThrow(/after the version record/);
    // aliases.json still says latest: 0, but latest is derived from the live versions.
    expect((await store.listVersions(artifactIdOf('p', 'data'))).map((v) => [v.index, v.aliases])).toEqual([
      [1, ['latest']],
      [0, []],
    ]);
    expect(await store.checkIntegrity()).toEqual({ ok: true, problems: [] });
    crash = false;
    const next = await store.commitVersion({ project: 'p', artifactName: 'data', type: 'dataset', entries: await stage(store, { 'a.txt': 'three' }) });
    expect(next.version.index).toBe(2);
    expect(await store.checkIntegrity()).toEqual({ ok: true, problems: [] });
    store.close();
  });

  it('a second client sees the first one’s commits, and the index cache is repaired when stale', async () => {
    const c = config('two-clients');
    const first = await createS3Store(c);
    const second = await createS3Store(c);
    await first.commitVersion({ project: 'p', artifactName: 'data', type: 'dataset', entries: await stage(first, { 'a.txt': '0' }) });
    expect((await second.listVersions(artifactIdOf('p', 'data'))).map((v) => v.index)).toEqual([0]);
    await second.updateVersion(versionIdOf('p', 'data', 0), { description: 'edited by the second client' });
    // Make the index stale behind everyone's back: readers notice the ETag change and re-read v0.
    const client = new S3Client(c);
    await client.delete(`${c.prefix}projects/p/artifacts/data/index/0.json`);
    expect((await first.getVersion(versionIdOf('p', 'data', 0))).description).toBe('edited by the second client');
    expect(await first.checkIntegrity()).toEqual({ ok: true, problems: [] });
    first.close();
    second.close();
  });

  it('reads runs consumers from the lineage markers', async () => {
    const store = await createS3Store(config('lineage'));
    const raw = await store.commitVersion({ project: 'p', artifactName: 'raw', type: 'dataset', entries: await stage(store, { 'a.csv': '1' }) });
    const run = await store.createRun({ project: 'p', name: 'train', jobType: 'training', inputs: [raw.version.id] });
    expect((await store.listConsumers(raw.version.id)).map((r) => r.id)).toEqual([run.id]);
    store.close();
  });

  it('refuses records written by a newer schema with schema-too-new', async () => {
    const c = config('schema');
    const store = await createS3Store(c);
    await store.commitVersion({ project: 'p', artifactName: 'data', type: 'dataset', entries: await stage(store, { 'a.txt': 'x' }) });
    const client = new S3Client(c);
    const key = `${c.prefix}projects/p/artifacts/data/versions/v1.json`;
    await client.putJson(key, { schemaVersion: 99, index: 1 }, { create: true });
    await expect(createS3Store(c).then((s) => s.listVersions(artifactIdOf('p', 'data')))).rejects.toMatchObject({ code: 'schema-too-new' });
    store.close();
  });

  it('sends each request signed to the configured bucket and prefix only', async () => {
    const c = config('scope');
    const { fetch, requests } = recordingFetch(env);
    const store = await createS3Store(c, { fetch });
    await store.commitVersion({ project: 'p', artifactName: 'data', type: 'dataset', entries: await stage(store, { 'a.txt': 'x' }) });
    expect(requests.length).toBeGreaterThan(5);
    for (const r of requests) {
      expect(r.headers.get('authorization')).toMatch(/^AWS4-HMAC-SHA256 Credential=/);
      expect(r.key === '' || r.key.startsWith(c.prefix)).toBe(true);
    }
    store.close();
  });
});
