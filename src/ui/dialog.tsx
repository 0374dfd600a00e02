import { useEffect, useRef } from 'react';
import type { ReactNode } from 'react';
import { cn } from './cn';

type DialogProps = {
  open: boolean;
  onClose: () => void;
  title: string;
  description?: ReactNode;
  children?: ReactNode;
  /** Buttons, right-aligned at the bottom. */
  footer?: ReactNode;
  className?: string;
};

/**
 * A modal on the native <dialog> element: focus trapping, Escape and the top layer come from
 * the browser. The effect only mirrors `open` into showModal()/close() — no data fetching.
 */
export function Dialog({ open, onClose, title, description, children, footer, className }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      // showModal focuses the first focusable element, which may be a link out of the page
      dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    }
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      aria-label={title}
      onClose={onClose}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      onClick={(event) => {
        if (event.target === event.currentTarget) onClose();
      }}
      className={cn(
        'm-auto max-h-[calc(100dvh-2rem)] w-[32rem] max-w-[calc(100vw-2rem)] overflow-hidden rounded-xl border border-slate-200 bg-white p-0 text-slate-900 shadow-2xl',
        'backdrop:bg-slate-950/40 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100',
        className,
      )}
    >
      {open && (
        // Only the body scrolls: the title and the footer's buttons (Commit, Close) stay in view.
        <div className="flex max-h-[calc(100dvh-2rem-2px)] flex-col gap-4 p-5">
          <header className="shrink-0">
            <h2 className="text-base font-semibold">{title}</h2>
            {description && <div className="mt-1 text-sm text-slate-600 dark:text-slate-400">{description}</div>}
          </header>
          {children !== undefined && <div className="-m-1 flex min-h-0 flex-1 flex-col gap-4 overflow-y-auto p-1">{children}</div>}
          {footer && <footer className="flex shrink-0 justify-end gap-2">{footer}</footer>}
        </div>
      )}
    </dialog>
  );
}
