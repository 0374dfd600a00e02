import { useQuery } from '@tanstack/react-query';
import type { ManifestDiff } from '../../../domain/diff';
import type { JsonDiff } from '../../../domain/json-diff';
import type { ArtifactVersion, RunId } from '../../../domain/types';
import { runQueries } from '../../../store/queries';
import { useStore } from '../../../store/store-context';
import { Button } from '../../../ui/button';
import { saveBlob } from '../../../ui/save-blob';
import { compareMarkdown } from '../compare-markdown';

type ExportMarkdownButtonProps = { a: ArtifactVersion; b: ArtifactVersion; diff: ManifestDiff; metadata: JsonDiff };

function useRunName(id: RunId | null): string | null {
  const store = useStore();
  const run = useQuery({ ...runQueries.detail(store, id ?? ('' as RunId)), enabled: id !== null });
  return id === null ? null : (run.data?.name ?? id);
}

/** Downloads the comparison as `compare-<a>-vs-<b>.md`. */
export function ExportMarkdownButton({ a, b, diff, metadata }: ExportMarkdownButtonProps) {
  const runs = { a: useRunName(a.producedBy), b: useRunName(b.producedBy) };
  const download = () => {
    const text = compareMarkdown({ a, b, diff, metadata, runs });
    saveBlob(new Blob([text], { type: 'text/markdown' }), `compare-${a.artifactName}-v${a.index}-vs-${b.artifactName}-v${b.index}.md`);
  };
  return (
    <Button size="sm" onClick={download}>
      Export Markdown
    </Button>
  );
}
