// Issue #3 ingest benches (bench/ingest-benches.ts) and the #9 soak, driven from bench/run.mjs: writes the test
// folders into bench/.tmp/, opens bench/index.html in a disk-backed Chromium profile (a Playwright
// browser.newPage() context is off-the-record, where IndexedDB lives in memory), hands the files
// to the page's hidden inputs with setInputFiles (local Chromium gets the paths, no copy), and
// samples the heap of the page and of every worker over CDP while each bench runs.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';

const MIB = 1024 * 1024;
const tmp = path.join(path.dirname(fileURLToPath(import.meta.url)), '.tmp');

/** `count` files of `size` bytes with distinct contents (distinct digests: nothing deduplicates). */
function ensureFolder(name, count, size) {
  const dir = path.join(tmp, name);
  const names = Array.from({ length: count }, (_, i) => `part-${String(i).padStart(5, '0')}.bin`);
  const ok = existsSync(dir) && readdirSync(dir).length === count && names.every((n) => existsSync(path.join(dir, n)) && statSync(path.join(dir, n)).size === size);
  if (!ok) {
    console.log(`bench: writing ${count} × ${size} bytes into ${dir}`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const random = randomBytes(size >= MIB ? size : size * Math.min(count, 1024));
    names.forEach((n, i) => {
      const bytes = size >= MIB ? random : random.subarray((i % 1024) * size, (i % 1024 + 1) * size);
      const unique = Buffer.from(bytes);
      unique.write(`${name}:${i}:`.padEnd(32, '#'), 0, 'latin1');
      writeFileSync(path.join(dir, n), unique);
    });
  }
  return names.map((n) => path.join(dir, n));
}

/**
 * Polls Runtime.getHeapUsage of the page and of every dedicated worker (through the non-flat
 * Target protocol, which Playwright's CDPSession can carry), tagging samples with the page's
 * `window.ingestBenchPhase`.
 */
async function startHeapSampler(context, page) {
  const session = await context.newCDPSession(page);
  const workers = new Map(); // sessionId → url
  const pending = new Map(); // message id → resolve
  let nextId = 1;
  session.on('Target.attachedToTarget', ({ sessionId, targetInfo }) => {
    if (targetInfo.type === 'worker') workers.set(sessionId, targetInfo.url);
  });
  session.on('Target.detachedFromTarget', ({ sessionId }) => workers.delete(sessionId));
  session.on('Target.receivedMessageFromTarget', ({ message }) => {
    const parsed = JSON.parse(message);
    pending.get(parsed.id)?.(parsed.result ?? null);
    pending.delete(parsed.id);
  });
  let workerProtocol = true;
  try {
    await session.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  } catch (error) {
    workerProtocol = false;
    console.warn(`bench: cannot attach to workers over CDP (${error.message}); sampling the page only`);
  }
  const askWorker = (sessionId, method) =>
    new Promise((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      session.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method }) }).catch(() => resolve(null));
      setTimeout(() => { pending.delete(id); resolve(null); }, 1000);
    });
  const samples = []; // { phase, page: {used, backing}, workers: {used, backing} }
  let running = true;
  const usage = (h) => ({ used: h?.usedSize ?? 0, backing: h?.backingStorageSize ?? 0 });
  const loop = (async () => {
    while (running) {
      try {
        const [phase, pageHeap, ...workerHeaps] = await Promise.all([
          session.send('Runtime.evaluate', { expression: 'window.ingestBenchPhase ?? ""', returnByValue: true }),
          session.send('Runtime.getHeapUsage'),
          ...[...workers.keys()].map((id) => askWorker(id, 'Runtime.getHeapUsage')),
        ]);
        const w = workerHeaps.map(usage).reduce((a, b) => ({ used: a.used + b.used, backing: a.backing + b.backing }), { used: 0, backing: 0 });
        samples.push({ phase: phase.result.value, page: usage(pageHeap), workers: w, workerCount: workerHeaps.filter(Boolean).length });
      } catch {
        // the page is between documents or busy: skip this tick
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  return {
    workerProtocol: () => workerProtocol,
    async stop() {
      running = false;
      await loop;
      await session.detach().catch(() => undefined);
      return samples;
    },
  };
}

/**
 * Drops `dir` on the page (CDP Input.dispatchDragEvent with the folder's path: a real drop, whose
 * DataTransfer carries the folder as an entry and a handle) whenever the drop bench asks for a
 * round through `window.ingestBenchDropRound`.
 */
async function startDropper(context, page, dir) {
  const cdp = await context.newCDPSession(page);
  const dropped = new Set();
  let running = true;
  const loop = (async () => {
    while (running) {
      const round = await page.evaluate(() => window.ingestBenchDropRound ?? null).catch(() => null);
      if (round !== null && !dropped.has(round)) {
        dropped.add(round);
        const data = { items: [], files: [dir], dragOperationsMask: 1 };
        for (const type of ['dragEnter', 'dragOver', 'drop']) await cdp.send('Input.dispatchDragEvent', { type, x: 10, y: 10, data });
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      await cdp.detach().catch(() => undefined);
    },
  };
}

function heapFigures(samples, workerProtocol) {
  const figures = [];
  const smallHow = { small: '<input webkitdirectory>', 'small-picker': '"Upload folder"', 'small-drop': 'dropped' };
  for (const phase of ['pool-1', 'pool-2', 'small-picker', 'small-drop', 'small']) {
    const inPhase = samples.filter((s) => s.phase === phase);
    if (inPhase.length === 0) continue;
    const total = (s) => s.page.used + s.page.backing + s.workers.used + s.workers.backing;
    const peak = inPhase.reduce((best, s) => (total(s) > total(best) ? s : best));
    const maxOf = (f) => Math.max(...inPhase.map(f)) / MIB;
    const what = phase.startsWith('small')
      ? `the 10,000-file ingests (${smallHow[phase]})`
      : `the 1 GiB ingests with ${phase.slice(5)} worker${phase === 'pool-1' ? '' : 's'}`;
    const value = total(peak) / MIB;
    figures.push({
      issue: '#3',
      name: `peak JS memory during ${what}: heap + ArrayBuffer contents, page + hash workers (CDP Runtime.getHeapUsage)`,
      value,
      unit: 'MiB',
      goal: phase.startsWith('small') ? 'reported' : '< 256 MiB',
      met: phase.startsWith('small') ? true : value < 256,
      note: `${inPhase.length} samples every ~100 ms; at the peak: page heap ${(peak.page.used / MIB).toFixed(1)} + page ArrayBuffers ${(peak.page.backing / MIB).toFixed(1)} + ${peak.workerCount} worker heaps ${(peak.workers.used / MIB).toFixed(1)} + worker ArrayBuffers ${(peak.workers.backing / MIB).toFixed(1)} MiB; maxima separately: page heap ${maxOf((s) => s.page.used).toFixed(1)}, page ArrayBuffers ${maxOf((s) => s.page.backing).toFixed(1)}, workers ${maxOf((s) => s.workers.used + s.workers.backing).toFixed(1)} MiB${workerProtocol ? '' : '; workers could not be attached'}`,
    });
  }
  return figures;
}

export async function runIngestBenches({ url, chromiumPath, args, names }) {
  const large = ensureFolder('ingest-large', 16, 64 * MIB);
  const small = ensureFolder('ingest-small', 10_000, 4096);
  // One profile per bench port: two ingest runs at once must not delete each other's profile.
  const profile = path.join(tmp, `ingest-profile-${new URL(url).port || 'default'}`);
  rmSync(profile, { recursive: true, force: true });
  // --expose-gc: the bench collects garbage left by the baseline before each measured ingest
  const context = await chromium.launchPersistentContext(profile, { executablePath: chromiumPath, args: [...args, '--js-flags=--expose-gc'], headless: true });
  const figures = [];
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (m) => { if (m.type() === 'error') console.error('[page]', m.text()); });
    const open = async () => {
      await page.goto(url);
      await page.waitForFunction(() => 'artifactStudioBench' in window);
      await page.setInputFiles('#ingest-large', large);
      for (const round of [1, 2, 3]) await page.setInputFiles(`#ingest-small-${round}`, small);
    };
    await open();
    for (const name of names) {
      // The dev server may reload the page once when it first bundles the hash worker's imports: run again then.
      for (let attempt = 1; ; attempt++) {
        console.log(`bench: ${name} (disk-backed profile)`);
        const sampler = await startHeapSampler(context, page);
        const dropper = await startDropper(context, page, path.dirname(small[0]));
        try {
          const result = await page.evaluate((n) => window.artifactStudioBench.run(n), name);
          await dropper.stop();
          figures.push(...result, ...heapFigures(await sampler.stop(), sampler.workerProtocol()));
          break;
        } catch (error) {
          await dropper.stop();
          await sampler.stop();
          if (attempt > 1 || !String(error).includes('Execution context was destroyed')) throw error;
          console.log('bench: the page reloaded (dev server bundled new dependencies); again');
          await open();
        }
      }
    }
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
  return figures;
}
