import { useQuery } from '@tanstack/react-query';
import { isProtectedAlias, userAliases } from '../../../domain/aliases';
import type { ArtifactVersion, VersionId } from '../../../domain/types';
import { parseVersionId } from '../../../domain/types';
import { runQueries } from '../../../store/queries';
import { useStore } from '../../../store/store-context';
import { Button } from '../../../ui/button';
import { Dialog } from '../../../ui/dialog';
import { useDeleteVersions } from '../hooks/use-lifecycle-mutations';

type DeleteVersionsDialogProps = {
  versionIds: readonly VersionId[];
  /** The artifact's versions as last read: which aliases the deletion takes with it. */
  versions: readonly ArtifactVersion[];
  protectedAliases: readonly string[];
  onDone: () => void;
  onClose: () => void;
};

function label(id: VersionId): string {
  const parts = parseVersionId(id);
  return parts ? `${parts.artifactName}:v${parts.index}` : id;
}

/** How many of the project's runs used any of the versions (their records keep naming them). */
function useUsedByCount(versionIds: readonly VersionId[]): number {
  const store = useStore();
  const project = parseVersionId(versionIds[0] ?? '')?.project ?? '';
  const runs = useQuery({ ...runQueries.list(store, project), enabled: project !== '' });
  const chosen = new Set<string>(versionIds);
  return (runs.data ?? []).filter((run) => run.inputs.some((id) => chosen.has(id))).length;
}

const quoted = (aliases: readonly string[]) => aliases.map((a) => `"${a}"`).join(', ');

/**
 * Confirms deleting versions, saying before anything is tried which aliases go with them (the
 * button then deletes with the aliases) or which protected alias blocks it. A refusal from the
 * store (the aliases moved meanwhile) is still shown, with the same follow-up.
 */
export function DeleteVersionsDialog({ versionIds, versions, protectedAliases, onDone, onClose }: DeleteVersionsDialogProps) {
  const remove = useDeleteVersions();
  const usedBy = useUsedByCount(versionIds);
  const error = remove.error;
  const many = versionIds.length > 1;
  const chosen = new Set<string>(versionIds);
  const holders = versions.filter((v) => chosen.has(v.id)).sort((a, b) => a.index - b.index).map((v) => ({ id: v.id, aliases: userAliases(v) })).filter((h) => h.aliases.length > 0);
  const blocking = holders.flatMap((h) => h.aliases.filter((a) => isProtectedAlias(protectedAliases, a)).map((alias) => ({ id: h.id, alias })));
  const withAliases = holders.length > 0 || error?.code === 'alias-held';
  const blocked = blocking.length > 0 || error?.code === 'alias-protected';

  const run = () => remove.mutate({ versionIds, dropAliases: withAliases, onDeleted: onDone });

  return (
    <Dialog
      open
      onClose={onClose}
      title={many ? `Delete ${versionIds.length} versions?` : `Delete ${label(versionIds[0] ?? ('' as VersionId))}?`}
      description="Version numbers are never reused. Stored files no other version uses are freed."
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="danger" loading={remove.isPending} disabled={blocked} onClick={run}>
            {withAliases ? 'Remove the aliases and delete' : 'Delete'}
          </Button>
        </>
      }
    >
      {many && <p className="font-mono text-sm">{versionIds.map(label).join(', ')}</p>}
      {blocking.length > 0 ? (
        <p role="note" className="rounded-md bg-amber-50 p-2 text-sm text-amber-900 dark:bg-amber-950/50 dark:text-amber-100">
          {blocking.map((b) => `${label(b.id)} holds the protected alias "${b.alias}"`).join('; ')}: move or unprotect it before deleting.
        </p>
      ) : (
        holders.length > 0 && (
          <p role="note" className="text-sm">
            This also removes {holders.map((h) => `${quoted(h.aliases)} from ${label(h.id)}`).join('; ')}.
          </p>
        )
      )}
      {usedBy > 0 && (
        <p className="text-sm">
          Used by {usedBy === 1 ? '1 run' : `${usedBy} runs`}: {usedBy === 1 ? 'its record keeps' : 'their records keep'} naming {many ? 'these versions' : 'this version'} as an input, with no files behind it.
        </p>
      )}
      {error && (
        <p role="alert" className="rounded-md bg-red-50 p-2 text-sm text-red-800 dark:bg-red-950/50 dark:text-red-200">
          {error.message}
        </p>
      )}
    </Dialog>
  );
}
