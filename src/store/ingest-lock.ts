/**
 * A Web Lock shared by every tab that is writing blobs for a commit. Start-up garbage
 * collection takes it exclusively and only if nobody holds it, so a new tab never collects the
 * staged blobs of an upload another tab is committing right now.
 */
const INGEST_LOCK = 'artifact-studio:ingest';

function locks(): LockManager | null {
  return typeof navigator !== 'undefined' && navigator.locks ? navigator.locks : null;
}

/** Runs `body` while holding the ingest lock in shared mode (many uploads may run at once). */
export async function withIngestLock<T>(body: () => Promise<T>): Promise<T> {
  const manager = locks();
  if (!manager) return body();
  return manager.request(INGEST_LOCK, { mode: 'shared' }, body);
}

/**
 * Takes the ingest lock in shared mode until the returned function is called: for an upload
 * that stages blobs over a longer time than one call (while its files are still being hashed).
 */
export async function holdIngestLock(): Promise<() => void> {
  const manager = locks();
  if (!manager) return () => undefined;
  return new Promise((granted) => {
    void manager.request(INGEST_LOCK, { mode: 'shared' }, () => new Promise<void>((release) => granted(release)));
  });
}

/** Runs `body` only when no upload holds the ingest lock; null when one does. */
export async function whenNoIngest<T>(body: () => Promise<T>): Promise<T | null> {
  const manager = locks();
  if (!manager) return body();
  return manager.request(INGEST_LOCK, { mode: 'exclusive', ifAvailable: true }, async (lock) => (lock ? body() : null));
}
