// Issue #3 benchmarks: the upload pipeline the app runs (hash pool workers streaming file.stream()
// → draft → preview → commitDraft: hasBlobs, putBlobs into IndexedDB, commitVersion), fed with
// real files from disk. bench/run.mjs writes the files into bench/.tmp/ and hands them to the
// hidden inputs of bench/index.html with Playwright's setInputFiles (paths, no copy).
import { createMD5 } from 'hash-wasm';
import { addFiles, createDraft, draftItems, resolveDraft } from '../src/domain/draft';
import { stagerFor } from '../src/features/upload/blob-stager';
import type { BlobStager } from '../src/features/upload/blob-stager';
import { commitDraft } from '../src/features/upload/commit-draft';
import { previewDraft } from '../src/features/upload/draft-preview';
import { filesFromDataTransfer, filesFromDirectoryHandle, filesFromInput } from '../src/lib/folder-walk';
import type { HandleItem, PickedFile } from '../src/lib/folder-walk';
import { KEEP_HASHED_BYTES } from '../src/features/upload/hooks/use-hashing';
import { createIdbStore } from '../src/store/idb/idb-store';
import { COUNT_REFS_DELAY_MS } from '../src/store/record-store';
import { HashedBytes, createHashPool, defaultPoolSize } from '../src/workers/hash-client';
import { median, ms, type Figure } from './bench-types';

const MIB = 1024 * 1024;

declare global {
  interface Window {
    /** Read by bench/run.mjs's CDP sampler to tag its heap samples. */
    ingestBenchPhase?: string;
    /** Set while a drop bench waits for bench/ingest-run.mjs to drop the folder for this round. */
    ingestBenchDropRound?: number;
  }
  interface Performance {
    /** Chromium only; precise with --enable-precise-memory-info. */
    memory?: { usedJSHeapSize: number; totalJSHeapSize: number };
  }
}

function inputFiles(id: string): File[] {
  const input = document.getElementById(id);
  if (!(input instanceof HTMLInputElement) || !input.files || input.files.length === 0) {
    throw new Error(`#${id} holds no files: run this bench through bench/run.mjs, which sets them`);
  }
  return [...input.files];
}

function deleteDb(name: string): Promise<void> {
  return new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => resolve();
    request.onblocked = () => resolve();
  });
}

/**
 * The raw hashing limit: one hash-wasm md5 instance fed by one file.stream() at a time, nothing
 * else. Read into one reused 1 MiB buffer (BYOB) like the workers do, so that the baseline leaves
 * no garbage ArrayBuffers behind to count in the next ingest's peak memory.
 */
async function singleStreamMd5(files: readonly File[]): Promise<number> {
  const hasher = await createMD5();
  let buffer = new ArrayBuffer(MIB);
  const t0 = performance.now();
  for (const file of files) {
    hasher.init();
    const reader = file.stream().getReader({ mode: 'byob' });
    for (;;) {
      const { done, value } = await reader.read(new Uint8Array(buffer, 0, buffer.byteLength));
      if (value) buffer = value.buffer;
      if (done || !value) break;
      hasher.update(value);
    }
    hasher.digest('binary');
  }
  return performance.now() - t0;
}

interface IngestRun {
  ms: number;
  /** Of hashMs: reading the picked files' sizes (filesFromInput), while the first slices are already hashed. */
  pickMs: number;
  hashMs: number;
  /** performance.now() when hashing ended and the store work began. */
  hashedAt: number;
  version: number;
  /** ms spent in each step after hashing: preview, commitDraft's checking / writing / committing. */
  steps: Record<string, number>;
  /** performance.now() at the start of each step (hashing first), to tell in which one a long task fell. */
  marks: { step: string; at: number }[];
  /** After the commit, not in `ms`: until the store had counted the version's blob references (PendingRefsRecord). */
  refsCountedMs: number;
}

/** Waits until the store has counted every pending blob reference; ms taken. */
async function untilRefsCounted(dbName: string): Promise<number> {
  const started = performance.now();
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const open = indexedDB.open(dbName);
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(new Error(String(open.error)));
  });
  try {
    for (;;) {
      const pending = await new Promise<number>((resolve, reject) => {
        const request = db.transaction('pendingRefs', 'readonly').objectStore('pendingRefs').count();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(new Error(String(request.error)));
      });
      if (pending === 0) return performance.now() - started;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    db.close();
  }
}

function stepsNote(runs: readonly IngestRun[]): string {
  const names = Object.keys(runs[0]?.steps ?? {});
  return names.map((n) => `${n} ${ms(median(runs.map((r) => r.steps[n] ?? 0)))}`).join(', ');
}

interface LongTask {
  start: number;
  duration: number;
  /** During hashing or during preview + commit. */
  phase: 'hash' | 'store';
  /** The step it started in: hashing, preview, checking, writing or committing. */
  step: string;
}

function longTaskNote(tasks: readonly LongTask[]): string {
  if (tasks.length === 0) return 'none';
  const sum = tasks.reduce((a, t) => a + t.duration, 0);
  const hashing = tasks.filter((t) => t.phase === 'hash').length;
  const bySteps = new Map<string, LongTask[]>();
  for (const t of tasks) bySteps.set(t.step, [...(bySteps.get(t.step) ?? []), t]);
  const steps = [...bySteps].map(([step, list]) => `${step} ${list.length} (longest ${ms(Math.max(...list.map((t) => t.duration)))})`).join(', ');
  return `${tasks.length} (${hashing} while hashing, ${tasks.length - hashing} while storing; longest ${ms(Math.max(...tasks.map((t) => t.duration)))}, total ${ms(sum)}; by step: ${steps})`;
}

/**
 * How the files arrive: `pick` starts reading them (handing slices on as they are known) and
 * says when it started — at once for the folder picker, at the drop event for a drop.
 */
type Pick = (onSlice: (slice: PickedFile[]) => void) => { startedAt: Promise<number>; picked: Promise<PickedFile[]> };

/** As the folder picker does: sizes read in slices (the first read of each is a browser round trip), paths under `folder`. */
function fromInput(files: readonly File[], folder: string): Pick {
  return (onSlice) => {
    const under = (list: PickedFile[]) => list.map((p) => ({ ...p, dropPath: `${folder}/${p.dropPath}` }));
    return { startedAt: Promise.resolve(performance.now()), picked: filesFromInput(files, (slice) => onSlice(under(slice))).then(under) };
  };
}

/**
 * bench/ingest-run.mjs drops the folder on the page (CDP Input.dispatchDragEvent: a real drop,
 * entries and handles) once `round` is asked for; `read` takes it from there (synchronously in
 * the drop handler, as the browser empties the DataTransfer after it) and says when the clock starts.
 */
function fromDropOf(round: number, read: (transfer: DataTransfer, start: () => void) => Promise<PickedFile[]>): ReturnType<Pick> {
  let started: (at: number) => void = () => undefined;
  const startedAt = new Promise<number>((resolve) => (started = resolve));
  const picked = new Promise<PickedFile[]>((resolve, reject) => {
    const over = (event: DragEvent) => event.preventDefault();
    const drop = (event: DragEvent) => {
      event.preventDefault();
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
      window.ingestBenchDropRound = undefined;
      if (event.dataTransfer) read(event.dataTransfer, () => started(performance.now())).then(resolve, reject);
      else reject(new Error('a drop without a DataTransfer'));
    };
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    window.ingestBenchDropRound = round;
  });
  return { startedAt, picked };
}

/** As a drop on the page does: the clock starts at the drop. */
function fromDrop(round: number): Pick {
  return (onSlice) =>
    fromDropOf(round, (transfer, start) => {
      start();
      return filesFromDataTransfer(transfer, onSlice);
    });
}

/**
 * As "Upload folder" does where there is showDirectoryPicker: the folder's handle, walked. No
 * OS dialog can be driven here, so the handle comes from a real drop of the folder (a handle
 * to the same folder on disk); the clock starts when it is there, as when the picker resolves.
 */
function fromPickedFolder(round: number): Pick {
  return (onSlice) =>
    fromDropOf(round, async (transfer, start) => {
      const item: HandleItem | undefined = transfer.items[0];
      const folder = await item?.getAsFileSystemHandle?.();
      if (!folder) throw new Error('the drop gave no directory handle');
      start();
      return filesFromDirectoryHandle(folder, onSlice);
    });
}

/**
 * Pick → hash in the worker pool (keeping the bytes of small files, as the upload dialog does)
 * → resolve the draft → preview (diff, new bytes) → commitDraft into a fresh IndexedDB.
 */
async function ingest(pick: Pick, folder: string, poolSize: number | undefined): Promise<IngestRun> {
  const dbName = `bench-ingest-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  const store = await createIdbStore({ dbName });
  const pool = createHashPool(poolSize === undefined ? {} : { size: poolSize });
  let stager: BlobStager | null = null;
  try {
    const kept = new HashedBytes(KEEP_HASHED_BYTES);
    // As the upload dialog does: small files are staged as they are hashed, and their bytes let go once stored.
    stager = stagerFor(store, { onStored: (stored) => stored.forEach((b) => kept.release(b.blob)) });
    const staging = stager;
    const digestOf = new Map<File, string>();
    const hashing: Promise<void>[] = [];
    // As the upload dialog does: each slice of the pick is hashed while the rest is still read.
    const { startedAt, picked: picking } = pick((slice) => {
      const items = slice.map((p) => ({ blob: p.file, name: p.dropPath }));
      const run = pool.hashAll(items, {
        keep: kept,
        onHashed: (item, digest, bytes) => {
          if (bytes) staging?.offer({ digest, blob: item.blob, bytes });
        },
      });
      hashing.push(run.then((digests) => slice.forEach((p, i) => digestOf.set(p.file, digests[i] ?? ''))));
    });
    const t0 = await startedAt;
    const marks = [{ step: 'picking', at: t0 }];
    const picked = await picking;
    const files = picked.map((p) => p.file);
    const pickMs = performance.now() - t0;
    marks.push({ step: 'hashing', at: performance.now() });
    const draft = addFiles(createDraft<File>(null), picked);
    const items = draftItems(draft);
    await Promise.all(hashing);
    const hashedAt = performance.now();
    const hashMs = hashedAt - t0;
    const { entries, unhashed } = resolveDraft(items, (file) => digestOf.get(file));
    if (unhashed.length > 0) throw new Error(`${unhashed.length} files left unhashed`);
    const preview = await previewDraft(store, entries, [], (d) => staging?.isNew(d) ?? false);
    marks.push({ step: 'preview', at: hashedAt });
    const steps: Record<string, number> = { preview: performance.now() - hashedAt };
    let phase = '';
    let phaseAt = performance.now();
    if (preview.newBlobs !== files.length) throw new Error(`expected ${files.length} new blobs, preview says ${preview.newBlobs}`);
    const blobs = new Map<string, Blob>();
    const bytes = new Map<string, ArrayBuffer>();
    for (const item of items) {
      if (item.origin !== 'file') continue;
      const digest = digestOf.get(item.file) ?? '';
      blobs.set(digest, item.file);
      const read = kept.get(item.file);
      if (read) bytes.set(digest, read);
    }
    const { version } = await commitDraft(
      store,
      { project: 'bench', artifactName: folder, type: 'dataset', description: '', metadata: {}, tags: [], aliases: [], entries, blobs, bytes, run: null },
      {
        estimate: null,
        stager: staging,
        onProgress: (p) => {
          if (p.phase === phase) return;
          if (phase) steps[phase] = performance.now() - phaseAt;
          phase = p.phase;
          phaseAt = performance.now();
          marks.push({ step: phase, at: phaseAt });
        },
      },
    );
    steps[phase] = performance.now() - phaseAt;
    const elapsed = performance.now() - t0;
    if (version.fileCount !== files.length) throw new Error(`committed ${version.fileCount} of ${files.length} files`);
    const refsCountedMs = await untilRefsCounted(dbName);
    return { ms: elapsed, pickMs, hashMs, hashedAt, version: version.index, steps, marks, refsCountedMs };
  } finally {
    await stager?.discard();
    pool.dispose();
    store.close();
    await deleteDb(dbName);
  }
}

/** Samples performance.memory and counts long tasks while `phase` runs. */
async function watched(phase: string, work: () => Promise<IngestRun>): Promise<{ result: IngestRun; peakHeap: number; longTasks: LongTask[] }> {
  const memory = performance.memory;
  let peakHeap = memory?.usedJSHeapSize ?? 0;
  const sampler = setInterval(() => {
    peakHeap = Math.max(peakHeap, performance.memory?.usedJSHeapSize ?? 0);
  }, 20);
  const entries: PerformanceEntry[] = [];
  const observer = new PerformanceObserver((list) => {
    entries.push(...list.getEntries());
  });
  observer.observe({ type: 'longtask', buffered: false });
  window.ingestBenchPhase = phase;
  try {
    const result = await work();
    // long-task entries are delivered asynchronously: give the observer a turn
    await new Promise((resolve) => setTimeout(resolve, 100));
    entries.push(...observer.takeRecords());
    peakHeap = Math.max(peakHeap, performance.memory?.usedJSHeapSize ?? 0);
    const stepAt = (start: number) => result.marks.filter((m) => m.at <= start).at(-1)?.step ?? 'before';
    const longTasks = entries.map(
      (e): LongTask => ({ start: e.startTime, duration: e.duration, phase: e.startTime < result.hashedAt ? 'hash' : 'store', step: stepAt(e.startTime) }),
    );
    return { result, peakHeap, longTasks };
  } finally {
    window.ingestBenchPhase = undefined;
    clearInterval(sampler);
    observer.disconnect();
  }
}

/** Lets the machine settle and collects the garbage of the previous run (gc() with --js-flags=--expose-gc), so a peak belongs to the run measured. */
async function settle(): Promise<void> {
  (globalThis as { gc?: () => void }).gc?.();
  await new Promise((resolve) => setTimeout(resolve, 500));
}
const mibps = (bytes: number, elapsedMs: number) => bytes / MIB / (elapsedMs / 1000);
const pct = (x: number) => `${(x * 100).toFixed(0)} %`;

async function ingestLarge(): Promise<Figure[]> {
  const files = inputFiles('ingest-large');
  const bytes = files.reduce((sum, f) => sum + f.size, 0);
  const rounds = 3;
  const baseline: number[] = [];
  const byPool = new Map<number, { runs: IngestRun[]; ratios: number[]; peakHeap: number; longTasks: LongTask[] }>();
  for (const size of [1, 2]) byPool.set(size, { runs: [], ratios: [], peakHeap: 0, longTasks: [] });
  // Interleaved, so that the load of the shared machine hits baseline and pipeline alike.
  for (let round = 0; round < rounds; round++) {
    window.ingestBenchPhase = 'baseline';
    const base = await singleStreamMd5(files);
    window.ingestBenchPhase = undefined;
    baseline.push(base);
    for (const [size, acc] of byPool) {
      await settle();
      const { result, peakHeap, longTasks } = await watched(`pool-${size}`, () => ingest(fromInput(files, `large-${size}-${round}`), `large-${size}-${round}`, size));
      acc.runs.push(result);
      acc.ratios.push(base / result.ms);
      acc.peakHeap = Math.max(acc.peakHeap, peakHeap);
      acc.longTasks.push(...longTasks);
    }
  }
  const baseMs = median(baseline);
  const baseRate = mibps(bytes, baseMs);
  const figures: Figure[] = [
    {
      issue: '#3',
      name: `baseline: hash-wasm md5, one stream, the same ${files.length} × ${(bytes / files.length / MIB).toFixed(0)} MiB files read with file.stream() on the page`,
      value: baseRate,
      unit: 'MiB/s',
      goal: 'baseline',
      met: true,
      note: `median of ${rounds} (${baseline.map((t) => mibps(bytes, t).toFixed(0)).join(', ')} MiB/s), measured between the ingest runs`,
    },
  ];
  for (const [size, acc] of byPool) {
    const rate = mibps(bytes, median(acc.runs.map((r) => r.ms)));
    const ratio = median(acc.ratios);
    const hashRate = mibps(bytes, median(acc.runs.map((r) => r.hashMs)));
    figures.push({
      issue: '#3',
      name: `ingest a 1 GiB folder of 64 MiB files (hash in ${size} worker${size > 1 ? 's' : ''} → IndexedDB → commit), vs the single-stream md5 baseline`,
      value: ratio * 100,
      unit: '%',
      goal: size === 1 ? '≥ 70 %' : '≥ 70 %, faster than 1 worker where the disk allows',
      met: ratio >= 0.7,
      note: `${rate.toFixed(0)} MiB/s end to end (runs ${acc.runs.map((r) => mibps(bytes, r.ms).toFixed(0)).join(', ')} MiB/s; ratio per round ${acc.ratios.map(pct).join(', ')}); hashing phase alone ${hashRate.toFixed(0)} MiB/s, then (medians) ${stepsNote(acc.runs)}; median of ${rounds}`,
    });
  }
  const peak = Math.max(...[...byPool.values()].map((a) => a.peakHeap));
  const longTasks = [...byPool.values()].flatMap((a) => a.longTasks);
  figures.push(
    {
      issue: '#3',
      name: 'peak JS heap of the page during the 1 GiB ingests (performance.memory.usedJSHeapSize)',
      value: peak / MIB,
      unit: 'MiB',
      goal: '< 256 MiB',
      met: peak < 256 * MIB,
      note: `max over all ${rounds * byPool.size} ingests, sampled every 20 ms with --enable-precise-memory-info; main thread only (ArrayBuffer contents and workers: see the CDP row)`,
    },
    {
      issue: '#3',
      name: 'main-thread long tasks (> 50 ms) during the 1 GiB ingests',
      value: longTasks.length,
      unit: 'tasks',
      goal: '0',
      met: longTasks.length === 0,
      note: `PerformanceObserver('longtask') over all ${rounds * byPool.size} ingests (pool of 1 and of 2): ${longTaskNote(longTasks)}`,
    },
  );
  return figures;
}

/** Three ingests of the 10,000-file folder, each from a fresh pick (`pickOf(round)`), as one figure. */
async function smallFigure(how: string, phase: string, pickOf: (round: number) => Pick, why = ''): Promise<Figure[]> {
  const files = inputFiles('ingest-small-1'); // the folder's files, for its size in the figure's name
  const runs: IngestRun[] = [];
  const longTasks: LongTask[] = [];
  for (const round of [0, 1, 2]) {
    await settle();
    const watch = await watched(phase, () => ingest(pickOf(round), `${phase}-${round}`, undefined));
    runs.push(watch.result);
    longTasks.push(...watch.longTasks);
  }
  const rate = (r: IngestRun) => files.length / (r.ms / 1000);
  const value = median(runs.map(rate));
  const hashRate = median(runs.map((r) => files.length / (r.hashMs / 1000)));
  return [
    {
      issue: '#3',
      name: `ingest a ${files.length.toLocaleString('en')}-file folder of ${(files[0]?.size ?? 0) / 1024} KiB files end to end, ${how} (hash pool of ${defaultPoolSize()} → IndexedDB → commit)`,
      value,
      unit: 'files/s',
      goal: '≥ 2,000 files/s',
      met: value >= 2000,
      note: `median of 3 (${runs.map((r) => rate(r).toFixed(0)).join(', ')} files/s; ${runs.map((r) => ms(r.ms)).join(', ')}); hashing phase alone ${hashRate.toFixed(0)} files/s (of it, reading what was picked ${ms(median(runs.map((r) => r.pickMs)))}), then (medians) ${stepsNote(runs)}; after each commit, outside the figure, the store counted the version's blob references in the background ${ms(median(runs.map((r) => r.refsCountedMs)))} later (median; ${COUNT_REFS_DELAY_MS} ms of it waiting); main-thread long tasks over the 3 runs, counting included: ${longTaskNote(longTasks)}${why}`,
    },
  ];
}

/** Chosen with the folder picker: a new pick per round, File objects whose sizes the browser looks up anew (synchronously, one by one). */
const ingestSmall = () =>
  smallFigure(
    'chosen through <input webkitdirectory> (what "Upload folder" falls back to without showDirectoryPicker)',
    'small',
    (round) => fromInput(inputFiles(`ingest-small-${round + 1}`), `small-${round}`),
    '. Chromium looks up the size of each file chosen this way with a synchronous browser round trip ("reading what was picked"), which is why "Upload folder" uses showDirectoryPicker there; this path serves browsers without it, whose costs this Chromium run cannot tell',
  );

/** "Upload folder" with showDirectoryPicker (Chromium): the folder's handle walked like a drop's. */
const ingestSmallPicker = () => smallFigure('chosen with "Upload folder" (showDirectoryPicker; its handle here from a real drop of the folder)', 'small-picker', fromPickedFolder);

/** Dropped on the page (a real drop of the folder through CDP): the walk finds files with their sizes. */
const ingestSmallDrop = () => smallFigure('dropped on the page', 'small-drop', fromDrop);

/** Registered into the `benches` record of browser-benches.ts; run.mjs runs names starting with "ingest" in a disk-backed profile. */
export const ingestBenches: Record<string, () => Promise<Figure[]>> = { ingestLarge, ingestSmallPicker, ingestSmallDrop, ingestSmall };
