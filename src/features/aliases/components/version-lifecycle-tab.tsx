import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { formatBytes } from '../../../domain/format';
import type { ArtifactId, VersionId } from '../../../domain/types';
import { parseVersionId } from '../../../domain/types';
import { storageQueries, versionQueries } from '../../../store/queries';
import { useStore } from '../../../store/store-context';
import { Button } from '../../../ui/button';
import { ErrorState } from '../../../ui/error-state';
import { hrefs } from '../../../ui/hrefs';
import { navigate } from '../../../ui/navigation';
import { LoadingState } from '../../../ui/spinner';
import { useAliasFlow } from '../hooks/use-alias-flow';
import { AliasChips } from './alias-chips';
import { TtlEditor } from './ttl-editor';

type VersionLifecycleTabProps = { project: string; artifactId: ArtifactId; versionId: VersionId };

/** A version's aliases (editable), protection, time to live, what deleting it frees, and delete. */
export function VersionLifecycleTab({ project, artifactId, versionId }: VersionLifecycleTabProps) {
  const store = useStore();
  const flow = useAliasFlow(artifactId);
  const version = useQuery(versionQueries.detail(store, versionId));
  const usage = useQuery(storageQueries.usage(store, project));
  // The clock is read once per render of this tab: "expired" is a display hint only.
  const [now] = useState(() => Date.now());

  if (version.isPending) return <LoadingState label="Loading version…" />;
  if (version.isError) return <ErrorState error={version.error} onRetry={() => void version.refetch()} />;
  const v = version.data;
  const freed = usage.data?.artifacts.find((a) => a.artifactId === artifactId)?.versions.find((x) => x.versionId === versionId)?.freedBytes;
  const artifactName = parseVersionId(versionId)?.artifactName ?? '';

  return (
    <div className="flex flex-col gap-6 px-6 py-4">
      <section aria-label="Aliases" className="flex flex-col gap-2">
        <h3 className="text-sm font-semibold">Aliases</h3>
        <AliasChips
          version={v}
          protectedAliases={flow.protectedAliases}
          onAdd={(alias) => flow.requestSet(alias, v)}
          onRemove={(alias) => flow.requestRemove(alias, v)}
        />
        <p className="text-xs text-slate-500 dark:text-slate-400">
          latest always follows the newest version. Protect an alias from the artifact&apos;s History section.
        </p>
      </section>
      <TtlEditor key={`${v.id}-${String(v.ttlSeconds)}`} version={v} now={now} />
      <section aria-label="Delete" className="flex flex-col gap-2">
        <h3 className="text-sm font-semibold">Delete</h3>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          {freed === undefined ? 'Measuring what deleting frees…' : `Deleting v${v.index} frees ${formatBytes(freed)} of stored files.`}
        </p>
        <div>
          <Button variant="danger" size="sm" onClick={() => flow.requestDelete([v.id], () => navigate(hrefs.artifact(project, artifactName)))}>
            Delete v{v.index}
          </Button>
        </div>
      </section>
      {flow.dialogs}
    </div>
  );
}
