import { useQuery } from '@tanstack/react-query';
import { formatCount } from '../../../domain/format';
import { toAppError } from '../../../domain/errors';
import type { ArtifactStore } from '../../../store/artifact-store';
import { groupIntegrityProblems } from '../../../store/integrity';
import { Button } from '../../../ui/button';
import { Dialog } from '../../../ui/dialog';
import { ErrorState } from '../../../ui/error-state';
import { LoadingState } from '../../../ui/spinner';

type IntegrityDialogProps = { open: boolean; onClose: () => void; store: ArtifactStore };

/**
 * Runs the store-wide `checkIntegrity()` (records: versions, manifests, references, packs,
 * pieces; not the bytes, which Verify on a version's Files tab hashes) and lists what it found
 * by artifact. Each opening checks again.
 */
export function IntegrityDialog({ open, onClose, store }: IntegrityDialogProps) {
  const check = useQuery({
    queryKey: ['integrity-check', store.id],
    queryFn: async () => {
      try {
        return await store.checkIntegrity();
      } catch (error) {
        throw toAppError(error);
      }
    },
    enabled: open,
    staleTime: 0,
    gcTime: 0,
    retry: false,
  });
  const groups = check.data ? groupIntegrityProblems(check.data.problems) : [];
  return (
    <Dialog open={open} onClose={onClose} title="Check store integrity" className="w-[44rem]" footer={<Button onClick={onClose}>Close</Button>}>
      <p className="mb-2 text-xs text-slate-500 dark:text-slate-400">
        Checks every record of {store.label}: versions, manifests, blob references, packs and pieces. The bytes of a version are checked by Verify on its Files tab.
      </p>
      {check.isPending && <LoadingState label="Checking the store…" />}
      {check.isError && <ErrorState title="The check could not finish" error={check.error} onRetry={() => void check.refetch()} />}
      {check.data?.ok === true && (
        <p role="status" className="text-sm text-emerald-700 dark:text-emerald-400">
          No problems found.
        </p>
      )}
      {check.data?.ok === false && (
        <div role="alert" className="flex flex-col gap-3 text-sm">
          <p className="font-semibold text-red-700 dark:text-red-400">
            {formatCount(check.data.problems.length)} {check.data.problems.length === 1 ? 'problem' : 'problems'} found.
          </p>
          {groups.map((group) => {
            const title = group.artifactId ?? 'Store-wide (blobs, packs, runs)';
            return (
              <section key={title} aria-label={title}>
                <h3 className="font-mono text-xs font-semibold">{title}</h3>
                <ul className="mt-1 max-h-48 overflow-auto rounded border border-red-200 font-mono text-xs dark:border-red-900">
                  {group.problems.map((problem) => (
                    <li key={problem} className="border-b border-red-100 px-2 py-1 break-words last:border-0 dark:border-red-950">
                      {problem}
                    </li>
                  ))}
                </ul>
              </section>
            );
          })}
        </div>
      )}
    </Dialog>
  );
}
