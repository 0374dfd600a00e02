import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { formatBytes } from '../../../domain/format';
import { artifactIdOf } from '../../../domain/types';
import type { ArtifactStore } from '../../../store/artifact-store';
import { artifactQueries, projectQueries } from '../../../store/queries';
import { useStoreHolder } from '../../../store/store-context';
import { Button } from '../../../ui/button';
import { Dialog } from '../../../ui/dialog';
import { useSync } from '../hooks/use-sync';
import type { SyncResult } from '../sync-artifact';

type SyncDialogProps = { open: boolean; onClose: () => void; remote: ArtifactStore };

/** The artifact select's value for "every artifact of the project". */
const ALL = '*';

const selectClass = 'h-8 rounded-md border border-slate-300 bg-white px-2 text-sm dark:border-slate-700 dark:bg-slate-950';

/** Push an artifact of this browser to the shared store, or pull one from it, with progress and cancel. */
export function SyncDialog({ open, onClose, remote }: SyncDialogProps) {
  const { local } = useStoreHolder();
  const [direction, setDirection] = useState<'push' | 'pull'>('push');
  const [project, setProject] = useState('');
  const [artifact, setArtifact] = useState('');
  const sync = useSync();
  const source = direction === 'push' ? local : remote;
  const target = direction === 'push' ? remote : local;
  const projects = useQuery({ ...projectQueries.list(source), enabled: open });
  const projectName = project || projects.data?.[0]?.name || '';
  const artifacts = useQuery({ ...artifactQueries.list(source, projectName), enabled: open && projectName !== '' });
  const artifactName = artifact || artifacts.data?.[0]?.name || '';
  const verb = direction === 'push' ? 'Push' : 'Pull';

  const choose = (next: 'push' | 'pull') => {
    setDirection(next);
    setProject('');
    setArtifact('');
    sync.reset();
  };
  const start = () => {
    if (!projectName || !artifactName) return;
    sync.mutate(artifactName === ALL ? { source, target, project: projectName } : { source, target, artifactId: artifactIdOf(projectName, artifactName) });
  };
  const p = sync.progress;

  return (
    <Dialog
      open={open}
      onClose={() => (sync.isPending ? undefined : onClose())}
      title="Sync with shared storage"
      description={`Copies an artifact with all its versions, aliases and producing runs. Only files ${target.label} lacks are sent.`}
    >
      <fieldset className="flex flex-col gap-1 text-sm" disabled={sync.isPending}>
        <legend className="sr-only">Direction</legend>
        <label className="flex items-center gap-2">
          <input type="radio" name="sync-direction" checked={direction === 'push'} onChange={() => choose('push')} />
          Push: {local.label} → {remote.label}
        </label>
        <label className="flex items-center gap-2">
          <input type="radio" name="sync-direction" checked={direction === 'pull'} onChange={() => choose('pull')} />
          Pull: {remote.label} → {local.label}
        </label>
      </fieldset>
      <div className="grid grid-cols-2 gap-3 text-xs">
        <label className="flex flex-col gap-1">
          <span className="font-medium">Project</span>
          <select className={selectClass} value={projectName} disabled={sync.isPending} onChange={(e) => (setProject(e.target.value), setArtifact(''), sync.reset())}>
            {projects.data?.map((p) => <option key={p.name}>{p.name}</option>)}
          </select>
        </label>
        <label className="flex flex-col gap-1">
          <span className="font-medium">Artifact</span>
          <select className={selectClass} value={artifactName} disabled={sync.isPending} onChange={(e) => (setArtifact(e.target.value), sync.reset())}>
            {artifacts.data && artifacts.data.length > 1 && <option value={ALL}>All {artifacts.data.length} artifacts</option>}
            {artifacts.data?.map((a) => (
              <option key={a.name} value={a.name}>
                {a.name} ({a.versionCount} version{a.versionCount === 1 ? '' : 's'})
              </option>
            ))}
          </select>
        </label>
      </div>
      {projects.isSuccess && projects.data.length === 0 && <p className="text-sm text-slate-500">{source.label} has no projects yet.</p>}
      {(projects.error ?? artifacts.error) && <p role="alert" className="text-sm text-red-700">{(projects.error ?? artifacts.error)?.message}</p>}
      {sync.isPending && (
        <div role="status" aria-label="Sync progress" className="flex flex-col gap-1 text-xs text-slate-600 dark:text-slate-400">
          <progress className="w-full" max={p?.versionsTotal || 1} value={p?.versionsDone ?? 0} />
          <span>
            {p ? `${p.versionsDone} of ${p.versionsTotal} versions · ${formatBytes(p.bytesSent)} sent · ${p.status}` : 'Starting…'}
          </span>
        </div>
      )}
      {sync.isSuccess && <p role="status" className="text-sm text-emerald-700 dark:text-emerald-300">{summary(verb, artifactName === ALL ? projectName : artifactName, sync.data)}</p>}
      {sync.error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {sync.error.code === 'cancelled' ? 'Cancelled: ' : `${verb} failed: `}
          {sync.error.message}
        </p>
      )}
      <footer className="flex justify-end gap-2">
        {sync.isPending ? (
          <Button onClick={sync.cancel}>Cancel sync</Button>
        ) : (
          <Button variant="ghost" onClick={onClose}>
            Close
          </Button>
        )}
        <Button variant="primary" onClick={start} loading={sync.isPending} disabled={!artifactName || sync.isPending}>
          {verb} {artifactName === ALL ? `all of ${projectName}` : artifactName}
        </Button>
      </footer>
    </Dialog>
  );
}

function summary(verb: string, artifact: string, r: SyncResult): string {
  const done = verb === 'Push' ? 'Pushed' : 'Pulled';
  return (
    `${done} ${artifact}: ${r.copied} version${r.copied === 1 ? '' : 's'} copied, ${r.skipped} already there; ` +
    `${r.blobsSent} file${r.blobsSent === 1 ? '' : 's'} sent (${formatBytes(r.bytesSent)}), ${r.blobsSkipped} already stored` +
    (r.runsCreated > 0 ? `; ${r.runsCreated} run${r.runsCreated === 1 ? '' : 's'} created` : '')
  );
}
