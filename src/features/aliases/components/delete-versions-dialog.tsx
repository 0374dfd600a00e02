import type { VersionId } from '../../../domain/types';
import { parseVersionId } from '../../../domain/types';
import { Button } from '../../../ui/button';
import { Dialog } from '../../../ui/dialog';
import { useDeleteVersions } from '../hooks/use-lifecycle-mutations';

type DeleteVersionsDialogProps = { versionIds: readonly VersionId[]; onDone: () => void; onClose: () => void };

function label(id: VersionId): string {
  const parts = parseVersionId(id);
  return parts ? `${parts.artifactName}:v${parts.index}` : id;
}

/**
 * Confirms deleting versions. A refusal because of aliases is shown with the aliases named and
 * a "Remove the aliases and delete" follow-up; protected aliases only explain what to do.
 */
export function DeleteVersionsDialog({ versionIds, onDone, onClose }: DeleteVersionsDialogProps) {
  const remove = useDeleteVersions();
  const error = remove.error;
  const held = error?.code === 'alias-held';
  const many = versionIds.length > 1;

  // mutateAsync: onDone must run even if the page showing this dialog goes away meanwhile.
  const run = (dropAliases: boolean) =>
    remove.mutateAsync({ versionIds, dropAliases }).then(onDone, () => {
      // Shown from remove.error.
    });

  return (
    <Dialog
      open
      onClose={onClose}
      title={many ? `Delete ${versionIds.length} versions?` : `Delete ${label(versionIds[0] ?? ('' as VersionId))}?`}
      description="Version numbers are never reused. Stored files no other version uses are freed."
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          {held ? (
            <Button variant="danger" loading={remove.isPending} onClick={() => run(true)}>
              Remove the aliases and delete
            </Button>
          ) : (
            <Button variant="danger" loading={remove.isPending} disabled={error?.code === 'alias-protected'} onClick={() => run(false)}>
              Delete
            </Button>
          )}
        </>
      }
    >
      {many && <p className="font-mono text-sm">{versionIds.map(label).join(', ')}</p>}
      {error && (
        <p role="alert" className="rounded-md bg-red-50 p-2 text-sm text-red-800 dark:bg-red-950/50 dark:text-red-200">
          {error.message}
        </p>
      )}
    </Dialog>
  );
}
