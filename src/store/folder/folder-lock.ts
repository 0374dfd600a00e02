/**
 * Per-key locks between processes on one machine: a lock is a file created exclusively
 * (O_EXCL), removed on release. A lock older than `staleMs` belongs to a process that died
 * holding it (locks are held for a few file operations) and is taken over.
 */
import { link, mkdir, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AppError } from '../../domain/errors';
import { randomHex } from '../s3/s3-util';

export interface LockSettings {
  /** A lock file older than this is stale (default 10 s). */
  staleMs: number;
  /** Give up waiting after this long (default 60 s). */
  waitMs: number;
}

function errno(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | null)?.code;
}

function pause(attempt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 1 + Math.random() * Math.min(50, 2 ** attempt)));
}

/** Runs `fn` holding the lock file `path`. */
export async function withLock<T>(path: string, settings: LockSettings, what: string, fn: () => Promise<T>): Promise<T> {
  const token = `${process.pid}-${randomHex(8)}`;
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    try {
      const handle = await open(path, 'wx');
      try {
        await handle.writeFile(token);
      } finally {
        await handle.close();
      }
      break;
    } catch (error) {
      if (errno(error) === 'ENOENT' && attempt === 0) {
        await mkdir(dirname(path), { recursive: true });
        continue;
      }
      if (errno(error) !== 'EEXIST') throw error;
    }
    if (await takeOverIfStale(path, settings.staleMs)) continue;
    if (Date.now() - started > settings.waitMs) {
      throw new AppError('conflict', `${what} stayed locked by another process for ${Math.round(settings.waitMs / 1000)} s (lock file ${path}); try again`, {
        details: { lock: path },
      });
    }
    await pause(attempt);
  }
  try {
    return await fn();
  } finally {
    // Only our own lock is removed: after a takeover (we were presumed dead) it is someone else's.
    const owner = await readFile(path, 'utf8').catch(() => null);
    if (owner === token) await unlink(path).catch(() => undefined);
  }
}

/**
 * Moves a stale lock aside (rename is atomic, so one of several takers wins), then checks that
 * what it moved is still stale; a fresh lock moved by mistake is put back when its place is free.
 */
async function takeOverIfStale(path: string, staleMs: number): Promise<boolean> {
  const info = await stat(path).catch(() => null);
  if (info === null) return true;
  if (Date.now() - info.mtimeMs < staleMs) return false;
  const aside = `${path}.stale-${randomHex(6)}`;
  try {
    await rename(path, aside);
  } catch (error) {
    if (errno(error) === 'ENOENT') return true;
    throw error;
  }
  const moved = await stat(aside).catch(() => null);
  if (moved !== null && Date.now() - moved.mtimeMs < staleMs) {
    await link(aside, path).catch(() => undefined);
    await unlink(aside).catch(() => undefined);
    return false;
  }
  await unlink(aside).catch(() => undefined);
  return true;
}
