// Issue #9 item 6: a soak benchmark. One artifact gets many versions with random changes and alias
// moves, the store is closed and reopened every 100 commits and checkIntegrity() runs after each
// commit. Time per commit must not grow with history.
import { createIdbStore } from '../src/store/idb/idb-store';
import type { ArtifactStore } from '../src/store/artifact-store';
import type { ArtifactId, ManifestEntry, VersionId } from '../src/domain/types';
import { md5Base64 } from '../src/domain/digest';
import { seededRandom } from '../src/test/builders';
import { median, ms, type Figure } from './bench-types';

const ENTRIES = 200;
const REOPEN_EVERY = 100;
const WINDOW = 100;
const ALIASES = ['staging', 'candidate', 'production', 'best', 'nightly'];

interface NewFile {
  entry: ManifestEntry;
  blob: Blob;
}

async function makeFile(path: string, serial: number, random: () => number): Promise<NewFile> {
  const bytes = new TextEncoder().encode(`${path}\n${serial}\n${random()}\n`.repeat(1 + Math.floor(random() * 20)));
  const digest = await md5Base64(bytes);
  return { entry: { path, digest, size: bytes.byteLength }, blob: new Blob([bytes]) };
}

function pick<T>(items: readonly T[], random: () => number): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

/** Commits `commits` versions of one artifact; returns the figures. */
export async function soakCommits(commits: number): Promise<Figure[]> {
  const dbName = `bench-soak-${Date.now()}`;
  const random = seededRandom(9);
  let store: ArtifactStore = await createIdbStore({ dbName });
  let serial = 0;
  let nextPath = 0;
  const manifest = new Map<string, ManifestEntry>();
  const versionIds: VersionId[] = [];
  let artifactId: ArtifactId | null = null;
  const commitTimes: number[] = [];
  const checkTimes: number[] = [];
  const failures: string[] = [];
  let reopens = 0;
  let aliasMoves = 0;
  let added = 0;
  let changed = 0;
  let removed = 0;
  const started = performance.now();
  try {
    for (let i = 0; i < commits; i++) {
      if (i > 0 && i % REOPEN_EVERY === 0) {
        store.close();
        store = await createIdbStore({ dbName });
        reopens++;
      }
      // a few files added, changed and removed; ~200 entries throughout
      const fresh: NewFile[] = [];
      if (i === 0) {
        for (let k = 0; k < ENTRIES; k++) fresh.push(await makeFile(`data/part-${String(nextPath++).padStart(5, '0')}.csv`, serial++, random));
      } else {
        const paths = [...manifest.keys()];
        const removeCount = Math.floor(random() * 4);
        for (let k = 0; k < removeCount && manifest.size > ENTRIES - 20; k++) {
          if (manifest.delete(pick(paths, random))) removed++;
        }
        const changeCount = 1 + Math.floor(random() * 4);
        for (let k = 0; k < changeCount; k++) {
          const path = pick([...manifest.keys()], random);
          fresh.push(await makeFile(path, serial++, random));
          changed++;
        }
        const addCount = Math.max(0, ENTRIES - manifest.size + Math.floor(random() * 3) - 1);
        for (let k = 0; k < addCount; k++) {
          fresh.push(await makeFile(`data/part-${String(nextPath++).padStart(5, '0')}.csv`, serial++, random));
          added++;
        }
      }
      for (const file of fresh) manifest.set(file.entry.path, file.entry);
      const entries = [...manifest.values()];

      const t0 = performance.now();
      await store.putBlobs(fresh.map((f) => ({ digest: f.entry.digest, blob: f.blob })));
      const { version, created } = await store.commitVersion({ project: 'soak', artifactName: 'evolving', type: 'dataset', entries, metadata: { step: i } });
      if (!created) throw new Error(`commit ${i} did not create a version`);
      versionIds.push(version.id);
      artifactId = version.artifactId;
      // move 2–3 aliases to random versions (the new one half of the time)
      const moves = 2 + Math.floor(random() * 2);
      for (let k = 0; k < moves; k++) {
        const target = random() < 0.5 ? version.id : pick(versionIds, random);
        await store.setAlias(target, pick(ALIASES, random));
        aliasMoves++;
      }
      commitTimes.push(performance.now() - t0);

      const c0 = performance.now();
      const report = await store.checkIntegrity();
      checkTimes.push(performance.now() - c0);
      if (!report.ok) failures.push(`after commit ${i}: ${report.problems.slice(0, 3).join('; ')}`);
      if ((i + 1) % REOPEN_EVERY === 0) {
        console.info(`soak: ${i + 1} commits, ${((performance.now() - started) / 1000).toFixed(0)} s, last commit ${ms(commitTimes.at(-1) ?? 0)}, last check ${ms(checkTimes.at(-1) ?? 0)}`);
      }
    }
    const versions = artifactId === null ? [] : await store.listVersions(artifactId);
    if (versions.length !== commits) throw new Error(`expected ${commits} versions, store lists ${versions.length}`);
    const last = versionIds.at(-1);
    if (last !== undefined) {
      const read = await store.readManifest(last);
      if (read.length !== manifest.size) throw new Error(`last manifest has ${read.length} entries, expected ${manifest.size}`);
    }
  } finally {
    store.close();
    indexedDB.deleteDatabase(dbName);
  }
  if (failures.length > 0) throw new Error(`checkIntegrity failed ${failures.length} times: ${failures.slice(0, 3).join(' | ')}`);
  const totalS = (performance.now() - started) / 1000;
  const window = Math.min(WINDOW, Math.floor(commits / 2));
  const first = median(commitTimes.slice(0, window));
  const lastMedian = median(commitTimes.slice(-window));
  const ratio = lastMedian / first;
  const checkFirst = median(checkTimes.slice(0, window));
  const checkLast = median(checkTimes.slice(-window));
  const what = `${commits.toLocaleString('en')} versions of one artifact (~${ENTRIES} entries each; ${added} files added, ${changed} changed, ${removed} removed in all; ${aliasMoves} alias moves), store reopened every ${REOPEN_EVERY} (${reopens}×), checkIntegrity() after every commit; IndexedDB of a disk-backed profile (bench/run.mjs onDisk)`;
  return [
    {
      issue: '#9',
      name: `soak: median time per commit (stage new blobs + commit + 2–3 alias moves), first ${window} commits`,
      value: first,
      unit: 'ms',
      goal: 'reported',
      met: true,
      note: what,
    },
    {
      issue: '#9',
      name: `soak: median time per commit, last ${window} commits`,
      value: lastMedian,
      unit: 'ms',
      goal: 'reported',
      met: true,
      note: `same run; whole soak took ${totalS.toFixed(0)} s, checkIntegrity() median ${ms(checkFirst)} at the start and ${ms(checkLast)} at the end (it reads the whole store, so it grows; not in the commit time)`,
    },
    {
      issue: '#9',
      name: 'soak: time per commit, last / first (must not grow with history)',
      value: ratio,
      unit: '×',
      goal: '≤ 1.5',
      met: ratio <= 1.5,
      note: `${ms(lastMedian)} / ${ms(first)}`,
    },
    {
      issue: '#9',
      name: 'soak: checkIntegrity() failures',
      value: failures.length,
      unit: 'failures',
      goal: '0',
      met: failures.length === 0,
      note: `${commits} checks`,
    },
  ];
}

export function soak1000(): Promise<Figure[]> {
  return soakCommits(1000);
}
