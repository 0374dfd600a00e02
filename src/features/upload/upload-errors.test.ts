import { describe, expect, it } from 'vitest';
import { AppError } from '../../domain/errors';
import { availableBytes, isQuotaError, quotaError, toUploadError, uploadErrorTitle } from './upload-errors';

describe('quota errors', () => {
  const detections: { name: string; error: unknown; quota: boolean }[] = [
    { name: 'the DOMException IndexedDB throws', error: new DOMException('full', 'QuotaExceededError'), quota: true },
    { name: "the store's AppError", error: new AppError('quota-exceeded', 'full'), quota: true },
    { name: 'one wrapped as a cause', error: new AppError('internal', 'write failed', { cause: new DOMException('x', 'QuotaExceededError') }), quota: true },
    { name: 'an abort', error: new DOMException('stop', 'AbortError'), quota: false },
    { name: 'another AppError', error: new AppError('conflict', 'busy'), quota: false },
    { name: 'a string', error: 'QuotaExceededError', quota: false },
  ];
  it.each(detections)('recognises $name: $quota', ({ error, quota }) => {
    expect(isQuotaError(error)).toBe(quota);
  });

  const estimates: { name: string; estimate: { quota?: number; usage?: number } | null; available: number | null; text: RegExp }[] = [
    { name: 'quota and usage', estimate: { quota: 2_000_000_000, usage: 1_500_000_000 }, available: 500_000_000, text: /gives this app 500(\.0)? MB more \(2(\.00?)? GB in all, 1\.5 GB used\)/ },
    { name: 'usage above quota', estimate: { quota: 100, usage: 150 }, available: 0, text: /gives this app 0 B more/ },
    { name: 'no estimate', estimate: null, available: null, text: /does not say how much space/ },
  ];
  it.each(estimates)('says needed vs available with $name', ({ estimate, available, text }) => {
    expect(availableBytes(estimate)).toBe(available);
    const error = toUploadError(new DOMException('full', 'QuotaExceededError'), 1_200_000_000, estimate);
    expect(error.code).toBe('quota-exceeded');
    expect(error.message).toMatch(/needs 1\.2 GB of new storage/);
    expect(error.message).toMatch(text);
    expect(error.details).toMatchObject({ needed: 1_200_000_000, available });
    expect(uploadErrorTitle(error)).toBe('Not enough storage for this upload');
  });

  it('keeps other AppErrors and wraps unknown errors', () => {
    const conflict = new AppError('conflict', 'busy');
    expect(toUploadError(conflict, 1, null)).toBe(conflict);
    expect(toUploadError(new Error('boom'), 1, null)).toMatchObject({ code: 'internal', message: 'boom' });
    expect(quotaError(5, null).details).toMatchObject({ needed: 5, available: null });
  });
});
