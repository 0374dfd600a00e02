/**
 * The contract every ArtifactStore passes. Call it from an adapter's test file:
 *   runStoreContract('memory', (options) => Promise.resolve(createMemoryStore(options)));
 * The factory receives a controllable clock and test hooks; an adapter that ignores the hooks
 * fails the "failed commit leaves nothing" test. After every test the store's integrity
 * check must pass.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { md5Base64 } from '../domain/digest';
import { AppError } from '../domain/errors';
import { parseExactJson, stringifyExactJson } from '../domain/exact-json';
import type { ArtifactId, JsonObject, ManifestEntry, RunId, VersionId } from '../domain/types';
import { artifactIdOf, versionIdOf } from '../domain/types';
import { expectAppError } from '../test/app-error';
import { parseMetadataText } from '../domain/validation';
import type { ArtifactStore, CommitInput } from './artifact-store';
import { describeRunUpdates } from './contract-runs';
import type { StoreTestHooks } from './record/record-context';

export interface ContractStoreOptions {
  now: () => number;
  testHooks: StoreTestHooks;
}

const MiB = 1024 * 1024;
const encoder = new TextEncoder();

function toBytes(content: string | Uint8Array): Uint8Array<ArrayBuffer> {
  return typeof content === 'string' ? encoder.encode(content) : new Uint8Array(content);
}

/** Bytes whose every position differs, so a misplaced piece changes the digest. */
function patterned(size: number, seed: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(size);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 255;
  }
  return out;
}

export function runStoreContract(name: string, makeStore: (options: ContractStoreOptions) => Promise<ArtifactStore>): void {
  describe(`ArtifactStore contract: ${name}`, () => {
    let store: ArtifactStore;
    let time: number;
    let failCommit: boolean;
    const now = () => time;
    const tick = (ms = 1) => {
      time += ms;
    };

    beforeEach(async () => {
      time = 1_700_000_000_000;
      failCommit = false;
      store = await makeStore({
        now,
        testHooks: {
          afterCommitWrites: () => {
            if (failCommit) throw new AppError('internal', 'injected failure after the commit wrote everything');
          },
        },
      });
    });

    afterEach(async () => {
      const report = await store.checkIntegrity();
      store.close();
      expect(report.problems).toEqual([]);
      expect(report.ok).toBe(true);
    });

    /** Stages the files and returns their manifest entries. */
    async function stage(files: Record<string, string | Uint8Array>): Promise<ManifestEntry[]> {
      const entries: ManifestEntry[] = [];
      const blobs = [];
      for (const [path, content] of Object.entries(files)) {
        const bytes = toBytes(content);
        const digest = await md5Base64(bytes);
        entries.push({ path, digest, size: bytes.length });
        blobs.push({ digest, blob: new Blob([bytes]) });
      }
      await store.putBlobs(blobs);
      return entries;
    }

    async function commit(
      artifactName: string,
      files: Record<string, string | Uint8Array>,
      extra: Partial<CommitInput> = {},
    ) {
      const entries = await stage(files);
      tick();
      return store.commitVersion({ project: 'proj', artifactName, type: 'dataset', entries, ...extra });
    }

    const aid = (artifactName: string): ArtifactId => artifactIdOf('proj', artifactName);
    const vid = (artifactName: string, index: number): VersionId => versionIdOf('proj', artifactName, index);

    describe('commit', () => {
      it('logs v0 and v1 with W&B digests, sizes and a moving latest', async () => {
        const first = await commit('data', { 'file1.txt': 'hello' }, { description: 'first', metadata: { rows: 1 }, tags: ['raw'] });
        expect(first.created).toBe(true);
        expect(first.version).toMatchObject({
          id: 'proj/data:v0',
          artifactId: 'proj/data',
          project: 'proj',
          artifactName: 'data',
          type: 'dataset',
          index: 0,
          digest: 'a00c2239f036fb656c1dcbf9a32d89b4',
          size: 5,
          fileCount: 1,
          description: 'first',
          metadata: { rows: 1 },
          tags: ['raw'],
          aliases: ['latest'],
          producedBy: null,
          ttlSeconds: null,
        });
        const second = await commit('data', {
          'file1.txt': 'hello',
          'nest/file2.txt': 'my',
          'nest/nest/file3.txt': 'dude',
        });
        expect(second.created).toBe(true);
        expect(second.version.index).toBe(1);
        expect(second.version.digest).toBe('72414374bfd4b0f60a116e7267845f71');
        expect(second.version.size).toBe(11);
        expect(second.version.fileCount).toBe(3);

        const versions = await store.listVersions(aid('data'));
        expect(versions.map((v) => [v.index, v.aliases])).toEqual([
          [1, ['latest']],
          [0, []],
        ]);
        expect(await store.getArtifact(aid('data'))).toMatchObject({
          id: 'proj/data',
          type: 'dataset',
          versionCount: 2,
          totalSize: 16,
          latestIndex: 1,
          nextIndex: 2,
        });
        expect((await store.listArtifacts('proj')).map((a) => a.name)).toEqual(['data']);
        expect((await store.listProjects()).map((p) => p.name)).toEqual(['proj']);
        expect((await store.readManifest(vid('data', 1))).map((e) => e.path)).toEqual([
          'file1.txt',
          'nest/file2.txt',
          'nest/nest/file3.txt',
        ]);
        expect((await store.getVersion(vid('data', 0))).aliases).toEqual([]);
        expect(await store.findVersionByDigest(aid('data'), '72414374bfd4b0f60a116e7267845f71')).toMatchObject({ index: 1 });
        expect(await store.findVersionByDigest(aid('data'), '00000000000000000000000000000000')).toBeNull();
      });

      it('normalises paths, sorts entries and fills sizes from the stored bytes', async () => {
        const [b, a] = await stage({ 'b.txt': 'bee', 'a.txt': 'ay' });
        if (!a || !b) throw new Error('staging failed');
        const { version } = await store.commitVersion({
          project: 'proj',
          artifactName: 'data',
          type: 'dataset',
          entries: [{ path: './b.txt', digest: b.digest }, { path: 'dir//a.txt/', digest: a.digest }],
        });
        expect(await store.readManifest(version.id)).toEqual([
          { path: 'b.txt', digest: b.digest, size: 3 },
          { path: 'dir/a.txt', digest: a.digest, size: 2 },
        ]);
        expect(version.size).toBe(5);
      });

      it('makes no new version for identical content and adds the aliases to the existing one', async () => {
        await commit('data', { 'a.txt': 'one' }, { aliases: ['staging'] });
        await commit('data', { 'a.txt': 'two' });
        const again = await commit('data', { 'a.txt': 'one' }, { aliases: ['staging', 'best'], description: 'ignored' });
        expect(again.created).toBe(false);
        expect(again.version.index).toBe(0);
        expect(again.version.aliases).toEqual(['best', 'staging']);
        expect(again.version.description).toBe('');
        expect((await store.getArtifact(aid('data'))).nextIndex).toBe(2);
        expect((await store.listVersions(aid('data'))).length).toBe(2);
        const latest = await commit('data', { 'a.txt': 'two' }, { aliases: ['staging'] });
        expect(latest.created).toBe(false);
        expect(latest.version.aliases).toEqual(['latest', 'staging']);
        expect((await store.getVersion(vid('data', 0))).aliases).toEqual(['best']);
      });

      it('refuses another type for an existing name, naming both types', async () => {
        await commit('thing', { 'a.txt': 'x' });
        const error = await expectAppError(commit('thing', { 'a.txt': 'y' }, { type: 'model' }), 'type-mismatch', /"dataset".*"model"/);
        expect(error.details).toMatchObject({ existingType: 'dataset', requestedType: 'model' });
        expect((await store.listVersions(aid('thing'))).length).toBe(1);
      });

      it('refuses invalid names, types, aliases, tags, metadata and descriptions with their codes', async () => {
        const entries = await stage({ 'a.txt': 'x' });
        const base: CommitInput = { project: 'proj', artifactName: 'data', type: 'dataset', entries };
        await expectAppError(store.commitVersion({ ...base, project: 'a/b' }), 'invalid-name', /"a\/b"/);
        await expectAppError(store.commitVersion({ ...base, artifactName: 'has space' }), 'invalid-name', /"has space"/);
        await expectAppError(store.commitVersion({ ...base, artifactName: 'x'.repeat(129) }), 'invalid-name');
        await expectAppError(store.commitVersion({ ...base, type: 'a:b' }), 'invalid-type', /"a:b"/);
        await expectAppError(store.commitVersion({ ...base, type: 'wandb-history' }), 'invalid-type');
        await expectAppError(store.commitVersion({ ...base, aliases: ['latest'] }), 'invalid-alias', /"latest"/);
        await expectAppError(store.commitVersion({ ...base, aliases: ['v3'] }), 'invalid-alias', /"v3"/);
        await expectAppError(store.commitVersion({ ...base, aliases: ['a/b'] }), 'invalid-alias', /"a\/b"/);
        await expectAppError(store.commitVersion({ ...base, aliases: ['  '] }), 'invalid-alias');
        await expectAppError(store.commitVersion({ ...base, tags: ['bad!tag'] }), 'invalid-tag', /"bad!tag"/);
        await expectAppError(store.commitVersion({ ...base, metadata: [] as unknown as JsonObject }), 'invalid-metadata');
        const tooMany: JsonObject = {};
        for (let i = 0; i < 101; i++) tooMany[`k${i}`] = i;
        await expectAppError(store.commitVersion({ ...base, metadata: tooMany }), 'invalid-metadata');
        await expectAppError(store.commitVersion({ ...base, metadata: { x: Infinity } }), 'invalid-metadata');
        await expectAppError(store.commitVersion({ ...base, description: 7 as unknown as string }), 'invalid-description');
        await expectAppError(
          store.commitVersion({ ...base, entries: [...entries, { path: '../evil', digest: entries[0]?.digest ?? '' }] }),
          'invalid-path',
          /"\.\.\/evil"/,
        );
        await expectAppError(
          store.commitVersion({ ...base, entries: [{ path: 'a', digest: entries[0]?.digest ?? '' }, { path: 'a', digest: '1B2M2Y8AsgTpgAmY7PhCfg==' }] }),
          'duplicate-path',
        );
        expect(await store.listProjects()).toEqual([]);
      });

      it('refuses a file and a folder of the same name ("data" and "data/b.txt"), naming both paths', async () => {
        const [file, inside] = await stage({ data: 'a file', 'data/b.txt': 'inside' });
        if (!file || !inside) throw new Error('staging failed');
        const base: CommitInput = { project: 'proj', artifactName: 'data', type: 'dataset', entries: [file, inside] };
        const error = await expectAppError(store.commitVersion(base), 'duplicate-path', /"data" is a file, but "data\/b\.txt" puts a file inside/);
        expect(error.details).toMatchObject({ path: 'data', inside: 'data/b.txt' });
        // Deeper and not next to each other in path order ("a/b-x" sorts between them).
        const deeper = [{ ...file, path: 'a/b' }, { ...inside, path: 'a/b-x' }, { ...inside, path: 'a/b/c/d.txt' }];
        await expectAppError(store.commitVersion({ ...base, entries: deeper }), 'duplicate-path', /"a\/b" is a file, but "a\/b\/c\/d\.txt"/);
        expect(await store.listProjects()).toEqual([]);
      });

      it('refuses a manifest whose bytes are not stored, naming the first missing path', async () => {
        const [stored] = await stage({ 'b.txt': 'here' });
        if (!stored) throw new Error('staging failed');
        const missingA = await md5Base64(encoder.encode('not stored A'));
        const missingC = await md5Base64(encoder.encode('not stored C'));
        const error = await expectAppError(
          store.commitVersion({
            project: 'proj',
            artifactName: 'data',
            type: 'dataset',
            entries: [{ path: 'c.txt', digest: missingC }, stored, { path: 'a.txt', digest: missingA }],
          }),
          'missing-blob',
          /"a\.txt"/,
        );
        expect(error.details).toMatchObject({ path: 'a.txt', digest: missingA });
        expect(await store.listProjects()).toEqual([]);
      });

      it('refuses an entry whose size disagrees with the stored bytes', async () => {
        const [entry] = await stage({ 'a.txt': 'four' });
        if (!entry) throw new Error('staging failed');
        await expectAppError(
          store.commitVersion({ project: 'proj', artifactName: 'data', type: 'dataset', entries: [{ ...entry, size: 5 }] }),
          'digest-mismatch',
          /"a\.txt"/,
        );
      });

      it('logs reference entries without bytes', async () => {
        const { version } = await store.commitVersion({
          project: 'proj',
          artifactName: 'refs',
          type: 'dataset',
          entries: [{ path: 'file1.txt', digest: 'abc', ref: 'https://example.com/file1.txt', size: 256, extra: { etag: '"abc"' } }],
        });
        expect(version.digest).toBe('48237ccc050a88af9dcd869dd5a7e9f4');
        expect(version.size).toBe(256);
      });

      it('leaves nothing behind when a commit fails inside its transaction', async () => {
        await commit('data', { 'a.txt': 'one' }, { aliases: ['prod'] });
        const before = {
          artifacts: await store.listArtifacts('proj'),
          versions: await store.listVersions(aid('data')),
          events: await store.listAliasEvents(aid('data')),
          projects: await store.listProjects(),
        };
        const newBlobs = await stage({ 'b.txt': 'two', 'c.txt': 'three' });
        failCommit = true;
        await expectAppError(
          store.commitVersion({ project: 'proj', artifactName: 'data', type: 'dataset', entries: newBlobs, aliases: ['prod', 'new'] }),
          'internal',
          /injected/,
        );
        await expectAppError(
          store.commitVersion({ project: 'other', artifactName: 'fresh', type: 'model', entries: newBlobs, aliases: ['x'] }),
          'internal',
          /injected/,
        );
        expect(await store.listArtifacts('proj')).toEqual(before.artifacts);
        expect(await store.listVersions(aid('data'))).toEqual(before.versions);
        expect(await store.listAliasEvents(aid('data'))).toEqual(before.events);
        expect(await store.listProjects()).toEqual(before.projects);
        await expectAppError(store.getArtifact(artifactIdOf('other', 'fresh')), 'not-found');
        await expectAppError(store.getVersion(vid('data', 1)), 'not-found', /not found/);

        failCommit = false;
        const next = await store.commitVersion({ project: 'proj', artifactName: 'data', type: 'dataset', entries: newBlobs });
        expect(next.version.index).toBe(1);
      });
    });

    describe('delete', () => {
      it('never reuses an index, and latest moves back to the newest live version', async () => {
        await commit('data', { 'a.txt': '0' });
        await commit('data', { 'a.txt': '1' });
        await commit('data', { 'a.txt': '2' });
        await store.deleteVersion(vid('data', 2));
        expect((await store.getVersion(vid('data', 1))).aliases).toEqual(['latest']);
        expect(await store.getArtifact(aid('data'))).toMatchObject({ latestIndex: 1, nextIndex: 3, versionCount: 2 });
        await expectAppError(store.getVersion(vid('data', 2)), 'not-found', /was deleted/);
        const next = await commit('data', { 'a.txt': '3' });
        expect(next.version.index).toBe(3);
        const again = await commit('data', { 'a.txt': '2' });
        expect(again.created).toBe(true);
        expect(again.version.index).toBe(4);
        await store.deleteVersion(vid('data', 0));
        await store.deleteVersion(vid('data', 1));
        await store.deleteVersion(vid('data', 3));
        await store.deleteVersion(vid('data', 4));
        expect(await store.getArtifact(aid('data'))).toMatchObject({ latestIndex: null, nextIndex: 5, versionCount: 0, totalSize: 0 });
        expect((await commit('data', { 'a.txt': '0' })).version.index).toBe(5);
      });

      it('refuses a version holding aliases unless asked to drop them; latest never blocks', async () => {
        await commit('data', { 'a.txt': '0' });
        await commit('data', { 'a.txt': '1' });
        await commit('data', { 'a.txt': '3' }, { aliases: ['production', 'candidate'] });
        await commit('data', { 'a.txt': '4' });
        await expectAppError(
          store.deleteVersion(vid('data', 2)),
          'alias-held',
          'v2 holds the aliases "candidate", "production"; remove them first or delete with the aliases',
        );
        await store.setAlias(vid('data', 0), 'solo');
        await expectAppError(store.deleteVersion(vid('data', 0)), 'alias-held', 'v0 holds the alias "solo"; remove it first or delete with the aliases');
        await store.deleteVersion(vid('data', 3)); // holds only latest
        expect((await store.getVersion(vid('data', 2))).aliases).toEqual(['latest', 'candidate', 'production']);
        await store.deleteVersion(vid('data', 2), { dropAliases: true });
        await expectAppError(store.resolveVersion(aid('data'), 'production'), 'not-found');
        const events = await store.listAliasEvents(aid('data'));
        expect(events.filter((e) => e.action === 'remove').map((e) => [e.alias, e.fromIndex, e.toIndex])).toEqual([
          ['candidate', 2, null],
          ['production', 2, null],
        ]);
        expect((await store.resolveVersion(aid('data'), 'latest')).index).toBe(1);
        await expectAppError(store.deleteVersion(vid('data', 2)), 'not-found');
      });

      it('frees a blob when its last reference goes and keeps it while another version uses it', async () => {
        const v0 = await commit('data', { 'a.txt': 'shared', 'b.txt': 'only v0', 'copy/a.txt': 'shared' });
        await commit('other', { 'x.txt': 'only other', 'a.txt': 'shared' });
        const digests = Object.fromEntries((await store.readManifest(v0.version.id)).map((e) => [e.path, e.digest]));
        const shared = digests['a.txt'] ?? '';
        const onlyV0 = digests['b.txt'] ?? '';
        await store.deleteVersion(v0.version.id);
        expect(await store.hasBlobs([shared, onlyV0])).toEqual(new Set([shared]));
        await expectAppError(store.readBlob(onlyV0), 'not-found');
        expect(await (await store.readBlob(shared)).text()).toBe('shared');
        await store.deleteVersion(vid('other', 0));
        expect(await store.hasBlobs([shared])).toEqual(new Set());
      });
    });

    describe('aliases', () => {
      it('moves an alias between versions atomically and logs add, move and remove', async () => {
        await commit('data', { 'a.txt': '0' });
        await commit('data', { 'a.txt': '1' });
        tick();
        await store.setAlias(vid('data', 0), 'production');
        tick();
        await store.setAlias(vid('data', 1), 'production');
        await store.setAlias(vid('data', 1), 'production'); // no-op: already there
        expect((await store.getVersion(vid('data', 0))).aliases).toEqual([]);
        expect((await store.getVersion(vid('data', 1))).aliases).toEqual(['latest', 'production']);
        tick();
        await store.removeAlias(aid('data'), 'production');
        expect((await store.getVersion(vid('data', 1))).aliases).toEqual(['latest']);
        const events = await store.listAliasEvents(aid('data'));
        expect(events.map(({ alias, action, fromIndex, toIndex }) => ({ alias, action, fromIndex, toIndex }))).toEqual([
          { alias: 'production', action: 'add', fromIndex: null, toIndex: 0 },
          { alias: 'production', action: 'move', fromIndex: 0, toIndex: 1 },
          { alias: 'production', action: 'remove', fromIndex: 1, toIndex: null },
        ]);
        expect(events.map((e) => e.at)).toEqual([time - 2, time - 1, time]);
        expect(events.every((e) => e.artifactId === aid('data'))).toBe(true);
      });

      it('refuses reserved and malformed aliases and unknown targets', async () => {
        await commit('data', { 'a.txt': '0' });
        await expectAppError(store.setAlias(vid('data', 0), 'latest'), 'invalid-alias', /"latest"/);
        await expectAppError(store.setAlias(vid('data', 0), 'v7'), 'invalid-alias');
        await expectAppError(store.setAlias(vid('data', 0), 'a:b'), 'invalid-alias', /":"/);
        await expectAppError(store.removeAlias(aid('data'), 'latest'), 'invalid-alias');
        await expectAppError(store.setAlias(vid('data', 5), 'prod'), 'not-found', /proj\/data:v5/);
        await expectAppError(store.removeAlias(aid('data'), 'nope'), 'not-found', /"nope"/);
        await expectAppError(store.listAliasEvents(aid('missing')), 'not-found');
        expect(await store.listAliasEvents(aid('data'))).toEqual([]);
      });

      it('resolves vN, latest and aliases, and names both parts when nothing matches', async () => {
        await commit('data', { 'a.txt': '0' }, { aliases: ['best'] });
        await commit('data', { 'a.txt': '1' });
        expect((await store.resolveVersion(aid('data'), 'v0')).index).toBe(0);
        expect((await store.resolveVersion(aid('data'), 'best')).index).toBe(0);
        expect((await store.resolveVersion(aid('data'), 'latest')).index).toBe(1);
        await expectAppError(store.resolveVersion(aid('data'), 'v9'), 'not-found', /"proj\/data".*"v9"/);
        await expectAppError(store.resolveVersion(aid('data'), 'nope'), 'not-found', /"proj\/data".*"nope"/);
        await expectAppError(store.resolveVersion(aid('ghost'), 'v0'), 'not-found', /"proj\/ghost"/);
      });
    });

    describe('versions and artifacts', () => {
      it('validates and applies version and artifact patches', async () => {
        await commit('data', { 'a.txt': '0' });
        await expectAppError(store.updateVersion(vid('data', 0), { tags: ['no!'] }), 'invalid-tag');
        await expectAppError(store.updateVersion(vid('data', 0), { metadata: { x: -Infinity } }), 'invalid-metadata');
        await expectAppError(store.updateVersion(vid('data', 0), { ttlSeconds: 1.5 }), 'invalid-metadata');
        const updated = await store.updateVersion(vid('data', 0), { description: '# Notes', metadata: { acc: 0.9 }, tags: ['a', 'a', 'b'], ttlSeconds: 3600 });
        expect(updated).toMatchObject({ description: '# Notes', metadata: { acc: 0.9 }, tags: ['a', 'b'], ttlSeconds: 3600, aliases: ['latest'] });
        expect(await store.getVersion(vid('data', 0))).toEqual(updated);
        const artifact = await store.updateArtifact(aid('data'), { description: 'About the data' });
        expect(artifact.description).toBe('About the data');
        await expectAppError(store.updateArtifact(aid('ghost'), { description: '' }), 'not-found');
        await expectAppError(store.updateVersion(vid('data', 3), {}), 'not-found');
      });

      it('keeps metadata and manifest extra numbers exactly as written (big integers, -0, 1.0, 1e400)', async () => {
        const typed = '{"run_id":12345678901234567890,"small":9007199254740993,"neg0":-0,"huge":1e400,"float":1.0,"n":{"deep":[7,-0.0]}}';
        const entries = await stage({ 'a.txt': 'exact' });
        const extra = parseExactJson('{"seed":12345678901234567891}', 'extra', 'invalid-manifest') as JsonObject;
        const { version: first } = await store.commitVersion({
          project: 'proj',
          artifactName: 'exact',
          type: 'dataset',
          entries: entries.map((entry) => ({ ...entry, extra })),
          metadata: parseMetadataText(typed),
        });
        expect(stringifyExactJson(first.metadata)).toBe(typed);
        expect(stringifyExactJson((await store.getVersion(first.id)).metadata)).toBe(typed);
        expect(stringifyExactJson((await store.listVersions(aid('exact')))[0]?.metadata ?? {})).toBe(typed);
        expect(stringifyExactJson((await store.readManifest(first.id))[0]?.extra ?? {})).toBe('{"seed":12345678901234567891}');
        const edited = '{"run_id":12345678901234567899}';
        await store.updateVersion(first.id, { metadata: parseMetadataText(edited) });
        expect(stringifyExactJson((await store.getVersion(first.id)).metadata)).toBe(edited);
        // Back to plain numbers: nothing of the exact text is left behind.
        await store.updateVersion(first.id, { metadata: { run_id: 1 } });
        expect((await store.getVersion(first.id)).metadata).toEqual({ run_id: 1 });
      });

      it('reports unknown projects, artifacts and malformed version ids as not-found', async () => {
        await expectAppError(store.listArtifacts('nowhere'), 'not-found', /"nowhere"/);
        await expectAppError(store.getArtifact(aid('ghost')), 'not-found', /"proj\/ghost"/);
        await expectAppError(store.listVersions(aid('ghost')), 'not-found');
        await expectAppError(store.getVersion('garbage' as VersionId), 'not-found', /"garbage"/);
        await expectAppError(store.readManifest(vid('ghost', 0)), 'not-found');
        expect((await store.ensureProject('fresh')).name).toBe('fresh');
        expect(await store.listArtifacts('fresh')).toEqual([]);
        await expectAppError(store.ensureProject('bad name'), 'invalid-name');
      });
    });

    describe('manifests', () => {
      it('pages a 2,500-entry manifest across chunk boundaries', async () => {
        const entries: ManifestEntry[] = [];
        for (let i = 0; i < 2500; i++) {
          const path = `dir/${String(i).padStart(5, '0')}.bin`;
          entries.push({ path, digest: `etag-${i}`, ref: `s3://bucket/${path}`, size: i });
        }
        entries.reverse(); // the store sorts
        const { version } = await store.commitVersion({ project: 'proj', artifactName: 'big', type: 'dataset', entries });
        expect(version.fileCount).toBe(2500);
        expect(version.size).toBe((2499 * 2500) / 2);
        const pathsOf = async (offset: number, limit: number) => {
          const page = await store.readManifestPage(version.id, { offset, limit });
          expect(page.total).toBe(2500);
          return page.entries.map((e) => Number(e.path.slice(4, 9)));
        };
        const range = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => from + k);
        expect(await pathsOf(0, 10)).toEqual(range(0, 10));
        expect(await pathsOf(990, 20)).toEqual(range(990, 1010));
        expect(await pathsOf(999, 1002)).toEqual(range(999, 2001));
        expect(await pathsOf(1999, 2)).toEqual([1999, 2000]);
        expect(await pathsOf(2490, 100)).toEqual(range(2490, 2500));
        expect(await pathsOf(0, 2500)).toEqual(range(0, 2500));
        expect(await pathsOf(2500, 10)).toEqual([]);
        expect(await pathsOf(10, 0)).toEqual([]);
        const all = await store.readManifest(version.id);
        expect(all.map((e) => e.path)).toEqual([...entries].reverse().map((e) => e.path));
        await expectAppError(store.readManifestPage(version.id, { offset: -1, limit: 5 }), 'invalid-config');
        await expectAppError(store.readManifestPage(version.id, { offset: 0, limit: 1.5 }), 'invalid-config');
      });
    });

    describe('blobs', () => {
      it('keeps small blobs written together readable while versions that shared the write are deleted', async () => {
        const contents = Array.from({ length: 40 }, (_, i) => patterned(500 + i * 37, i + 100));
        const files: Record<string, Uint8Array> = {};
        contents.forEach((bytes, i) => (files[`f${String(i).padStart(2, '0')}.bin`] = bytes));
        const entries = await stage(files); // one putBlobs call for all 40
        const first = await store.commitVersion({ project: 'proj', artifactName: 'a', type: 'dataset', entries: entries.slice(0, 25) });
        const second = await store.commitVersion({ project: 'proj', artifactName: 'b', type: 'dataset', entries: entries.slice(20) });
        await store.deleteVersion(first.version.id);
        const gone = entries.slice(0, 20).map((e) => e.digest);
        const kept = entries.slice(20);
        expect(await store.hasBlobs(gone)).toEqual(new Set());
        for (const entry of kept) {
          const back = new Uint8Array(await (await store.readBlob(entry.digest)).arrayBuffer());
          expect(await md5Base64(back)).toBe(entry.digest);
          expect(back.length).toBe(entry.size);
        }
        expect(await store.checkIntegrity()).toEqual({ ok: true, problems: [] });
        await store.deleteVersion(second.version.id);
        expect(await store.hasBlobs(kept.map((e) => e.digest))).toEqual(new Set());
        expect(await store.checkIntegrity()).toEqual({ ok: true, problems: [] });
      });

      it('repairBlob refuses bytes that are not the content of the digest and changes nothing', async () => {
        const [entry] = (await commit('a', { 'x.txt': 'the real content' })).version ? await store.readManifest(vid('a', 0)) : [];
        const digest = entry?.digest ?? '';
        await expectAppError(store.repairBlob(digest, new Blob(['the real contenT'])), 'digest-mismatch', /left as it was/);
        expect(await (await store.readBlob(digest)).text()).toBe('the real content');
      });

      it('repairBlob rewrites a small and a large stored copy; the versions keep using them', async () => {
        const small = patterned(3000, 7);
        const large = patterned(MiB + 123, 8);
        await commit('a', { 'small.bin': small, 'large.bin': large });
        const entries = await store.readManifest(vid('a', 0));
        for (const entry of entries) {
          const bytes = entry.path === 'small.bin' ? small : large;
          await store.repairBlob(entry.digest, new Blob([bytes]));
          const back = new Uint8Array(await (await store.readBlob(entry.digest)).arrayBuffer());
          expect(await md5Base64(back)).toBe(entry.digest);
        }
        expect(await store.checkIntegrity()).toEqual({ ok: true, problems: [] });
        await store.deleteVersion(vid('a', 0));
        await store.collectGarbage({ stagedBefore: Number.POSITIVE_INFINITY });
        expect(await store.hasBlobs(entries.map((e) => e.digest))).toEqual(new Set());
      });

      it('tells which digests it found missing, before it writes them', async () => {
        const [held, fresh, other] = [patterned(100, 1), patterned(200, 2), patterned(300, 3)];
        const digests = await Promise.all([held, fresh, other].map((b) => md5Base64(b)));
        const [heldDigest = '', freshDigest = '', otherDigest = ''] = digests;
        await store.putBlobs([{ digest: heldDigest, blob: new Blob([held]) }]);
        const told: string[] = [];
        const storedWhenTold: boolean[] = [];
        await store.putBlobs(
          [heldDigest, freshDigest, otherDigest, freshDigest].map((digest, i) => ({ digest, blob: new Blob([[held, fresh, other, fresh][i] ?? held]) })),
          {
            onMissing: (ds) => {
              told.push(...ds);
              storedWhenTold.push(false);
            },
            onProgress: () => storedWhenTold.push(true),
          },
        );
        expect(told.sort()).toEqual([freshDigest, otherDigest].sort());
        expect(storedWhenTold[0]).toBe(false);
        expect(await store.hasBlobs(digests)).toEqual(new Set(digests));
      });

      it('round-trips a blob larger than one 4 MiB piece, reporting progress', async () => {
        const bytes = patterned(9 * MiB + 123, 7);
        const digest = await md5Base64(bytes);
        const progress: number[] = [];
        await store.putBlobs([{ digest, blob: new Blob([bytes]) }], { onProgress: (n) => progress.push(n) });
        expect(progress.at(-1)).toBe(bytes.length);
        expect(progress).toEqual([...progress].sort((a, b) => a - b));
        expect(await store.hasBlobs([digest, 'nope'])).toEqual(new Set([digest]));
        const back = new Uint8Array(await (await store.readBlob(digest)).arrayBuffer());
        expect(back.length).toBe(bytes.length);
        expect(await md5Base64(back)).toBe(digest);
        // the same digest again writes nothing
        const again: number[] = [];
        await store.putBlobs([{ digest, blob: new Blob([bytes]) }], { onProgress: (n) => again.push(n) });
        expect(again).toEqual([]);
        // an empty file
        const empty = await md5Base64(new Uint8Array(0));
        await store.putBlobs([{ digest: empty, blob: new Blob([]) }]);
        expect((await store.readBlob(empty)).size).toBe(0);
      });

      it('stores blobs given with their bytes already in memory (one piece and several)', async () => {
        const small = patterned(4096, 11);
        const big = patterned(5 * MiB + 17, 12);
        const inputs = await Promise.all(
          [small, big].map(async (bytes) => ({ digest: await md5Base64(bytes), blob: new Blob([bytes]), bytes: bytes.slice().buffer })),
        );
        const progress: number[] = [];
        await store.putBlobs(inputs, { onProgress: (n) => progress.push(n) });
        expect(progress.at(-1)).toBe(small.length + big.length);
        for (const [k, bytes] of [small, big].entries()) {
          const digest = inputs[k]?.digest ?? '';
          const back = new Uint8Array(await (await store.readBlob(digest)).arrayBuffer());
          expect(back.length).toBe(bytes.length);
          expect(await md5Base64(back)).toBe(digest);
        }
        expect(await store.checkIntegrity()).toEqual({ ok: true, problems: [] });
      });

      it('cancels putBlobs with an AbortSignal, leaving no half-written blob', async () => {
        const small = encoder.encode('small');
        const smallDigest = await md5Base64(small);
        const aborted = new AbortController();
        aborted.abort();
        await expectAppError(store.putBlobs([{ digest: smallDigest, blob: new Blob([small]) }], { signal: aborted.signal }), 'cancelled');
        expect(await store.hasBlobs([smallDigest])).toEqual(new Set());

        const big = patterned(20 * MiB, 3);
        const bigDigest = await md5Base64(big);
        const controller = new AbortController();
        const error = await expectAppError(
          store.putBlobs([{ digest: bigDigest, blob: new Blob([big]) }], { signal: controller.signal, onProgress: () => controller.abort() }),
          'cancelled',
        );
        expect(error.details['bytesWritten']).toBeGreaterThan(0);
        expect(error.details['bytesWritten']).toBeLessThan(big.length);
        expect(await store.hasBlobs([bigDigest])).toEqual(new Set());
        await expectAppError(store.readBlob(bigDigest), 'not-found');
        expect(await store.collectGarbage({ stagedBefore: time + 1 })).toEqual({ freedBlobs: 0, freedBytes: 0 });
      });

      it('collects staged blobs no commit took, once they are older than the cut-off', async () => {
        const entries = await stage({ 'kept.txt': 'kept' });
        tick(100);
        const stagedAt = time;
        await stage({ 'x.txt': 'orphan one', 'y.txt': 'orphan 22' });
        tick(100);
        await store.commitVersion({ project: 'proj', artifactName: 'data', type: 'dataset', entries });
        expect(await store.collectGarbage({ stagedBefore: stagedAt })).toEqual({ freedBlobs: 0, freedBytes: 0 });
        tick(100);
        // staging a blob again refreshes it
        const refreshed = await stage({ 'y.txt': 'orphan 22' });
        expect(await store.collectGarbage({ stagedBefore: stagedAt + 1 })).toEqual({ freedBlobs: 1, freedBytes: 10 });
        const [kept] = entries;
        expect(await store.hasBlobs([kept?.digest ?? '', refreshed[0]?.digest ?? ''])).toEqual(new Set([kept?.digest, refreshed[0]?.digest]));
        expect(await store.collectGarbage({ stagedBefore: time + 1 })).toEqual({ freedBlobs: 1, freedBytes: 9 });
        expect(await store.hasBlobs([kept?.digest ?? ''])).toEqual(new Set([kept?.digest]));
      });

      it('collects only the named staged blobs when given digests, never a referenced one', async () => {
        const committed = await stage({ 'kept.txt': 'kept' });
        await store.commitVersion({ project: 'proj', artifactName: 'data', type: 'dataset', entries: committed });
        const [mine, theirs] = await stage({ 'mine.txt': 'my upload', 'theirs.txt': 'their upload' });
        tick(100);
        const named = [mine?.digest ?? '', committed[0]?.digest ?? '', 'XUFAKrxLKna5cZ2REBfFkg=='];
        expect(await store.collectGarbage({ stagedBefore: time + 1, digests: named })).toEqual({ freedBlobs: 1, freedBytes: 9 });
        expect(await store.hasBlobs([mine?.digest ?? '', theirs?.digest ?? '', committed[0]?.digest ?? ''])).toEqual(
          new Set([theirs?.digest, committed[0]?.digest]),
        );
        await expectAppError(store.collectGarbage({ stagedBefore: time, digests: 'all' as never }), 'invalid-config');
      });
    });

    describe('runs and lineage', () => {
      it('records runs with their inputs and the versions they produced', async () => {
        const raw = await commit('raw', { 'a.csv': '1,2' });
        const run = await store.createRun({ id: 'run1' as RunId, project: 'proj', name: 'train', jobType: 'training', config: { lr: 0.1 }, inputs: [raw.version.id] });
        expect(run).toEqual({
          id: 'run1',
          project: 'proj',
          name: 'train',
          jobType: 'training',
          state: 'running',
          config: { lr: 0.1 },
          startedAt: time,
          finishedAt: null,
          inputs: [raw.version.id],
        });
        const model = await commit('model', { 'w.bin': 'weights' }, { type: 'model', producedBy: run.id });
        expect(model.version.producedBy).toBe('run1');
        expect(await store.getRun('run1' as RunId)).toEqual(run);
        const generated = await store.createRun({ project: 'proj', name: 'eval', jobType: 'eval', state: 'finished', startedAt: 10, finishedAt: 20 });
        expect(generated.id).toMatch(/^[A-Za-z0-9_-]+$/);
        expect((await store.listRuns('proj')).map((r) => r.id)).toEqual(['run1', generated.id]);
        await commit('raw', { 'a.csv': '3,4' });
        const lineage = await store.listProjectVersions('proj');
        expect(lineage.map((v) => [v.id, v.aliases, v.producedBy])).toEqual([
          ['proj/model:v0', ['latest'], 'run1'],
          ['proj/raw:v1', ['latest'], null],
          ['proj/raw:v0', [], null],
        ]);
      });

      it('refuses unknown inputs, unknown producers, duplicate ids and invalid runs', async () => {
        await expectAppError(store.createRun({ project: 'proj', name: 'r', jobType: 'j', inputs: [vid('ghost', 0)] }), 'not-found', /proj\/ghost:v0/);
        await expectAppError(commit('data', { 'a.txt': 'x' }, { producedBy: 'nobody' as RunId }), 'not-found', /"nobody"/);
        await store.createRun({ id: 'dup' as RunId, project: 'proj', name: 'r', jobType: 'j' });
        await expectAppError(store.createRun({ id: 'dup' as RunId, project: 'proj', name: 'r', jobType: 'j' }), 'conflict', /"dup"/);
        await expectAppError(store.createRun({ id: 'a/b' as RunId, project: 'proj', name: 'r', jobType: 'j' }), 'invalid-name');
        await expectAppError(store.createRun({ project: 'proj', name: '', jobType: 'j' }), 'invalid-name');
        await expectAppError(store.createRun({ project: 'proj', name: 'r', jobType: 'a/b' }), 'invalid-type');
        await expectAppError(store.createRun({ project: 'proj', name: 'r', jobType: 'j', config: [] as unknown as JsonObject }), 'invalid-config');
        await expectAppError(store.getRun('ghost' as RunId), 'not-found');
        await expectAppError(store.listRuns('nowhere'), 'not-found');
        await expectAppError(store.listProjectVersions('nowhere'), 'not-found');
        expect((await store.listRuns('proj')).map((r) => r.id)).toEqual(['dup']);
      });
    });

    describeRunUpdates({ store: () => store, commit, now, tick });

    describe('alias protection and the version lifecycle', () => {
      it('asks for confirmation to move or remove a protected alias, and protection blocks delete', async () => {
        await commit('model', { 'w.bin': '0' }, { aliases: ['production'] });
        await commit('model', { 'w.bin': '1' });
        const artifact = await store.setAliasProtected(aid('model'), 'production', true);
        expect(artifact.protectedAliases).toEqual(['production']);
        expect((await store.getArtifact(aid('model'))).protectedAliases).toEqual(['production']);
        await expectAppError(store.setAlias(vid('model', 1), 'production'), 'alias-protected', /"production".*protected/);
        await expectAppError(store.removeAlias(aid('model'), 'production'), 'alias-protected', /remove/);
        await expectAppError(commit('model', { 'w.bin': '2' }, { aliases: ['production'] }), 'alias-protected');
        await expectAppError(store.deleteVersion(vid('model', 0), { dropAliases: true }), 'alias-protected', /v0.*"production".*unprotect/);
        expect((await store.getVersion(vid('model', 0))).aliases).toEqual(['production']);
        await store.setAlias(vid('model', 1), 'production', { confirmProtected: true });
        expect((await store.resolveVersion(aid('model'), 'production')).index).toBe(1);
        await store.deleteVersion(vid('model', 0));
        await store.removeAlias(aid('model'), 'production', { confirmProtected: true });
        // Protection belongs to the name: adding it again is free, moving it is guarded again.
        await store.setAlias(vid('model', 1), 'production');
        expect((await store.setAliasProtected(aid('model'), 'production', false)).protectedAliases).toEqual([]);
        await store.deleteVersion(vid('model', 1), { dropAliases: true });
        await expectAppError(store.setAliasProtected(aid('ghost'), 'x', true), 'not-found');
        await expectAppError(store.setAliasProtected(aid('model'), 'latest', true), 'invalid-alias');
      });

      it('deletes many versions at once, all or nothing, naming every held alias', async () => {
        await commit('data', { 'a.txt': '0' }, { aliases: ['best'] });
        await commit('data', { 'a.txt': '1' });
        await commit('data', { 'a.txt': '2' }, { aliases: ['candidate'] });
        await commit('other', { 'a.txt': '0', 'b.txt': 'b' });
        await commit('data', { 'a.txt': '3' });
        const error = await expectAppError(
          store.deleteVersions([vid('data', 0), vid('data', 1), vid('data', 2)]),
          'alias-held',
          'data:v0 holds "best"; data:v2 holds "candidate"; remove the aliases first or delete with the aliases',
        );
        expect(error.details.aliases).toEqual(['best', 'candidate']);
        expect((await store.listVersions(aid('data'))).map((v) => v.index)).toEqual([3, 2, 1, 0]);
        await expectAppError(store.deleteVersions([vid('data', 1), vid('data', 9)]), 'not-found');
        expect((await store.listVersions(aid('data'))).length).toBe(4);
        await store.deleteVersions([vid('data', 0), vid('data', 1), vid('data', 2), vid('other', 0), vid('data', 1)], { dropAliases: true });
        expect((await store.listVersions(aid('data'))).map((v) => v.index)).toEqual([3]);
        expect(await store.listVersions(aid('other'))).toEqual([]);
        await store.deleteVersions([]);
        expect((await commit('data', { 'a.txt': '0' })).version.index).toBe(4);
      });

      it('expires versions whose TTL ran out, keeping those with aliases', async () => {
        await commit('data', { 'a.txt': '0' }, { ttlSeconds: 60 });
        await commit('data', { 'a.txt': '1' }, { ttlSeconds: 60, aliases: ['keep'] });
        await commit('data', { 'a.txt': '2' }, { ttlSeconds: 3600 });
        await commit('data', { 'a.txt': '3' }, { ttlSeconds: 1 });
        expect(await store.expireVersions({ now: time })).toEqual({ deleted: [], kept: [] });
        tick(60_000);
        const result = await store.expireVersions();
        expect(result).toEqual({ deleted: [vid('data', 0), vid('data', 3)], kept: [{ versionId: vid('data', 1), aliases: ['keep'] }] });
        expect((await store.listVersions(aid('data'))).map((v) => [v.index, v.aliases])).toEqual([
          [2, ['latest']],
          [1, ['keep']],
        ]);
        const removed = (await store.listAliasEvents(aid('data'))).filter((e) => e.action === 'remove');
        expect(removed).toEqual([]);
        await store.updateVersion(vid('data', 2), { ttlSeconds: null });
        expect(await store.expireVersions({ now: time + 10 * 3_600_000 })).toEqual({ deleted: [], kept: [{ versionId: vid('data', 1), aliases: ['keep'] }] });
      });

      it('reports logical and stored bytes per artifact and what deleting a version frees', async () => {
        await commit('data', { 'a.txt': 'shared!', 'b.txt': 'v0 only' });
        await commit('data', { 'a.txt': 'shared!', 'c.txt': 'v1' });
        await store.commitVersion({ project: 'proj', artifactName: 'refs', type: 'dataset', entries: [{ path: 'r', digest: 'etag', ref: 's3://b/r', size: 1000 }] });
        // A blob also used by another project is not freed by deleting this one's version.
        const [x] = await stage({ 'x.bin': 'everywhere' });
        if (!x) throw new Error('staged nothing');
        await store.commitVersion({ project: 'proj', artifactName: 'model', type: 'model', entries: [x] });
        await store.commitVersion({ project: 'elsewhere', artifactName: 'model', type: 'model', entries: [x] });
        await stage({ 'loose.bin': 'staged only' });
        const usage = await store.storageUsage('proj');
        expect(usage).toMatchObject({ project: 'proj', logicalBytes: 14 + 9 + 1000 + 10, storedBytes: 7 + 7 + 2 + 10, stagedBytes: 11 });
        expect(usage.artifacts).toEqual([
          {
            artifactId: aid('data'),
            logicalBytes: 23,
            storedBytes: 16,
            versions: [
              { versionId: vid('data', 1), index: 1, logicalBytes: 9, freedBytes: 2 },
              { versionId: vid('data', 0), index: 0, logicalBytes: 14, freedBytes: 7 },
            ],
          },
          { artifactId: aid('model'), logicalBytes: 10, storedBytes: 10, versions: [{ versionId: vid('model', 0), index: 0, logicalBytes: 10, freedBytes: 0 }] },
          { artifactId: aid('refs'), logicalBytes: 1000, storedBytes: 0, versions: [{ versionId: vid('refs', 0), index: 0, logicalBytes: 1000, freedBytes: 0 }] },
        ]);
        await expectAppError(store.storageUsage('nowhere'), 'not-found');
      });

      it('deletes a run keeping its outputs, or with them under the delete rules', async () => {
        const raw = await commit('raw', { 'a.csv': '1' });
        const keep = await store.createRun({ id: 'keep' as RunId, project: 'proj', name: 'a', jobType: 'j', inputs: [raw.version.id] });
        const drop = await store.createRun({ id: 'drop' as RunId, project: 'proj', name: 'b', jobType: 'j' });
        await commit('model', { 'w': '1' }, { type: 'model', producedBy: keep.id });
        await commit('model', { 'w': '2' }, { type: 'model', producedBy: drop.id, aliases: ['candidate'] });
        await commit('eval', { 'e': '2' }, { producedBy: drop.id });
        expect(await store.deleteRun(keep.id, { outputs: 'keep' })).toEqual({ deletedVersions: [], keptVersions: [vid('model', 0)] });
        expect((await store.getVersion(vid('model', 0))).producedBy).toBeNull();
        await expectAppError(store.getRun(keep.id), 'not-found');
        await expectAppError(store.deleteRun(drop.id, { outputs: 'delete' }), 'alias-held', /model:v1 holds "candidate"/);
        expect((await store.getRun(drop.id)).id).toBe('drop');
        expect(await store.deleteRun(drop.id, { outputs: 'delete', dropAliases: true })).toEqual({
          deletedVersions: [vid('eval', 0), vid('model', 1)],
          keptVersions: [],
        });
        expect((await store.listProjectVersions('proj')).map((v) => v.id)).toEqual([vid('model', 0), vid('raw', 0)]);
        await expectAppError(store.deleteRun('ghost' as RunId, { outputs: 'keep' }), 'not-found');
        await expectAppError(store.deleteRun(drop.id, { outputs: 'maybe' as 'keep' }), 'invalid-config');
      });

      it("lists each artifact with its live versions' count, size and latest through commits, expiry, bulk deletes and a run's deletion", async () => {
        const listed = async () =>
          (await store.listArtifacts('proj')).map(({ name, versionCount, totalSize, latestIndex, nextIndex }) => ({ name, versionCount, totalSize, latestIndex, nextIndex }));
        await commit('data', { 'a.txt': 'a' });
        await commit('data', { 'a.txt': 'bb' });
        await commit('data', { 'a.txt': 'ccc', 'b.txt': 'd' }, { ttlSeconds: 60 });
        await commit('model', { 'w.bin': 'wwww' }, { type: 'model' });
        expect(await listed()).toEqual([
          { name: 'data', versionCount: 3, totalSize: 7, latestIndex: 2, nextIndex: 3 },
          { name: 'model', versionCount: 1, totalSize: 4, latestIndex: 0, nextIndex: 1 },
        ]);
        // The same content again makes no version and changes nothing.
        expect((await commit('data', { 'a.txt': 'bb' })).created).toBe(false);
        expect((await listed())[0]).toEqual({ name: 'data', versionCount: 3, totalSize: 7, latestIndex: 2, nextIndex: 3 });

        // Expiry takes the newest version: latest moves back.
        expect((await store.expireVersions({ now: time + 61_000 })).deleted).toEqual([vid('data', 2)]);
        expect((await listed())[0]).toEqual({ name: 'data', versionCount: 2, totalSize: 3, latestIndex: 1, nextIndex: 3 });

        // One delete across two artifacts, one of them emptied.
        await store.deleteVersions([vid('model', 0), vid('data', 0)]);
        expect(await listed()).toEqual([
          { name: 'data', versionCount: 1, totalSize: 2, latestIndex: 1, nextIndex: 3 },
          { name: 'model', versionCount: 0, totalSize: 0, latestIndex: null, nextIndex: 1 },
        ]);

        // A run deleted with its outputs; then a new version of the emptied artifact.
        const run = await store.createRun({ id: 'maker' as RunId, project: 'proj', name: 'm', jobType: 'j' });
        await commit('data', { 'a.txt': 'eeeee' }, { producedBy: run.id });
        await commit('model', { 'w.bin': 'w2' }, { type: 'model' });
        expect((await listed())[0]).toEqual({ name: 'data', versionCount: 2, totalSize: 7, latestIndex: 3, nextIndex: 4 });
        await store.deleteRun(run.id, { outputs: 'delete' });
        expect(await listed()).toEqual([
          { name: 'data', versionCount: 1, totalSize: 2, latestIndex: 1, nextIndex: 4 },
          { name: 'model', versionCount: 1, totalSize: 2, latestIndex: 1, nextIndex: 2 },
        ]);
        expect(await store.getArtifact(aid('model'))).toMatchObject({ versionCount: 1, totalSize: 2, latestIndex: 1 });
      });
    });
  });
}

/**
 * Releasing many blobs at once (the bulk path: ranges of neighbouring digests are deleted
 * together, and a blob another version still uses must break the range). Run it for local
 * adapters; it stages 1,200 blobs.
 */
export function runBulkReleaseCheck(name: string, makeStore: (options: ContractStoreOptions) => Promise<ArtifactStore>): void {
  describe(`bulk blob release: ${name}`, () => {
    it('frees exactly the blobs no remaining version uses', async () => {
      let time = 1_700_000_000_000;
      const store = await makeStore({ now: () => ++time, testHooks: {} });
      const files = Array.from({ length: 1200 }, (_, i) => toBytes(`bulk file ${i}`));
      const digests = await Promise.all(files.map((bytes) => md5Base64(bytes)));
      await store.putBlobs(files.map((bytes, i) => ({ digest: digests[i] ?? '', blob: new Blob([bytes]) })));
      const entries = files.map((bytes, i) => ({ path: `f/${String(i).padStart(4, '0')}`, digest: digests[i] ?? '', size: bytes.length }));
      const every = await store.commitVersion({ project: 'bulk', artifactName: 'data', type: 'dataset', entries });
      const third = entries.filter((_, i) => i % 3 === 0);
      await store.commitVersion({ project: 'bulk', artifactName: 'data', type: 'dataset', entries: third });
      await store.deleteVersion(every.version.id);
      const kept = new Set(third.map((e) => e.digest));
      expect(await store.hasBlobs(digests)).toEqual(kept);
      const sample = third[third.length - 1];
      expect(await (await store.readBlob(sample?.digest ?? '')).text()).toBe('bulk file 1197');
      expect((await store.checkIntegrity()).problems).toEqual([]);
      store.close();
    }, 60_000);
  });
}
