import type { DragEvent } from 'react';
import { LATEST_ALIAS } from '../../../domain/aliases';
import type { ArtifactVersion } from '../../../domain/types';
import { Chip } from '../../../ui/chip';
import { AliasInput } from './alias-input';
import { LockIcon } from './lock-icon';
import { revealHidden } from '../../../ui/hidden-chars';
import { VisibleName } from '../../../ui/visible-name';

/** The drag payload type of an alias chip (HTML5 drag and drop between rows). */
export const ALIAS_DRAG_TYPE = 'application/x-artifact-studio-alias';

export interface AliasDragPayload {
  readonly artifactId: string;
  readonly alias: string;
  readonly fromIndex: number;
}

export function readAliasDrag(event: DragEvent): AliasDragPayload | null {
  const raw = event.dataTransfer.getData(ALIAS_DRAG_TYPE);
  if (!raw) return null;
  try {
    const data = JSON.parse(raw) as Partial<AliasDragPayload>;
    if (typeof data.artifactId === 'string' && typeof data.alias === 'string' && typeof data.fromIndex === 'number') {
      return { artifactId: data.artifactId, alias: data.alias, fromIndex: data.fromIndex };
    }
  } catch {
    // Not ours: ignore the drop.
  }
  return null;
}

type AliasChipsProps = {
  version: ArtifactVersion;
  protectedAliases: readonly string[];
  onAdd: (alias: string) => void;
  onRemove: (alias: string) => void;
  /** Chips can be dragged onto another row (versions table only). */
  draggable?: boolean;
};

/** A version's aliases: `latest` read-only, the others with "×", a lock when protected, and "+". */
export function AliasChips({ version, protectedAliases, onAdd, onRemove, draggable = false }: AliasChipsProps) {
  return (
    <span className="flex flex-wrap items-center gap-1" data-version-index={version.index}>
      {version.aliases.map((alias) => {
        if (alias === LATEST_ALIAS) {
          return (
            <Chip key={alias} tone="success" title="latest always marks the newest version; it cannot be set or removed by hand">
              {alias}
            </Chip>
          );
        }
        const locked = protectedAliases.includes(alias);
        return (
          <span
            key={alias}
            draggable={draggable}
            onDragStart={(event) => {
              const payload: AliasDragPayload = { artifactId: version.artifactId, alias, fromIndex: version.index };
              event.dataTransfer.setData(ALIAS_DRAG_TYPE, JSON.stringify(payload));
              event.dataTransfer.effectAllowed = 'move';
            }}
            className={draggable ? 'cursor-grab' : undefined}
            title={draggable ? `Drag ${alias} onto another version to move it` : undefined}
          >
            <Chip tone={locked ? 'warning' : 'accent'} className="gap-1 pr-1">
              {locked && <LockIcon />}
              <span>
                <VisibleName name={alias} />
              </span>
              <button
                type="button"
                aria-label={`Remove alias ${revealHidden(alias)} from v${version.index}`}
                onClick={() => onRemove(alias)}
                className="ml-0.5 rounded-full px-0.5 leading-none opacity-60 hover:bg-black/10 hover:opacity-100 focus-visible:opacity-100 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-indigo-500"
              >
                ×
              </button>
            </Chip>
          </span>
        );
      })}
      <AliasInput label={`Add an alias to v${version.index}`} onSubmit={onAdd} />
    </span>
  );
}
