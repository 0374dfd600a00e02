import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback, useRef, useState } from 'react';
import { toAppError } from '../../../domain/errors';
import { artifactIdOf } from '../../../domain/types';
import type { CommitResult } from '../../../store/artifact-store';
import { invalidateAfterCommit } from '../../../store/queries';
import { useStore } from '../../../store/store-context';
import { hrefs } from '../../../ui/hrefs';
import { navigate } from '../../../ui/navigation';
import { useToast } from '../../../ui/toast';
import type { BlobStager } from '../blob-stager';
import { commitDraft, requestPersistentStorage } from '../commit-draft';
import type { CommitDraftInput } from '../commit-draft';
import type { IngestProgress } from '../ingest-progress';
import { uploadErrorTitle } from '../upload-errors';

const RENDER_EVERY_MS = 150;

/**
 * Commits a draft: writes the new blobs (with progress), logs the version, refreshes what
 * shows the artifact, opens the new version and says so in a toast. `cancel()` aborts and
 * leaves nothing behind. Errors are toasted here, except a cancel the user asked for.
 */
export function useCommitDraft(onDone: () => void, stager: () => BlobStager | null) {
  const store = useStore();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [progress, setProgress] = useState<IngestProgress | null>(null);
  const controller = useRef<AbortController | null>(null);

  const mutation = useMutation({
    meta: { silent: true },
    mutationFn: async (input: CommitDraftInput): Promise<CommitResult> => {
      requestPersistentStorage();
      const abort = new AbortController();
      controller.current = abort;
      const startedAt = performance.now();
      let last = 0;
      let lastPhase: IngestProgress['phase'] | null = null;
      try {
        return await commitDraft(store, input, {
          signal: abort.signal,
          stager: stager(),
          onProgress: (p) => {
            const now = performance.now();
            // Throttle byte counts, never a new phase: the user sees (and can cancel) each step.
            if (p.phase === lastPhase && p.phase === 'writing' && p.bytesDone < p.bytesTotal && now - last < RENDER_EVERY_MS) return;
            last = now;
            lastPhase = p.phase;
            setProgress({ ...p, elapsedMs: now - startedAt });
          },
        });
      } finally {
        controller.current = null;
        setProgress(null);
      }
    },
    onSuccess: async (result, input) => {
      await invalidateAfterCommit(queryClient, store, artifactIdOf(input.project, input.artifactName));
      const { version, created } = result;
      const name = `${version.artifactName}:v${version.index}`;
      toast.show(
        created
          ? { tone: 'success', title: `Logged ${name}`, message: `${version.fileCount} files` }
          : { tone: 'success', title: `No new version: identical to ${name}`, message: input.aliases.length > 0 ? `Added ${input.aliases.join(', ')} to it.` : undefined },
      );
      onDone();
      navigate(hrefs.version(version.project, version.artifactName, `v${version.index}`));
    },
    onError: (error) => {
      const appError = toAppError(error);
      if (appError.code !== 'cancelled') toast.show({ tone: 'error', title: uploadErrorTitle(appError), message: appError.message });
    },
  });

  const cancel = useCallback(() => controller.current?.abort(), []);
  return { commit: mutation.mutate, pending: mutation.isPending, error: mutation.error, reset: mutation.reset, progress, cancel };
}
