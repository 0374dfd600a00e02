import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ArtifactId, VersionId } from '../../../domain/types';
import { parseVersionId } from '../../../domain/types';
import { ttlSecondsToDays } from '../../../domain/aliases';
import { forgetVersions, invalidateArtifact } from '../../../store/queries';
import { useStore } from '../../../store/store-context';
import { useToast } from '../../../ui/toast';

function artifactOf(id: VersionId): ArtifactId {
  const parts = parseVersionId(id);
  return (parts ? `${parts.project}/${parts.artifactName}` : id) as ArtifactId;
}

function versionLabel(id: VersionId): string {
  const parts = parseVersionId(id);
  return parts ? `v${parts.index}` : id;
}

/**
 * Every alias mutation ends with a toast; one the user can take back offers Undo, which runs the
 * inverse change (an undo itself is announced without a further Undo). Undo confirms protection
 * on the user's behalf: they confirmed (or made) the very change it reverses.
 */
type Undoable = { isUndo?: boolean };

/**
 * Put an alias on a version (`set`, moving it) or take it off the artifact (`remove`);
 * `confirmProtected` after a typed confirmation. `previous` / `from` name the version that held
 * it, so that Undo can put it back there (a set without `previous` is undone by removing).
 */
export function useAliasMutations() {
  const store = useStore();
  const qc = useQueryClient();
  const toasts = useToast();
  const set = useMutation({
    mutationFn: (input: { versionId: VersionId; alias: string; confirmProtected?: boolean; previous?: VersionId } & Undoable) =>
      store.setAlias(input.versionId, input.alias, { confirmProtected: input.confirmProtected === true }),
    onSuccess: (_r, input) => {
      const { alias, versionId, previous } = input;
      if (input.isUndo) {
        toasts.show({ tone: 'info', title: `Undone: ${alias} is back on ${versionLabel(versionId)}` });
      } else {
        toasts.show({
          tone: 'success',
          title: previous ? `Moved ${alias} from ${versionLabel(previous)} to ${versionLabel(versionId)}` : `Added ${alias} to ${versionLabel(versionId)}`,
          action: {
            label: 'Undo',
            onAction: () =>
              previous
                ? set.mutate({ versionId: previous, alias, confirmProtected: true, isUndo: true })
                : remove.mutate({ artifactId: artifactOf(versionId), alias, confirmProtected: true, isUndo: true }),
          },
        });
      }
      return invalidateArtifact(qc, store, artifactOf(versionId));
    },
    meta: { errorTitle: 'Could not set the alias' },
  });
  const remove = useMutation({
    mutationFn: (input: { artifactId: ArtifactId; alias: string; confirmProtected?: boolean; from?: VersionId } & Undoable) =>
      store.removeAlias(input.artifactId, input.alias, { confirmProtected: input.confirmProtected === true }),
    onSuccess: (_r, input) => {
      const { alias, from } = input;
      if (input.isUndo) {
        toasts.show({ tone: 'info', title: `Undone: ${alias} removed again` });
      } else {
        toasts.show({
          tone: 'success',
          title: from ? `Removed ${alias} from ${versionLabel(from)}` : `Removed ${alias}`,
          action: from ? { label: 'Undo', onAction: () => set.mutate({ versionId: from, alias, confirmProtected: true, isUndo: true }) } : undefined,
        });
      }
      return invalidateArtifact(qc, store, input.artifactId);
    },
    meta: { errorTitle: 'Could not remove the alias' },
  });
  return { set, remove };
}

export function useSetAliasProtected() {
  const store = useStore();
  const qc = useQueryClient();
  const toasts = useToast();
  const mutation = useMutation({
    mutationFn: (input: { artifactId: ArtifactId; alias: string; isProtected: boolean } & Undoable) =>
      store.setAliasProtected(input.artifactId, input.alias, input.isProtected),
    onSuccess: (_r, input) => {
      const { artifactId, alias, isProtected } = input;
      const title = isProtected ? `${alias} is protected` : `${alias} is no longer protected`;
      toasts.show(
        input.isUndo
          ? { tone: 'info', title: `Undone: ${title}` }
          : { tone: 'success', title, action: { label: 'Undo', onAction: () => mutation.mutate({ artifactId, alias, isProtected: !isProtected, isUndo: true }) } },
      );
      return invalidateArtifact(qc, store, artifactId);
    },
    meta: { errorTitle: 'Could not change the protection' },
  });
  return mutation;
}

/** Deletes versions (all or nothing). Errors are shown by the caller (alias-held offers a follow-up). */
export function useDeleteVersions() {
  const store = useStore();
  const qc = useQueryClient();
  const toasts = useToast();
  return useMutation({
    mutationFn: (input: { versionIds: readonly VersionId[]; dropAliases?: boolean; onDeleted?: () => void }) =>
      store.deleteVersions(input.versionIds, { dropAliases: input.dropAliases === true }),
    // The deleted versions' queries are dropped, not refetched, and the caller leaves their page
    // before the lists refetch: a refetch of the page it stands on would fail and say so.
    onSuccess: (_r, input) => {
      forgetVersions(qc, store, input.versionIds);
      input.onDeleted?.();
      const names = input.versionIds.map((id) => parseVersionId(id)).map((p, i) => (p ? `${p.artifactName}:v${p.index}` : (input.versionIds[i] ?? '')));
      // No Undo: the freed bytes are gone and version numbers are never reused.
      toasts.show({ tone: 'success', title: names.length === 1 ? `Deleted ${names[0] ?? ''}` : `Deleted ${names.length} versions`, message: names.length > 1 ? names.join(', ') : undefined });
      for (const a of new Set(input.versionIds.map(artifactOf))) void invalidateArtifact(qc, store, a);
    },
    meta: { silent: true },
  });
}

/** Sets or clears a version's time to live; `previous` is the value before (Undo restores it). */
export function useSetTtl() {
  const store = useStore();
  const qc = useQueryClient();
  const toasts = useToast();
  const mutation = useMutation({
    mutationFn: (input: { versionId: VersionId; ttlSeconds: number | null; previous: number | null } & Undoable) =>
      store.updateVersion(input.versionId, { ttlSeconds: input.ttlSeconds }),
    onSuccess: (_r, input) => {
      const { versionId, ttlSeconds, previous } = input;
      const title = ttlSeconds === null ? `${versionLabel(versionId)} is kept until deleted` : `Time to live of ${versionLabel(versionId)} set to ${ttlSecondsToDays(ttlSeconds)} days`;
      toasts.show(
        input.isUndo
          ? { tone: 'info', title: `Undone: ${title}` }
          : { tone: 'success', title, action: { label: 'Undo', onAction: () => mutation.mutate({ versionId, ttlSeconds: previous, previous: ttlSeconds, isUndo: true }) } },
      );
      return invalidateArtifact(qc, store, artifactOf(versionId));
    },
    meta: { errorTitle: 'Could not set the time to live' },
  });
  return mutation;
}
