import { AppError } from '../../domain/errors';

/** Runs `fn` over `items` with at most `limit` calls in flight; results in input order. The first failure rejects. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < items.length) {
      const i = next++;
      try {
        results[i] = await fn(items[i] as T, i);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Full-jitter exponential backoff for compare-and-swap retries: 0..min(cap, base·2^attempt) ms. */
export function casBackoff(attempt: number): number {
  return Math.random() * Math.min(500, 8 * 2 ** Math.min(attempt, 8));
}

export function randomHex(bytes: number): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (b) => b.toString(16).padStart(2, '0')).join('');
}

export function readOnlyError(reason: string): AppError {
  return new AppError('read-only', `this store is open read-only: ${reason}`, { details: { reason } });
}
