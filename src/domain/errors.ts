/** Every failure the domain or a store reports is an AppError with a stable code. */
export type AppErrorCode =
  | 'invalid-name'
  | 'invalid-type'
  | 'invalid-alias'
  | 'invalid-tag'
  | 'invalid-metadata'
  | 'invalid-path'
  | 'invalid-manifest'
  | 'invalid-description'
  | 'invalid-zip'
  | 'invalid-config'
  | 'invalid-json'
  | 'type-mismatch'
  | 'duplicate-path'
  | 'not-found'
  | 'conflict'
  | 'alias-held'
  | 'alias-protected'
  | 'missing-blob'
  | 'digest-mismatch'
  | 'quota-exceeded'
  | 'schema-too-new'
  | 'read-only'
  | 'network'
  | 'cancelled'
  | 'internal';

export interface AppErrorOptions {
  cause?: unknown;
  /** Structured facts for the UI, e.g. { needed: 123, available: 45 } for quota errors. */
  details?: Record<string, unknown>;
}

export class AppError extends Error {
  override readonly name = 'AppError';
  readonly code: AppErrorCode;
  readonly details: Record<string, unknown>;

  constructor(code: AppErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.details = options.details ?? {};
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** Turns anything thrown into an AppError, keeping AppErrors as they are. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof Error) return new AppError('internal', error.message, { cause: error });
  return new AppError('internal', String(error));
}
