/**
 * The app's URL scheme, in one place. src/app/router.tsx matches these same shapes:
 *   /                                  projects (or the welcome screen on an empty store)
 *   /p/:project                        project overview
 *   /p/:project/a/:artifact            artifact: its versions
 *   /p/:project/a/:artifact/v/:ref     version (ref = "v3" or an alias), ?tab=overview|…
 *   /p/:project/compare?a=&b=&file=    compare two versions (ids `project/artifact:vN`), optional selected file
 *   /p/:project/lineage                lineage graph, ?focus=<versionId|run:<id>>&up=2&down=2&dir=LR&types=&jobs=
 *   /p/:project/runs/:runId            run: config, inputs, outputs, times
 */
const enc = encodeURIComponent;

export const hrefs = {
  home: () => '/',
  project: (project: string) => `/p/${enc(project)}`,
  artifact: (project: string, artifact: string) => `/p/${enc(project)}/a/${enc(artifact)}`,
  /** `ref` is `v${index}` or an alias; `tab` is omitted for the default tab. */
  version: (project: string, artifact: string, ref: string, tab?: string) =>
    `/p/${enc(project)}/a/${enc(artifact)}/v/${enc(ref)}${tab ? `?tab=${enc(tab)}` : ''}`,
  /** Lineage; `focus` is a VersionId or `run:<runId>`, depths a number or "all"; empty values are left out. */
  lineage: (project: string, params: LineageHrefParams = {}) => {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) {
      if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
    }
    const query = search.toString();
    return `/p/${enc(project)}/lineage${query ? `?${query}` : ''}`;
  },
  run: (project: string, runId: string) => `/p/${enc(project)}/runs/${enc(runId)}`,
  /** `a` and `b` are version ids (`project/artifact:vN`), possibly of two artifacts; `file` selects a file's diff. */
  compare: (project: string, a: string, b: string, file?: string) =>
    `/p/${enc(project)}/compare?a=${enc(a)}&b=${enc(b)}${file ? `&file=${enc(file)}` : ''}`,
};

export type LineageHrefParams = {
  focus?: string | null;
  up?: number | 'all';
  down?: number | 'all';
  dir?: 'LR' | 'TB';
  /** Comma-separated artifact types / job types to match (others are dimmed). */
  types?: string;
  jobs?: string;
};
