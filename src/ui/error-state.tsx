import { Button } from './button';
import { cn } from './cn';

/** Anything with a message; AppError fits (ui does not import the domain). */
export type DisplayableError = { readonly message: string; readonly code?: string };

type ErrorStateProps = {
  error: DisplayableError | null | undefined;
  title?: string;
  /** What the user can do next, shown under the message ("Run Verify to check the stored files."). */
  hint?: string;
  /** Shows a "Try again" button when given. */
  onRetry?: () => void;
  className?: string;
};

export function ErrorState({ error, title = 'Something went wrong', hint, onRetry, className }: ErrorStateProps) {
  return (
    <div
      role="alert"
      className={cn(
        'm-4 rounded-lg border border-red-200 bg-red-50 p-4 text-sm dark:border-red-900/60 dark:bg-red-950/40',
        className,
      )}
    >
      <p className="font-semibold text-red-800 dark:text-red-300">{title}</p>
      <p className="mt-1 break-words text-red-700 dark:text-red-300/90">{error?.message ?? 'Unknown error.'}</p>
      {hint && <p className="mt-1 text-red-700 dark:text-red-300/90">{hint}</p>}
      {error?.code && <p className="mt-1 font-mono text-xs text-red-600/80 dark:text-red-400/70">{error.code}</p>}
      {onRetry && (
        <Button size="sm" className="mt-3" onClick={onRetry}>
          Try again
        </Button>
      )}
    </div>
  );
}
