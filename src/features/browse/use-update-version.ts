import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { VersionPatch } from '../../store/artifact-store';
import type { ArtifactVersion } from '../../domain/types';
import { invalidateArtifact } from '../../store/queries';
import { useStore } from '../../store/store-context';
import { useToast } from '../../ui/toast';

/** The fields a patch would change, as they are now (what Undo writes back). */
function previousOf(version: ArtifactVersion, patch: VersionPatch): VersionPatch {
  const before: VersionPatch = {};
  if (patch.description !== undefined) before.description = version.description;
  if (patch.metadata !== undefined) before.metadata = version.metadata;
  if (patch.tags !== undefined) before.tags = [...version.tags];
  return before;
}

/**
 * Saves an edit of a version and offers Undo in the success toast. The store validates the
 * patch (AppError on refusal); `mutateAsync` rejects so the editor can show the message inline.
 */
export function useUpdateVersion(version: ArtifactVersion) {
  const store = useStore();
  const queryClient = useQueryClient();
  const toast = useToast();

  const mutation = useMutation({
    meta: { silent: true },
    mutationFn: (patch: VersionPatch) => store.updateVersion(version.id, patch),
    onSuccess: (updated) => invalidateArtifact(queryClient, store, updated.artifactId),
  });
  const undo = useMutation({
    meta: { errorTitle: 'Undo failed' },
    mutationFn: (input: { patch: VersionPatch; what: string }) => store.updateVersion(version.id, input.patch),
    onSuccess: async (updated, { what }) => {
      await invalidateArtifact(queryClient, store, updated.artifactId);
      toast.show({ tone: 'info', title: `Restored the ${what} of ${updated.artifactName}:v${updated.index}` });
    },
  });

  const save = async (patch: VersionPatch, what: string): Promise<void> => {
    const before = previousOf(version, patch);
    await mutation.mutateAsync(patch);
    toast.show({
      tone: 'success',
      title: `Saved the ${what} of ${version.artifactName}:v${version.index}`,
      action: { label: 'Undo', onAction: () => undo.mutate({ patch: before, what }) },
      durationMs: 8000,
    });
  };

  return { save, saving: mutation.isPending };
}
