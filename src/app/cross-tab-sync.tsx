import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTtlSweep } from '../features/lifecycle/hooks/use-ttl-sweep';
import { announceChange, subscribeToChanges } from '../store/change-channel';
import { invalidateMutable } from '../store/queries';
import { useStore } from '../store/store-context';

/**
 * Keeps tabs of the app in step: every successful mutation here is announced on the
 * 'artifact-studio' BroadcastChannel, and an announcement from another tab for the same store
 * refetches this tab's queries. Also runs the TTL expiry in the background. Renders nothing.
 */
export function BackgroundSync() {
  const queryClient = useQueryClient();
  const store = useStore();
  useTtlSweep();

  useEffect(() => {
    const stopListening = subscribeToChanges((message) => {
      if (message.storeId === store.id) void invalidateMutable(queryClient, store);
    });
    const stopAnnouncing = queryClient.getMutationCache().subscribe((event) => {
      if (event.type === 'updated' && event.action.type === 'success') announceChange(store.id);
    });
    return () => {
      stopListening();
      stopAnnouncing();
    };
  }, [queryClient, store]);

  return null;
}
