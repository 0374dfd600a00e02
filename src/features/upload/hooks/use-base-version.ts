import { skipToken, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { DraftBase } from '../../../domain/draft';
import { versionIdOf } from '../../../domain/types';
import type { Artifact } from '../../../domain/types';
import { manifestQueries, versionQueries } from '../../../store/queries';
import { useStore } from '../../../store/store-context';

/**
 * The version a draft of an existing artifact starts from and is compared with: its newest
 * version unless the user picks another. `base` is null for a new artifact and while the
 * manifest loads (`loading`).
 */
export function useBaseVersion(artifact: Artifact | null) {
  const store = useStore();
  const [chosen, setChosen] = useState<number | null>(null);
  const versions = useQuery({
    ...versionQueries.list(store, artifact?.id ?? ('' as Artifact['id'])),
    enabled: artifact !== null,
  });
  const list = artifact ? (versions.data ?? []) : [];
  const index = list.some((v) => v.index === chosen) ? chosen : (list[0]?.index ?? null);
  const versionId = artifact && index !== null ? versionIdOf(artifact.project, artifact.name, index) : null;
  const manifestOptions = manifestQueries.entries(store, versionId ?? ('' as ReturnType<typeof versionIdOf>));
  const manifest = useQuery({ ...manifestOptions, queryFn: versionId ? manifestOptions.queryFn : skipToken });
  const entries = versionId ? manifest.data : undefined;
  const base = useMemo<DraftBase | null>(() => (index !== null && entries ? { index, entries } : null), [index, entries]);
  const loading = artifact !== null && (versions.isPending || (versionId !== null && manifest.isPending));
  const error = versions.error ?? (versionId ? manifest.error : null);
  return { versions: list, index, choose: setChosen, base, loading, error };
}
