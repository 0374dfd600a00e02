export type ToastTone = 'info' | 'success' | 'error';

export type Toast = {
  readonly id: number;
  readonly tone: ToastTone;
  readonly title: string;
  readonly message?: string;
  /** One button in the toast (e.g. Undo); clicking it runs `onAction` and closes the toast. */
  readonly action?: { readonly label: string; readonly onAction: () => void };
};

export type ToastInput = Omit<Toast, 'id'> & { /** ms before it closes by itself; 0 keeps it. */ durationMs?: number };

/**
 * A tiny observable list of toasts. It lives outside React so that non-component code (the
 * QueryClient's MutationCache) can raise toasts; components read it with useSyncExternalStore.
 */
export type ToastStore = {
  show: (input: ToastInput) => number;
  dismiss: (id: number) => void;
  subscribe: (listener: () => void) => () => void;
  getSnapshot: () => readonly Toast[];
};

export function createToastStore(): ToastStore {
  let toasts: readonly Toast[] = [];
  let nextId = 1;
  const listeners = new Set<() => void>();
  const emit = () => listeners.forEach((listener) => listener());

  const dismiss = (id: number) => {
    toasts = toasts.filter((toast) => toast.id !== id);
    emit();
  };

  return {
    show({ durationMs, ...toast }) {
      const id = nextId++;
      toasts = [...toasts.slice(-4), { ...toast, id }];
      emit();
      const duration = durationMs ?? (toast.tone === 'error' ? 8000 : 4000);
      if (duration > 0) setTimeout(() => dismiss(id), duration);
      return id;
    },
    dismiss,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => toasts,
  };
}
