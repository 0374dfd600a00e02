import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ArtifactId, RunId, VersionId } from '../../../domain/types';
import { parseVersionId } from '../../../domain/types';
import type { DeleteRunOptions } from '../../../store/artifact-store';
import { invalidateArtifact, invalidateStore } from '../../../store/queries';
import { useStore } from '../../../store/store-context';

function artifactOf(id: VersionId): ArtifactId {
  const parts = parseVersionId(id);
  return (parts ? `${parts.project}/${parts.artifactName}` : id) as ArtifactId;
}

/** Put `alias` on a version (moving it); `confirmProtected` after a typed confirmation. */
export function useSetAlias() {
  const store = useStore();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { versionId: VersionId; alias: string; confirmProtected?: boolean }) =>
      store.setAlias(input.versionId, input.alias, { confirmProtected: input.confirmProtected === true }),
    onSuccess: (_r, input) => invalidateArtifact(qc, store, artifactOf(input.versionId)),
    meta: { errorTitle: 'Could not set the alias' },
  });
}

export function useRemoveAlias() {
  const store = useStore();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { artifactId: ArtifactId; alias: string; confirmProtected?: boolean }) =>
      store.removeAlias(input.artifactId, input.alias, { confirmProtected: input.confirmProtected === true }),
    onSuccess: (_r, input) => invalidateArtifact(qc, store, input.artifactId),
    meta: { errorTitle: 'Could not remove the alias' },
  });
}

export function useSetAliasProtected() {
  const store = useStore();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { artifactId: ArtifactId; alias: string; isProtected: boolean }) =>
      store.setAliasProtected(input.artifactId, input.alias, input.isProtected),
    onSuccess: (_r, input) => invalidateArtifact(qc, store, input.artifactId),
    meta: { errorTitle: 'Could not change the protection' },
  });
}

/** Deletes versions (all or nothing). Errors are shown by the caller (alias-held offers a follow-up). */
export function useDeleteVersions() {
  const store = useStore();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { versionIds: readonly VersionId[]; dropAliases?: boolean }) =>
      store.deleteVersions(input.versionIds, { dropAliases: input.dropAliases === true }),
    // Not awaited: the caller navigates away from the deleted version first, so the page does
    // not flash "was deleted" while the lists refetch.
    onSuccess: (_r, input) => {
      for (const a of new Set(input.versionIds.map(artifactOf))) void invalidateArtifact(qc, store, a);
    },
    meta: { silent: true },
  });
}

export function useSetTtl() {
  const store = useStore();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { versionId: VersionId; ttlSeconds: number | null }) => store.updateVersion(input.versionId, { ttlSeconds: input.ttlSeconds }),
    onSuccess: (_r, input) => invalidateArtifact(qc, store, artifactOf(input.versionId)),
    meta: { errorTitle: 'Could not set the time to live' },
  });
}

export function useDeleteRun() {
  const store = useStore();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { runId: RunId } & DeleteRunOptions) => store.deleteRun(input.runId, input),
    onSuccess: () => {
      void invalidateStore(qc, store);
    },
    meta: { silent: true },
  });
}
