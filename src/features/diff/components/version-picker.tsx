import { useQuery } from '@tanstack/react-query';
import type { ArtifactVersion } from '../../../domain/types';
import { versionQueries } from '../../../store/queries';
import { useStore } from '../../../store/store-context';

type VersionPickerProps = {
  project: string;
  label: string;
  value: string | null;
  onChange: (id: string) => void;
};

export function versionLabel(version: ArtifactVersion): string {
  const aliases = version.aliases.length > 0 ? ` (${version.aliases.join(', ')})` : '';
  return `${version.artifactName}:v${version.index}${aliases}`;
}

/** Any live version of the project, grouped by artifact. */
export function VersionPicker({ project, label, value, onChange }: VersionPickerProps) {
  const store = useStore();
  const versions = useQuery(versionQueries.ofProject(store, project));
  const groups = new Map<string, ArtifactVersion[]>();
  for (const version of versions.data ?? []) {
    const list = groups.get(version.artifactName) ?? [];
    list.push(version);
    groups.set(version.artifactName, list);
  }
  const known = versions.data?.some((v) => v.id === value) ?? false;

  return (
    <label className="flex items-center gap-2 text-xs font-medium text-slate-600 dark:text-slate-400">
      {label}
      <select
        aria-label={label}
        value={value ?? ''}
        disabled={versions.isPending}
        onChange={(event) => onChange(event.target.value)}
        className="h-8 max-w-72 rounded-md border border-slate-300 bg-white px-2 font-mono text-xs text-slate-900 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
      >
        {!known && <option value={value ?? ''}>{value ?? 'Choose a version…'}</option>}
        {[...groups.entries()].map(([artifact, list]) => (
          <optgroup key={artifact} label={artifact}>
            {list.map((version) => (
              <option key={version.id} value={version.id}>
                {versionLabel(version)}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </label>
  );
}
