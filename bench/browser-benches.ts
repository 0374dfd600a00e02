// Browser benchmarks: loaded by bench/index.html in Chromium, driven by bench/run.mjs.
import { createMD5 } from 'hash-wasm';
import { createIdbStore } from '../src/store/idb/idb-store';
import type { ManifestEntry } from '../src/domain/types';
import { median, ms, type Figure } from './bench-types';

function referenceManifest(count: number): ManifestEntry[] {
  // A 100k-file dataset logged as S3 references: digest = ETag, as W&B writes them (wandb-spec §3).
  const entries: ManifestEntry[] = [];
  for (let i = 0; i < count; i++) {
    const key = `images/${String(i % 1000).padStart(4, '0')}/img-${String(i).padStart(6, '0')}.jpg`;
    const etag = (i * 2654435761).toString(16).padStart(32, '0').slice(-32);
    entries.push({ path: key, digest: etag, ref: `s3://bench-bucket/${key}`, size: 20_000 + (i % 5000), extra: { etag: `"${etag}"` } });
  }
  return entries;
}

async function idbManifest100k(): Promise<Figure[]> {
  const commitRuns: number[] = [];
  const pageRuns: number[] = [];
  for (let run = 0; run < 3; run++) {
    const dbName = `bench-manifest-${Date.now()}-${run}`;
    const store = await createIdbStore({ dbName });
    const entries = referenceManifest(100_000);
    const t0 = performance.now();
    const { version } = await store.commitVersion({ project: 'bench', artifactName: 'big', type: 'dataset', entries });
    commitRuns.push(performance.now() - t0);
    store.close();
    const reopened = await createIdbStore({ dbName });
    const t1 = performance.now();
    const page = await reopened.readManifestPage(version.id, { offset: 0, limit: 100 });
    pageRuns.push(performance.now() - t1);
    if (page.total !== 100_000 || page.entries.length !== 100) throw new Error(`first page wrong: ${page.total}/${page.entries.length}`);
    reopened.close();
    indexedDB.deleteDatabase(dbName);
  }
  const commit = median(commitRuns);
  const page = median(pageRuns);
  return [
    {
      issue: '#2',
      name: 'commit a 100,000-entry version (references) into IndexedDB',
      value: commit,
      unit: 'ms',
      goal: '≤ 500 ms',
      met: commit <= 500,
      note: `median of 3 (${commitRuns.map(ms).join(', ')}); includes validation, digest and the one transaction`,
    },
    {
      issue: '#2',
      name: 'read the first page (100 entries) of that version, fresh connection',
      value: page,
      unit: 'ms',
      goal: '≤ 10 ms',
      met: page <= 10,
      note: `median of 3 (${pageRuns.map(ms).join(', ')})`,
    },
  ];
}

async function md5Throughput(): Promise<Figure[]> {
  const size = 64 * 1024 * 1024;
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i += 4096) bytes[i] = i & 255;
  const hasher = await createMD5();
  const runs: number[] = [];
  for (let r = 0; r < 3; r++) {
    hasher.init();
    const t0 = performance.now();
    for (let off = 0; off < size; off += 1 << 20) hasher.update(bytes.subarray(off, off + (1 << 20)));
    hasher.digest('binary');
    runs.push(performance.now() - t0);
  }
  const mibPerS = size / (1 << 20) / (median(runs) / 1000);
  return [{ issue: '#3', name: 'baseline: hash-wasm md5, one stream, in-memory 64 MiB', value: mibPerS, unit: 'MiB/s', goal: 'baseline', met: true }];
}

const benches: Record<string, () => Promise<Figure[]>> = { idbManifest100k, md5Throughput };

declare global {
  interface Window {
    artifactStudioBench: { names: string[]; run(name: string): Promise<Figure[]> };
  }
}

window.artifactStudioBench = {
  names: Object.keys(benches),
  run: async (name) => {
    const bench = benches[name];
    if (!bench) throw new Error(`no bench named ${name}`);
    return bench();
  },
};
