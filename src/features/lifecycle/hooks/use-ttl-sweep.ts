import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { toAppError } from '../../../domain/errors';
import { announceChange } from '../../../store/change-channel';
import { invalidateMutable } from '../../../store/queries';
import { useStore } from '../../../store/store-context';
import { useToast } from '../../../ui/toast';

/** How often expired versions are looked for while the app runs. */
const TTL_SWEEP_MS = 60_000;

/**
 * A background job, not a user action: deletes expired versions when the app starts and every
 * minute after (versions holding aliases are kept; their page says why). Other tabs hear of it
 * only when something was deleted.
 */
export function useTtlSweep(): void {
  const store = useStore();
  const qc = useQueryClient();
  const toasts = useToast();

  useEffect(() => {
    let stopped = false;
    const sweep = async () => {
      try {
        const result = await store.expireVersions();
        if (stopped || result.deleted.length === 0) return;
        announceChange(store.id);
        await invalidateMutable(qc, store);
        toasts.show({
          tone: 'info',
          title: `Deleted ${result.deleted.length} expired ${result.deleted.length === 1 ? 'version' : 'versions'}`,
          message: result.deleted.join(', '),
        });
      } catch (error) {
        const appError = toAppError(error);
        // A read-only store (e.g. S3 without conditional writes) cannot expire anything: not an error to repeat.
        if (!stopped && appError.code !== 'read-only') toasts.show({ tone: 'error', title: 'Could not delete expired versions', message: appError.message });
      }
    };
    void sweep();
    const timer = setInterval(() => void sweep(), TTL_SWEEP_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [store, qc, toasts]);
}
