import type { Artifact, ArtifactVersion, Run } from '../../domain/types';

/**
 * What the sidebar filter keeps: artifacts whose name or type matches, and artifacts with a
 * version whose alias or tag matches (those versions are listed so the sidebar can show them).
 * Case-insensitive substring match; an empty query keeps everything.
 */
export type SidebarMatch = {
  readonly artifacts: Artifact[];
  /** artifact id → refs (`vN`) of versions that matched by alias or tag. */
  readonly versions: ReadonlyMap<string, string[]>;
};

export function filterSidebar(
  artifacts: readonly Artifact[],
  versions: readonly ArtifactVersion[] | undefined,
  query: string,
): SidebarMatch {
  const q = query.trim().toLowerCase();
  if (!q) return { artifacts: [...artifacts], versions: new Map() };
  const matchedVersions = new Map<string, string[]>();
  for (const version of versions ?? []) {
    const hit = version.aliases.some((a) => a.toLowerCase().includes(q)) || version.tags.some((t) => t.toLowerCase().includes(q));
    if (!hit) continue;
    const list = matchedVersions.get(version.artifactId) ?? [];
    list.push(`v${version.index}`);
    matchedVersions.set(version.artifactId, list);
  }
  const kept = artifacts.filter(
    (a) => a.name.toLowerCase().includes(q) || a.type.toLowerCase().includes(q) || matchedVersions.has(a.id),
  );
  return { artifacts: kept, versions: matchedVersions };
}

/** One thing the command palette can jump to. */
export type PaletteItem = {
  readonly kind: 'artifact' | 'version' | 'run';
  readonly label: string;
  /** Secondary text: type, aliases, job type. */
  readonly detail: string;
  readonly href: string;
  /** Lower-cased text the query is matched against. */
  readonly haystack: string;
};

type Hrefs = {
  artifact: (project: string, artifact: string) => string;
  version: (project: string, artifact: string, ref: string) => string;
  run: (project: string, runId: string) => string;
};

export function paletteItems(
  artifacts: readonly Artifact[],
  versions: readonly ArtifactVersion[],
  runs: readonly Run[],
  hrefs: Hrefs,
): PaletteItem[] {
  const items: PaletteItem[] = [];
  for (const a of artifacts) {
    items.push({ kind: 'artifact', label: a.name, detail: a.type, href: hrefs.artifact(a.project, a.name), haystack: `${a.name} ${a.type}`.toLowerCase() });
  }
  for (const v of versions) {
    const label = `${v.artifactName}:v${v.index}`;
    const detail = [...v.aliases, ...v.tags.map((t) => `#${t}`)].join(' ');
    items.push({ kind: 'version', label, detail, href: hrefs.version(v.project, v.artifactName, `v${v.index}`), haystack: `${label} ${detail}`.toLowerCase() });
  }
  for (const r of runs) {
    items.push({ kind: 'run', label: r.name, detail: `${r.jobType} · ${r.id}`, href: hrefs.run(r.project, r.id), haystack: `${r.name} ${r.jobType} ${r.id}`.toLowerCase() });
  }
  return items;
}

/**
 * Items matching every word of the query (in any order), best first: a label that starts with
 * the query, then a label containing it, then the rest; artifacts before versions before runs.
 */
export function searchPalette(items: readonly PaletteItem[], query: string, limit = 50): PaletteItem[] {
  const q = query.trim().toLowerCase();
  const words = q.split(/\s+/).filter(Boolean);
  const kindRank = { artifact: 0, version: 1, run: 2 } as const;
  const scored: { item: PaletteItem; score: number }[] = [];
  for (const item of items) {
    if (!words.every((w) => item.haystack.includes(w))) continue;
    const label = item.label.toLowerCase();
    const score = (q && label.startsWith(q) ? 0 : q && label.includes(q) ? 10 : 20) + kindRank[item.kind];
    scored.push({ item, score });
  }
  scored.sort((a, b) => a.score - b.score);
  return scored.slice(0, limit).map((s) => s.item);
}
