import { AppError, toAppError } from '../../domain/errors';
import { formatBytes } from '../../domain/format';

/** What `navigator.storage.estimate()` answers (fields may be missing). */
export interface StorageEstimateLike {
  readonly quota?: number;
  readonly usage?: number;
}

/** Bytes the browser still lets the app use, or null when it does not say. */
export function availableBytes(estimate: StorageEstimateLike | null): number | null {
  if (!estimate || estimate.quota === undefined) return null;
  return Math.max(0, estimate.quota - (estimate.usage ?? 0));
}

/** The quota refusal the UI shows: how much the upload needs and how much the browser gives. */
export function quotaError(needed: number, estimate: StorageEstimateLike | null, cause?: unknown): AppError {
  const available = availableBytes(estimate);
  const space =
    available === null
      ? 'the browser does not say how much space it gives this app'
      : `the browser gives this app ${formatBytes(available)} more (${formatBytes(estimate?.quota ?? 0)} in all, ${formatBytes(estimate?.usage ?? 0)} used)`;
  return new AppError(
    'quota-exceeded',
    `This upload needs ${formatBytes(needed)} of new storage, but ${space}. Delete versions you no longer need, or free disk space, then try again.`,
    { cause, details: { needed, available, quota: estimate?.quota ?? null, usage: estimate?.usage ?? null } },
  );
}

/** True for the browser's and the store's ways of saying "storage is full". */
export function isQuotaError(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e !== undefined && e !== null && depth < 5; depth++) {
    if (e instanceof AppError && e.code === 'quota-exceeded') return true;
    if (e instanceof DOMException && e.name === 'QuotaExceededError') return true;
    if (e instanceof Error && e.name === 'QuotaExceededError') return true;
    e = e instanceof Error ? e.cause : undefined;
  }
  return false;
}

/** Any failure of an upload as an AppError whose message tells the user what to do. */
export function toUploadError(error: unknown, needed: number, estimate: StorageEstimateLike | null): AppError {
  if (isQuotaError(error)) return quotaError(needed, estimate, error);
  const appError = toAppError(error);
  if (appError.code === 'missing-blob') {
    return new AppError(
      'missing-blob',
      `${appError.message}. The stored bytes of a file disappeared before the commit (another tab may have cleaned up); try the upload again.`,
      { cause: error, details: appError.details },
    );
  }
  return appError;
}

/** A short title for an upload error toast or banner. */
export function uploadErrorTitle(error: AppError): string {
  switch (error.code) {
    case 'quota-exceeded':
      return 'Not enough storage for this upload';
    case 'cancelled':
      return 'Upload cancelled';
    case 'not-found':
      return 'A file could not be read';
    case 'type-mismatch':
      return 'The artifact has another type';
    default:
      return 'The upload failed';
  }
}
