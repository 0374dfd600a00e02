import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { diffManifests } from '../../../domain/diff';
import { diffJson } from '../../../domain/json-diff';
import type { VersionId } from '../../../domain/types';
import { manifestQueries, versionQueries } from '../../../store/queries';
import { useStore } from '../../../store/store-context';

/** Both versions, both manifests and their diffs (manifest and metadata), derived in render. */
export function useComparison(a: VersionId, b: VersionId) {
  const store = useStore();
  const versionA = useQuery(versionQueries.detail(store, a));
  const versionB = useQuery(versionQueries.detail(store, b));
  const manifestA = useQuery(manifestQueries.entries(store, a));
  const manifestB = useQuery(manifestQueries.entries(store, b));

  const diff = useMemo(
    () => (manifestA.data && manifestB.data ? diffManifests(manifestA.data, manifestB.data) : null),
    [manifestA.data, manifestB.data],
  );
  const metadata = useMemo(
    () => (versionA.data && versionB.data ? diffJson(versionA.data.metadata, versionB.data.metadata) : null),
    [versionA.data, versionB.data],
  );

  const queries = [versionA, versionB, manifestA, manifestB];
  const error = queries.find((q) => q.isError)?.error ?? null;
  const retry = () => queries.forEach((q) => q.isError && void q.refetch());
  const ready =
    versionA.data && versionB.data && manifestA.data && manifestB.data && diff && metadata
      ? { a: versionA.data, b: versionB.data, manifestA: manifestA.data, manifestB: manifestB.data, diff, metadata }
      : null;
  return { ready, error, retry };
}
