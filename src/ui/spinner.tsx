import { cn } from './cn';

type SpinnerProps = {
  className?: string;
  /** Accessible label; the spinner is decorative when omitted. */
  label?: string;
};

export function Spinner({ className, label }: SpinnerProps) {
  return (
    <span
      role={label ? 'status' : undefined}
      aria-label={label}
      aria-hidden={label ? undefined : true}
      className={cn(
        'inline-block size-4 shrink-0 animate-spin rounded-full border-2 border-current border-r-transparent',
        className,
      )}
    />
  );
}

type LoadingStateProps = { label?: string };

/** A centred spinner with a caption, for a pane whose data is loading. */
export function LoadingState({ label = 'Loading…' }: LoadingStateProps) {
  return (
    <div className="flex items-center gap-2 p-6 text-sm text-slate-500 dark:text-slate-400">
      <Spinner label={label} />
      <span>{label}</span>
    </div>
  );
}
