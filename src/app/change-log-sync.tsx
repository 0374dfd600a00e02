import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { changeFeedOf } from '../store/change-feed';
import { ChangeFollower } from '../store/change-follower';
import { invalidateChanges, invalidateMutable } from '../store/queries';
import { useStore } from '../store/store-context';

/** How often an open project's change log is read while the tab is visible, and while hidden. */
export const CHANGE_POLL_VISIBLE_MS = 2_000;
export const CHANGE_POLL_HIDDEN_MS = 60_000;

/**
 * Follows other writers on a shared store (other browsers, the CLI, jobs): one conditional read
 * of the open project's change log per interval (a 304 while nothing changed), then refetches
 * exactly what changed. Polls right away when the tab becomes visible. Renders nothing.
 */
export function ChangeLogSync({ project }: { project: string }) {
  const queryClient = useQueryClient();
  const store = useStore();

  useEffect(() => {
    const feed = changeFeedOf(store);
    if (!feed) return;
    const follower = new ChangeFollower(feed, project);
    let stopped = false;
    let polling = false;
    let timer: ReturnType<typeof setTimeout> | undefined;

    const schedule = () => {
      clearTimeout(timer);
      if (!stopped) timer = setTimeout(() => void poll(), document.visibilityState === 'hidden' ? CHANGE_POLL_HIDDEN_MS : CHANGE_POLL_VISIBLE_MS);
    };
    const poll = async () => {
      if (polling || stopped) return;
      polling = true;
      try {
        const result = await follower.poll();
        if (stopped) return;
        if (result.kind === 'missed') await invalidateMutable(queryClient, store);
        else if (result.entries.length > 0) await invalidateChanges(queryClient, store, result.entries);
      } catch {
        // Unreachable for now: the next poll tries again, and the pages show their own errors.
      } finally {
        polling = false;
        schedule();
      }
    };
    const onVisibility = () => {
      if (document.visibilityState === 'visible') void poll();
      else schedule();
    };

    void poll();
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      stopped = true;
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [queryClient, store, project]);

  return null;
}
