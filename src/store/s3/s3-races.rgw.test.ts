/**
 * Concurrency against a real S3 store: many clients (store instances, each with its own caches)
 * committing to one artifact and moving one alias at the same time.
 */
import { describe, expect, it, vi } from 'vitest';
import { md5Base64 } from '../../domain/digest';
import type { AliasEvent, ManifestEntry } from '../../domain/types';
import { artifactIdOf, versionIdOf } from '../../domain/types';
import type { S3Config } from './s3-config';
import type { S3Store } from './s3-store';
import { createS3Store } from './create-s3-store';
import { s3TestEnv } from './s3-test-env';
import { s3TestPrefixes } from '../../test/s3-test-prefixes';

vi.setConfig({ testTimeout: 300_000, hookTimeout: 120_000 });

const env = s3TestEnv();
const config = s3TestPrefixes(env);
const WRITERS = 16;

async function stage(store: S3Store, path: string, content: string): Promise<ManifestEntry[]> {
  const bytes = new TextEncoder().encode(content);
  const digest = await md5Base64(bytes);
  await store.putBlobs([{ digest, blob: new Blob([bytes]) }]);
  return [{ path, digest, size: bytes.length }];
}

function clients(c: S3Config): Promise<S3Store[]> {
  return Promise.all(Array.from({ length: WRITERS }, () => createS3Store(c)));
}

/**
 * With compare-and-swap every change starts from the value the previous one left: the events of
 * one alias form a single chain null → a → b → … Under last-writer-wins two changes would start
 * from the same value.
 */
function expectOneChain(events: readonly AliasEvent[], finalIndex: number | null): void {
  const starts = new Map<number | null, number>();
  for (const e of events) starts.set(e.fromIndex, (starts.get(e.fromIndex) ?? 0) + 1);
  for (const [from, count] of starts) expect(count, `changes starting from ${String(from)}`).toBe(1);
  let at: number | null = null;
  const byFrom = new Map(events.map((e) => [e.fromIndex, e]));
  for (let i = 0; i < events.length; i++) {
    const next = byFrom.get(at);
    expect(next, `the chain breaks after ${String(at)}`).toBeDefined();
    at = next?.toIndex ?? null;
  }
  expect(at).toBe(finalIndex);
}

describe(`${WRITERS} concurrent clients on one artifact`, () => {
  it('commit 2 versions each: v0..v31 with no gap, no lost alias, latest on the newest', async () => {
    const c = config('commit-race');
    const stores = await clients(c);
    const artifactId = artifactIdOf('race', 'data');
    const started = performance.now();
    const results = await Promise.all(
      stores.map(async (store, w) => {
        const out: { index: number; content: string }[] = [];
        for (let round = 0; round < 2; round++) {
          const content = `writer ${w} round ${round}`;
          const { version, created } = await store.commitVersion({
            project: 'race',
            artifactName: 'data',
            type: 'dataset',
            entries: await stage(store, 'data.txt', content),
            aliases: [`writer-${w}`, 'shared'],
          });
          expect(created).toBe(true);
          out.push({ index: version.index, content });
        }
        return out;
      }),
    );
    const elapsed = performance.now() - started;
    console.log(`[s3 race] ${WRITERS} writers × 2 commits: ${elapsed.toFixed(0)} ms`);

    const reader = await createS3Store(c);
    const versions = await reader.listVersions(artifactId);
    const indices = versions.map((v) => v.index).sort((a, b) => a - b);
    expect(indices).toEqual(Array.from({ length: WRITERS * 2 }, (_, i) => i));
    expect(new Set(results.flat().map((r) => r.index)).size).toBe(WRITERS * 2);
    expect(versions[0]?.aliases[0]).toBe('latest');
    expect(versions[0]?.index).toBe(WRITERS * 2 - 1);
    // Each writer's own alias survived, on that writer's second version (its content proves it).
    for (let w = 0; w < WRITERS; w++) {
      const held = await reader.resolveVersion(artifactId, `writer-${w}`);
      expect(held.index).toBe(results[w]?.[1]?.index);
      const [entry] = await reader.readManifest(held.id);
      expect(await (await reader.readBlob(entry?.digest ?? '')).text()).toBe(`writer ${w} round 1`);
    }
    // The alias they all moved ends on exactly one version, one of those written, after one chain of moves.
    const shared = await reader.resolveVersion(artifactId, 'shared');
    expect(results.flat().map((r) => r.index)).toContain(shared.index);
    expect(versions.filter((v) => v.aliases.includes('shared'))).toHaveLength(1);
    const events = (await reader.listAliasEvents(artifactId)).filter((e) => e.alias === 'shared');
    expect(events).toHaveLength(WRITERS * 2);
    expectOneChain(events, shared.index);
    expect(await reader.checkIntegrity()).toEqual({ ok: true, problems: [] });
    for (const s of [...stores, reader]) s.close();
  });

  it('move one alias at once: it ends on exactly one of the targets, after one unbroken chain of moves', async () => {
    const c = config('alias-race');
    const setup = await createS3Store(c);
    for (let i = 0; i < WRITERS; i++) {
      await setup.commitVersion({ project: 'race', artifactName: 'model', type: 'model', entries: await stage(setup, 'w.bin', `weights ${i}`) });
    }
    const stores = await clients(c);
    const artifactId = artifactIdOf('race', 'model');
    const started = performance.now();
    await Promise.all(stores.map((store, i) => store.setAlias(versionIdOf('race', 'model', i), 'production')));
    console.log(`[s3 race] ${WRITERS} concurrent moves of one alias: ${(performance.now() - started).toFixed(0)} ms`);

    const final = await setup.resolveVersion(artifactId, 'production');
    expect(final.index).toBeGreaterThanOrEqual(0);
    expect(final.index).toBeLessThan(WRITERS);
    const holders = (await setup.listVersions(artifactId)).filter((v) => v.aliases.includes('production'));
    expect(holders.map((v) => v.index)).toEqual([final.index]);
    const events = await setup.listAliasEvents(artifactId);
    expect(events).toHaveLength(WRITERS);
    expect(new Set(events.map((e) => e.toIndex))).toEqual(new Set(Array.from({ length: WRITERS }, (_, i) => i)));
    expectOneChain(events, final.index);
    expect(await setup.checkIntegrity()).toEqual({ ok: true, problems: [] });
    for (const s of [...stores, setup]) s.close();
  });
});
