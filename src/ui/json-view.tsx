import { cn } from './cn';

type JsonViewProps = {
  /** Written with JSON.stringify; pass `text` instead for JSON already written (exact numbers). */
  value?: unknown;
  text?: string;
  className?: string;
  'aria-label'?: string;
};

/** Pretty-printed JSON (2-space indent) in a scrollable, monospaced block. */
export function JsonView({ value, text, className, 'aria-label': ariaLabel }: JsonViewProps) {
  return (
    <pre
      aria-label={ariaLabel}
      className={cn(
        'overflow-auto rounded-md border border-slate-200 bg-slate-50 p-3 font-mono text-xs leading-relaxed text-slate-800',
        'dark:border-slate-800 dark:bg-slate-900 dark:text-slate-200',
        className,
      )}
    >
      {text ?? JSON.stringify(value, null, 2)}
    </pre>
  );
}
