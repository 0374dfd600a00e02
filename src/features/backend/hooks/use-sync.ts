import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import type { ArtifactId } from '../../../domain/types';
import type { ArtifactStore } from '../../../store/artifact-store';
import type { SyncProgress } from '../sync-artifact';
import { syncArtifact } from '../sync-artifact';

export interface SyncRequest {
  source: ArtifactStore;
  target: ArtifactStore;
  artifactId: ArtifactId;
}

/** Runs one artifact sync with progress and cancel; the target's queries are refreshed when it ends. */
export function useSync() {
  const queryClient = useQueryClient();
  const [progress, setProgress] = useState<SyncProgress | null>(null);
  const controller = useRef<AbortController | null>(null);
  const mutation = useMutation({
    mutationFn: async (request: SyncRequest) => {
      const abort = new AbortController();
      controller.current = abort;
      setProgress(null);
      return syncArtifact({ ...request, signal: abort.signal, onProgress: setProgress });
    },
    meta: { silent: true },
    // Everything the target shows may have changed (versions, aliases, runs, usage).
    onSettled: () => queryClient.invalidateQueries(),
  });
  return {
    ...mutation,
    progress,
    cancel: () => controller.current?.abort(),
  };
}
