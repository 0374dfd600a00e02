/**
 * The app's URL scheme, in one place. src/app/router.tsx matches these same shapes:
 *   /                                  projects (or the welcome screen on an empty store)
 *   /p/:project                        project overview
 *   /p/:project/a/:artifact            artifact: its versions
 *   /p/:project/a/:artifact/v/:ref     version (ref = "v3" or an alias), ?tab=overview|…
 */
const enc = encodeURIComponent;

export const hrefs = {
  home: () => '/',
  project: (project: string) => `/p/${enc(project)}`,
  artifact: (project: string, artifact: string) => `/p/${enc(project)}/a/${enc(artifact)}`,
  /** `ref` is `v${index}` or an alias; `tab` is omitted for the default tab. */
  version: (project: string, artifact: string, ref: string, tab?: string) =>
    `/p/${enc(project)}/a/${enc(artifact)}/v/${enc(ref)}${tab ? `?tab=${enc(tab)}` : ''}`,
};
