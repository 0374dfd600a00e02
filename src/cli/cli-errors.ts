import { AppError } from '../domain/errors';

/** A command line that cannot be run as written: exit code 2, like commander's own refusals. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
/** Ends the CLI with this exit code and no further message (e.g. `run` passing on its command's code). */
export class ExitWith extends Error {
  override readonly name = 'ExitWith';
  readonly exitCode: number;

  constructor(exitCode: number, message = `exit ${exitCode}`) {
    super(message);
    this.exitCode = exitCode;
  }
}

/** 128 + SIGINT, as shells report an interrupted command. */
export const EXIT_INTERRUPTED = 130;

/** The exit code for anything thrown by a command. */
/** Invalid names, types, aliases or metadata given on the command line are usage errors. */
const ARGUMENT_ERRORS = new Set(['invalid-name', 'invalid-type', 'invalid-alias', 'invalid-tag', 'invalid-metadata', 'invalid-description']);

export function exitCodeOf(error: unknown): number {
  if (error instanceof ExitWith) return error.exitCode;
  if (error instanceof UsageError) return EXIT_USAGE;
  if (error instanceof AppError && ARGUMENT_ERRORS.has(error.code)) return EXIT_USAGE;
  if (error instanceof AppError && error.code === 'cancelled') return EXIT_INTERRUPTED;
  return EXIT_FAILURE;
}

/** What to do next, for the failures a user can fix from the command line. */
export function hintFor(error: unknown): string | null {
  if (!(error instanceof AppError)) return null;
  switch (error.code) {
    case 'network':
      return 'check the endpoint (AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL) and that the store is running';
    case 'read-only':
      return 'this store can only be read; use a bucket that honours conditional writes (If-None-Match / If-Match)';
    case 'not-found':
      return "list what exists with 'artifact-studio ls [project[/artifact]]'";
    default:
      return null;
  }
}
