import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { RunId } from '../../../domain/types';
import { runQueries } from '../../../store/queries';
import { useStore } from '../../../store/store-context';
import { Button } from '../../../ui/button';
import { Dialog } from '../../../ui/dialog';
import { useDeleteRun } from '../hooks/use-delete-run';

type DeleteRunButtonProps = { runId: RunId; onDeleted?: () => void };

/** Deleting a run asks what happens to its outputs: keep them (without a producer) or delete them too. */
export function DeleteRunButton({ runId, onDeleted }: DeleteRunButtonProps) {
  const store = useStore();
  const runQuery = useQuery(runQueries.detail(store, runId));
  const runName = runQuery.data?.name ?? runId;
  const [open, setOpen] = useState(false);
  const remove = useDeleteRun();
  const held = remove.error?.code === 'alias-held';
  const close = () => {
    setOpen(false);
    remove.reset();
  };
  // mutateAsync: navigate away even if this page unmounts first (its run is gone).
  const run = (outputs: 'keep' | 'delete', dropAliases = false) =>
    remove.mutateAsync({ runId, runName, outputs, dropAliases }).then(
      () => {
        close();
        onDeleted?.();
      },
      () => {
        // Shown from remove.error.
      },
    );

  return (
    <>
      <Button variant="danger" size="sm" onClick={() => setOpen(true)}>
        Delete run
      </Button>
      <Dialog
        open={open}
        onClose={close}
        title={`Delete run ${runName}?`}
        description="What should happen to the versions this run produced?"
        footer={
          <>
            <Button onClick={close}>Cancel</Button>
            <Button loading={remove.isPending && remove.variables.outputs === 'keep'} onClick={() => run('keep')}>
              Keep its outputs
            </Button>
            <Button variant="danger" loading={remove.isPending && remove.variables.outputs === 'delete'} onClick={() => run('delete', held)}>
              {held ? 'Remove the aliases and delete its outputs' : 'Delete its outputs too'}
            </Button>
          </>
        }
      >
        {remove.error && (
          <p role="alert" className="rounded-md bg-red-50 p-2 text-sm text-red-800 dark:bg-red-950/50 dark:text-red-200">
            {remove.error.message}
          </p>
        )}
      </Dialog>
    </>
  );
}
