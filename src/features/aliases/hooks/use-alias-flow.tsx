import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { ReactNode } from 'react';
import { isProtectedAlias, planAliasChange } from '../../../domain/aliases';
import { toAppError } from '../../../domain/errors';
import type { ArtifactId, ArtifactVersion, VersionId } from '../../../domain/types';
import { artifactQueries, versionQueries } from '../../../store/queries';
import { useStore } from '../../../store/store-context';
import { useToast } from '../../../ui/toast';
import { DeleteVersionsDialog } from '../components/delete-versions-dialog';
import { MoveAliasDialog } from '../components/move-alias-dialog';
import { RemoveAliasDialog } from '../components/remove-alias-dialog';
import { useAliasMutations } from './use-lifecycle-mutations';

type Pending =
  | { kind: 'move'; alias: string; from: ArtifactVersion; to: ArtifactVersion }
  | { kind: 'remove'; alias: string; version: ArtifactVersion }
  | { kind: 'delete'; versionIds: readonly VersionId[]; onDone?: () => void }
  | null;

export interface AliasFlow {
  versions: readonly ArtifactVersion[];
  protectedAliases: readonly string[];
  /** Put `alias` on `target`: adds at once, or asks "move … from vX to vY?" first. */
  requestSet: (alias: string, target: ArtifactVersion) => void;
  /** Removes at once, or asks for the typed name of a protected alias. */
  requestRemove: (alias: string, version: ArtifactVersion) => void;
  requestDelete: (versionIds: readonly VersionId[], onDone?: () => void) => void;
  /** One click back to an earlier holder (protected aliases still ask for their name). */
  rollback: (alias: string, target: ArtifactVersion) => void;
  /** Render this once: the open confirmation, if any. */
  dialogs: ReactNode;
}

/** Alias editing and delete for one artifact, with the confirmations the rules call for. */
export function useAliasFlow(artifactId: ArtifactId): AliasFlow {
  const store = useStore();
  const toasts = useToast();
  const versions = useQuery(versionQueries.list(store, artifactId));
  const artifact = useQuery(artifactQueries.detail(store, artifactId));
  const { set: setAlias, remove: removeAlias } = useAliasMutations();
  const [pending, setPending] = useState<Pending>(null);

  const list = versions.data ?? [];
  const protectedAliases = artifact.data?.protectedAliases ?? [];
  const close = () => setPending(null);

  const requestSet = (alias: string, target: ArtifactVersion) => {
    try {
      const plan = planAliasChange(list, alias, target.index);
      if (plan.kind === 'none') {
        toasts.show({ tone: 'info', title: `v${target.index} already holds ${plan.alias}` });
      } else if (plan.kind === 'add') {
        setAlias.mutate({ versionId: target.id, alias: plan.alias });
      } else {
        const from = list.find((v) => v.index === plan.fromIndex);
        if (from) setPending({ kind: 'move', alias: plan.alias, from, to: target });
      }
    } catch (error) {
      toasts.show({ tone: 'error', title: 'Could not set the alias', message: toAppError(error).message });
    }
  };

  const requestRemove = (alias: string, version: ArtifactVersion) => {
    if (isProtectedAlias(protectedAliases, alias)) setPending({ kind: 'remove', alias, version });
    else removeAlias.mutate({ artifactId, alias, from: version.id });
  };

  let dialogs: ReactNode = null;
  if (pending?.kind === 'move') {
    const isProtected = isProtectedAlias(protectedAliases, pending.alias);
    dialogs = (
      <MoveAliasDialog
        alias={pending.alias}
        from={pending.from}
        to={pending.to}
        isProtected={isProtected}
        pending={setAlias.isPending}
        onClose={close}
        onConfirm={() =>
          setAlias.mutate(
            { versionId: pending.to.id, alias: pending.alias, confirmProtected: isProtected, previous: pending.from.id },
            {
              onSuccess: () => {
                close();
                focusAliasRow(pending.to.index);
              },
            },
          )
        }
      />
    );
  } else if (pending?.kind === 'remove') {
    dialogs = (
      <RemoveAliasDialog
        alias={pending.alias}
        index={pending.version.index}
        pending={removeAlias.isPending}
        onClose={close}
        onConfirm={() => removeAlias.mutate({ artifactId, alias: pending.alias, confirmProtected: true, from: pending.version.id }, { onSuccess: close })}
      />
    );
  } else if (pending?.kind === 'delete') {
    dialogs = (
      <DeleteVersionsDialog
        versionIds={pending.versionIds}
        versions={list}
        protectedAliases={protectedAliases}
        onClose={close}
        onDone={() => {
          close();
          pending.onDone?.();
        }}
      />
    );
  }

  return {
    versions: list,
    protectedAliases,
    requestSet,
    requestRemove,
    requestDelete: (versionIds, onDone) => setPending({ kind: 'delete', versionIds, onDone }),
    rollback: (alias, target) => {
      if (isProtectedAlias(protectedAliases, alias)) requestSet(alias, target);
      else setAlias.mutate({ versionId: target.id, alias, previous: list.find((v) => v.aliases.includes(alias))?.id });
    },
    dialogs,
  };
}

/**
 * After a confirmed move the dialog returns focus to what opened it, which is gone (the alias
 * input closed): focus the "+" of the row the alias moved to instead.
 */
function focusAliasRow(index: number): void {
  requestAnimationFrame(() => {
    document.querySelector<HTMLElement>(`[data-version-index="${index}"] > button[aria-label^="Add an alias"]`)?.focus();
  });
}
