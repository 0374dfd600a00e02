import { useQuery } from '@tanstack/react-query';
import type { VersionId } from '../../../domain/types';
import { artifactIdOf, parseVersionId } from '../../../domain/types';
import { versionQueries } from '../../../store/queries';
import { useStore } from '../../../store/store-context';
import { useAliasFlow } from '../hooks/use-alias-flow';
import { AliasChips } from './alias-chips';

/**
 * A version's aliases, editable by clicking ("+", "×", move confirmation), for any screen that shows
 * them (version page header, lineage panel). Renders its own confirmation dialogs.
 */
export function VersionAliasEditor({ versionId }: { versionId: VersionId }) {
  const store = useStore();
  const parts = parseVersionId(versionId);
  const flow = useAliasFlow(artifactIdOf(parts?.project ?? '', parts?.artifactName ?? ''));
  const version = useQuery(versionQueries.detail(store, versionId));
  if (!version.data) return null;
  const v = version.data;
  return (
    <>
      <AliasChips
        version={v}
        protectedAliases={flow.protectedAliases}
        onAdd={(alias) => flow.requestSet(alias, v)}
        onRemove={(alias) => flow.requestRemove(alias, v)}
      />
      {flow.dialogs}
    </>
  );
}
