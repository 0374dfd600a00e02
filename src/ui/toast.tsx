import { createContext, use, useSyncExternalStore } from 'react';
import type { ReactNode } from 'react';
import { cn } from './cn';
import type { ToastStore, ToastTone } from './toast-store';

const ToastContext = createContext<ToastStore | null>(null);

type ToastProviderProps = { store: ToastStore; children: ReactNode };

export function ToastProvider({ store, children }: ToastProviderProps) {
  return (
    <ToastContext value={store}>
      {children}
      <Toaster />
    </ToastContext>
  );
}

/** `const toast = useToast(); toast.show({ tone: 'success', title: 'Saved' })`. */
export function useToast(): ToastStore {
  const store = use(ToastContext);
  if (!store) throw new Error('useToast() needs a <ToastProvider> above it');
  return store;
}

const tones: Record<ToastTone, string> = {
  info: 'border-slate-200 dark:border-slate-700',
  success: 'border-emerald-300 dark:border-emerald-800',
  error: 'border-red-300 dark:border-red-800',
};

const dots: Record<ToastTone, string> = {
  info: 'bg-slate-400',
  success: 'bg-emerald-500',
  error: 'bg-red-500',
};

function Toaster() {
  const store = useToast();
  const toasts = useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
  return (
    <div
      aria-live="polite"
      className="pointer-events-none fixed right-4 bottom-4 z-50 flex w-96 max-w-[calc(100vw-2rem)] flex-col gap-2"
    >
      {toasts.map((toast) => (
        <div
          key={toast.id}
          role={toast.tone === 'error' ? 'alert' : 'status'}
          className={cn(
            'pointer-events-auto flex gap-3 rounded-lg border bg-white p-3 text-sm shadow-lg dark:bg-slate-900',
            tones[toast.tone],
          )}
        >
          <span className={cn('mt-1.5 size-2 shrink-0 rounded-full', dots[toast.tone])} />
          <div className="min-w-0 flex-1">
            <p className="font-medium text-slate-900 dark:text-slate-100">{toast.title}</p>
            {toast.message && (
              <p className="mt-0.5 break-words text-slate-600 dark:text-slate-400">{toast.message}</p>
            )}
          </div>
          {toast.action && (
            <button
              type="button"
              onClick={() => {
                toast.action?.onAction();
                store.dismiss(toast.id);
              }}
              className="self-start rounded px-1.5 py-0.5 text-sm font-semibold text-indigo-700 hover:bg-indigo-50 dark:text-indigo-300 dark:hover:bg-indigo-950"
            >
              {toast.action.label}
            </button>
          )}
          <button
            type="button"
            aria-label="Dismiss"
            onClick={() => store.dismiss(toast.id)}
            className="self-start rounded px-1 text-slate-500 hover:text-slate-700 dark:hover:text-slate-200 dark:text-slate-400"
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
