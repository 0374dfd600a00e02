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
