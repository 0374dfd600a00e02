// Pure-function benchmarks, run in Node through Vite's SSR loader (same TypeScript the app ships).
import { artifactDigest } from '../src/domain/digest';
import { diffManifests } from '../src/domain/diff';
import type { ManifestEntry } from '../src/domain/types';
import { median, ms, type Figure } from './bench-types';

function syntheticManifest(count: number, salt: string): ManifestEntry[] {
  const entries: ManifestEntry[] = [];
  for (let i = 0; i < count; i++) {
    const digest = Buffer.from(`${salt}:${i}`.padEnd(16, '#').slice(0, 16)).toString('base64');
    entries.push({ path: `shard-${String(i % 100).padStart(3, '0')}/file-${String(i).padStart(6, '0')}.bin`, digest, size: 4096 });
  }
  return entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

async function time(run: () => unknown, repeats: number): Promise<number[]> {
  const runs: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    await run();
    runs.push(performance.now() - t0);
  }
  return runs;
}

export async function runNodeBenches(): Promise<Figure[]> {
  const base = syntheticManifest(100_000, 'a');
  // 1 % changed: every 100th entry gets a new digest
  const next = base.map((e, i) => (i % 100 === 0 ? { ...e, digest: Buffer.from(`b:${i}`.padEnd(16, '#')).toString('base64') } : e));

  await artifactDigest(base.slice(0, 10)); // warm up the WASM module
  const digestRuns = await time(() => artifactDigest(base), 7);
  const sortRuns = await time(() => [...base].reverse().sort((a, b) => (a.path < b.path ? -1 : 1)), 5);
  const diffRuns = await time(() => diffManifests(base, next), 7);
  const diff = diffManifests(base, next);
  const digestMs = median(digestRuns);
  const diffMs = median(diffRuns);
  return [
    {
      issue: '#2',
      name: 'artifact digest of a 100,000-entry manifest (Node)',
      value: digestMs,
      unit: 'ms',
      goal: '≤ 100 ms',
      met: digestMs <= 100,
      note: `median of ${digestRuns.length}; baseline: a plain JS sort of the same entries takes ${ms(median(sortRuns))} (${(digestMs / median(sortRuns)).toFixed(2)}× that)`,
    },
    {
      issue: '#6',
      name: 'manifest diff, two 100,000-entry versions, 1 % changed (Node)',
      value: diffMs,
      unit: 'ms',
      goal: '≤ 50 ms',
      met: diffMs <= 50 && diff.modified.length === 1000,
      note: `median of ${diffRuns.length}; found ${diff.modified.length} modified`,
    },
  ];
}
