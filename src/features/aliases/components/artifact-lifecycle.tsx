import { useState } from 'react';
import type { HTMLAttributes, ReactNode } from 'react';
import { artifactIdOf } from '../../../domain/types';
import type { ArtifactVersion, VersionId } from '../../../domain/types';
import { Button } from '../../../ui/button';
import { useAliasFlow } from '../hooks/use-alias-flow';
import { AliasChips, ALIAS_DRAG_TYPE, readAliasDrag } from './alias-chips';
import { AliasHistory } from './alias-history';
import { ExpiryNote } from './expiry-note';

/** The versions-table render props this feature fills (same shape as browse's VersionsTableSlots). */
export type LifecycleTableSlots = {
  aliasCell: (version: ArtifactVersion) => ReactNode;
  leadColumn: { header: (versions: readonly ArtifactVersion[]) => ReactNode; cell: (version: ArtifactVersion) => ReactNode };
  rowProps: (version: ArtifactVersion) => HTMLAttributes<HTMLTableRowElement>;
  toolbar: (versions: readonly ArtifactVersion[]) => ReactNode;
};

type ArtifactLifecycleProps = {
  project: string;
  artifact: string;
  children: (parts: { versionsTableSlots: LifecycleTableSlots; sections: ReactNode }) => ReactNode;
};

/**
 * Alias editing (chips, "+", "×", drag a chip onto another row), multi-select delete, alias
 * history for an artifact page. Hands the page its table slots and sections.
 */
export function ArtifactLifecycle({ project, artifact, children }: ArtifactLifecycleProps) {
  const artifactId = artifactIdOf(project, artifact);
  const flow = useAliasFlow(artifactId);
  const [selected, setSelected] = useState<ReadonlySet<VersionId>>(new Set());
  const [dropTarget, setDropTarget] = useState<VersionId | null>(null);
  // Read once: whether a TTL ran out is a display hint; the background sweep does the deleting.
  const [now] = useState(() => Date.now());

  const live = new Set(flow.versions.map((v) => v.id));
  const chosen = [...selected].filter((id) => live.has(id));
  const toggle = (id: VersionId, on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  const versionsTableSlots: LifecycleTableSlots = {
    aliasCell: (version) => (
      <>
        <AliasChips
          version={version}
          protectedAliases={flow.protectedAliases}
          draggable
          onAdd={(alias) => flow.requestSet(alias, version)}
          onRemove={(alias) => flow.requestRemove(alias, version)}
        />
        <ExpiryNote version={version} now={now} />
      </>
    ),
    leadColumn: {
      header: (versions) => (
        <input
          type="checkbox"
          aria-label="Select all versions"
          checked={versions.length > 0 && versions.every((v) => selected.has(v.id))}
          onChange={(event) => setSelected(event.target.checked ? new Set(versions.map((v) => v.id)) : new Set())}
        />
      ),
      cell: (version) => (
        <input
          type="checkbox"
          aria-label={`Select v${version.index}`}
          checked={selected.has(version.id)}
          onChange={(event) => toggle(version.id, event.target.checked)}
        />
      ),
    },
    rowProps: (version) => ({
      onDragOver: (event) => {
        if (!event.dataTransfer.types.includes(ALIAS_DRAG_TYPE)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'move';
        if (dropTarget !== version.id) setDropTarget(version.id);
      },
      onDragLeave: () => setDropTarget((current) => (current === version.id ? null : current)),
      onDrop: (event) => {
        event.preventDefault();
        setDropTarget(null);
        const payload = readAliasDrag(event);
        if (payload && payload.artifactId === artifactId && payload.fromIndex !== version.index) flow.requestSet(payload.alias, version);
      },
      className: dropTarget === version.id ? 'bg-indigo-50 outline-2 outline-indigo-400 dark:bg-indigo-950/40' : undefined,
      'aria-label': `v${version.index}`,
    }),
    toolbar: () => (
      <div className="mb-2 flex min-h-8 items-center gap-2 text-sm">
        {chosen.length > 0 ? (
          <>
            <span className="tabular-nums">{chosen.length} selected</span>
            <Button size="sm" variant="danger" onClick={() => flow.requestDelete(chosen, () => setSelected(new Set()))}>
              Delete {chosen.length === 1 ? 'version' : `${chosen.length} versions`}
            </Button>
            <Button size="sm" variant="ghost" onClick={() => setSelected(new Set())}>
              Clear selection
            </Button>
          </>
        ) : (
          <span className="text-xs text-slate-500 dark:text-slate-400">Select versions to delete them · drag an alias onto another version to move it</span>
        )}
      </div>
    ),
  };

  const sections = <AliasHistory artifactId={artifactId} versions={flow.versions} protectedAliases={flow.protectedAliases} onRollback={flow.rollback} />;

  return (
    <>
      {children({ versionsTableSlots, sections })}
      {flow.dialogs}
    </>
  );
}
