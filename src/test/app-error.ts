import { expect } from 'vitest';
import { AppError } from '../domain/errors';
import type { AppErrorCode } from '../domain/errors';

/** The AppError `run` throws; anything else thrown, or nothing, fails the test. */
export function errorOf(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError, nothing was thrown');
}

/** `run` is refused with exactly this code and message. */
export function expectRefusal(run: () => unknown, code: AppErrorCode, message: string): void {
  const error = errorOf(run);
  expect(error.code).toBe(code);
  expect(error.message).toBe(message);
}

/** `promise` rejects with an AppError of this code (and a message matching `message`); returns it. */
export async function expectAppError(promise: Promise<unknown>, code: AppErrorCode, message?: RegExp | string): Promise<AppError> {
  let caught: unknown = null;
  try {
    await promise;
  } catch (error) {
    caught = error;
  }
  expect(caught, `expected AppError '${code}'`).toBeInstanceOf(AppError);
  const error = caught as AppError;
  expect(error.code, error.message).toBe(code);
  if (message !== undefined) expect(error.message).toMatch(message);
  return error;
}
