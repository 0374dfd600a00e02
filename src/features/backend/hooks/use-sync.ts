import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import type { ArtifactId } from '../../../domain/types';
import type { ArtifactStore } from '../../../store/artifact-store';
import type { SyncProgress } from '../sync-artifact';
import { syncArtifact, syncProject } from '../sync-artifact';

/** One artifact, or (`project`) every artifact of a project. */
export type SyncRequest = { source: ArtifactStore; target: ArtifactStore } & ({ artifactId: ArtifactId } | { project: string });

/** Runs one sync (an artifact or a whole project) with progress and cancel; the target's queries are refreshed when it ends. */
export function useSync() {
  const queryClient = useQueryClient();
  const [progress, setProgress] = useState<SyncProgress | null>(null);
  const controller = useRef<AbortController | null>(null);
  const mutation = useMutation({
    mutationFn: async (request: SyncRequest) => {
      const abort = new AbortController();
      controller.current = abort;
      setProgress(null);
      const common = { source: request.source, target: request.target, signal: abort.signal, onProgress: setProgress };
      return 'project' in request ? syncProject({ ...common, project: request.project }) : syncArtifact({ ...common, artifactId: request.artifactId });
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
