/** One snapshot of an upload's progress, as the progress panel shows it. */
export interface IngestProgress {
  readonly phase: 'hashing' | 'checking' | 'writing' | 'committing';
  readonly filesDone: number;
  readonly filesTotal: number;
  readonly bytesDone: number;
  readonly bytesTotal: number;
  /** The file being read or written, when known. */
  readonly current: string | null;
  readonly elapsedMs: number;
}

/** Bytes per second so far, and the time left at that rate (null until there is a rate). */
export function throughput(progress: IngestProgress): { bytesPerSecond: number; etaMs: number | null } {
  const seconds = progress.elapsedMs / 1000;
  const bytesPerSecond = seconds > 0 ? progress.bytesDone / seconds : 0;
  const left = Math.max(0, progress.bytesTotal - progress.bytesDone);
  const etaMs = bytesPerSecond > 0 && seconds >= 0.5 ? (left / bytesPerSecond) * 1000 : null;
  return { bytesPerSecond, etaMs };
}

export { cumulativeSizes, filesWrittenAt } from '../../store/ingest/written-files';
