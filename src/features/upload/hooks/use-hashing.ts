import { useCallback, useEffect, useRef, useState } from 'react';
import { toAppError } from '../../../domain/errors';
import type { AppError } from '../../../domain/errors';
import { HashedBytes, createHashPool } from '../../../workers/hash-client';
import type { HashPool, HashProgress } from '../../../workers/hash-client';
import type { IngestProgress } from '../ingest-progress';

/** How often progress reaches React while hashing (the workers report far more often). */
const RENDER_EVERY_MS = 150;
/**
 * Bytes of small files kept from hashing until the commit stores them (beyond this the commit
 * reads the files again): a 10,000-file folder of 4 KiB files fits, a 1 GiB one does not.
 */
export const KEEP_HASHED_BYTES = 64 * 1024 * 1024;

interface Tracker {
  pool: HashPool | null;
  /** Bytes the workers read, so that the commit need not read those files again. */
  kept: HashedBytes;
  runs: Map<number, { progress: HashProgress; controller: AbortController }>;
  nextRun: number;
  startedAt: number;
  timer: ReturnType<typeof setInterval> | null;
  /** Bumped by cancel(true) so that runs finishing afterwards do not bring digests back. */
  generation: number;
  /** Files being hashed or hashed (since the last cancel(true)): asked again, they are not hashed twice. */
  started: WeakSet<File>;
}

/** Called as each file is hashed, with the bytes the workers read when they were kept. */
export type OnFileHashed = (file: File, digest: string, bytes: ArrayBuffer | undefined) => void;

/**
 * Hashes dropped files in the worker pool. `digests` maps each File to its base64 md5 and is
 * replaced once per finished batch; `progress` is null while idle. `cancel()` stops every run.
 * `bytesOf(file)` gives the content the workers read of a small file (up to KEEP_HASHED_BYTES
 * in all), until `release` or `cancel(true)` forgets them. `onHashed` hears of each file at once.
 */
export function useHashing(onHashed?: OnFileHashed): {
  digests: ReadonlyMap<File, string>;
  bytesOf: (file: File) => ArrayBuffer | undefined;
  /** Forgets the kept bytes of these files (stored already, say). */
  release: (files: readonly Blob[]) => void;
  progress: IngestProgress | null;
  error: AppError | null;
  hash: (items: readonly { file: File; name: string }[]) => void;
  /** Stops every run (they end with no digests) and, with `forget`, drops the digests too. */
  cancel: (forget?: boolean) => void;
} {
  const [digests, setDigests] = useState<ReadonlyMap<File, string>>(() => new Map());
  const [progress, setProgress] = useState<IngestProgress | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const onHashedRef = useRef(onHashed);
  useEffect(() => {
    onHashedRef.current = onHashed;
  }, [onHashed]);
  const tracker = useRef<Tracker>({
    pool: null,
    kept: new HashedBytes(KEEP_HASHED_BYTES),
    runs: new Map(),
    nextRun: 1,
    startedAt: 0,
    timer: null,
    generation: 0,
    started: new WeakSet(),
  });

  const publish = useCallback(() => {
    const t = tracker.current;
    if (t.runs.size === 0) {
      if (t.timer !== null) clearInterval(t.timer);
      t.timer = null;
      setProgress(null);
      return;
    }
    let filesDone = 0, filesTotal = 0, bytesDone = 0, bytesTotal = 0;
    let current: string | null = null;
    for (const { progress: p } of t.runs.values()) {
      filesDone += p.filesDone;
      filesTotal += p.filesTotal;
      bytesDone += p.bytesDone;
      bytesTotal += p.bytesTotal;
      current = p.current ?? current;
    }
    setProgress({ phase: 'hashing', filesDone, filesTotal, bytesDone, bytesTotal, current, elapsedMs: performance.now() - t.startedAt });
  }, []);

  const hash = useCallback(
    (all: readonly { file: File; name: string }[]) => {
      const t = tracker.current;
      const picked = all.filter((p) => !t.started.has(p.file));
      if (picked.length === 0) return;
      const files = picked.map((p) => p.file);
      for (const file of files) t.started.add(file);
      t.pool ??= createHashPool();
      const id = t.nextRun++;
      const generation = t.generation;
      const controller = new AbortController();
      const empty: HashProgress = { filesDone: 0, filesTotal: files.length, bytesDone: 0, bytesTotal: 0, current: null };
      if (t.runs.size === 0) t.startedAt = performance.now();
      t.runs.set(id, { progress: empty, controller });
      t.timer ??= setInterval(publish, RENDER_EVERY_MS);
      setError(null);
      publish();
      const items = picked.map((p) => ({ blob: p.file, name: p.name }));
      t.pool
        .hashAll(items, {
          signal: controller.signal,
          keep: t.kept,
          onProgress: (p) => {
            const run = t.runs.get(id);
            if (run) run.progress = p;
          },
          onHashed: (item, digest, bytes) => {
            if (generation === t.generation && item.blob instanceof File) onHashedRef.current?.(item.blob, digest, bytes);
          },
        })
        .then((result) => {
          if (generation !== t.generation) return;
          setDigests((previous) => {
            const next = new Map(previous);
            files.forEach((file, i) => next.set(file, result[i] ?? ''));
            return next;
          });
        })
        .catch((e: unknown) => {
          for (const file of files) t.started.delete(file); // so that they can be hashed again
          const appError = toAppError(e);
          if (appError.code !== 'cancelled') setError(appError);
        })
        .finally(() => {
          t.runs.delete(id);
          publish();
        });
    },
    [publish],
  );

  const cancel = useCallback((forget = false) => {
    for (const run of tracker.current.runs.values()) run.controller.abort();
    setError(null);
    if (forget) {
      tracker.current.generation += 1;
      tracker.current.started = new WeakSet();
      tracker.current.kept.clear();
      setDigests(new Map());
    }
  }, []);

  useEffect(() => {
    const t = tracker.current;
    return () => {
      if (t.timer !== null) clearInterval(t.timer);
      t.timer = null;
      t.pool?.dispose();
      t.pool = null;
      t.kept.clear();
    };
  }, []);

  const bytesOf = useCallback((file: File) => tracker.current.kept.get(file), []);
  const release = useCallback((files: readonly Blob[]) => {
    for (const file of files) tracker.current.kept.release(file);
  }, []);
  return { digests, bytesOf, release, progress, error, hash, cancel };
}
