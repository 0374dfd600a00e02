/**
 * A zip entry name that cannot escape the folder it is extracted into: forward slashes only, no
 * leading slash or drive letter, no "." or ".." segments, no control characters. Manifest paths
 * are already normalised by the store; this is the last line of defence at the file boundary.
 */
export function safeZipEntryName(path: string): string {
  const segments = path
    .replace(/\\/g, '/')
    .split('/')
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is replaced
    .map((segment) => segment.replace(/[\u0000-\u001f\u007f]/g, '_'))
    .filter((segment) => segment !== '' && segment !== '.' && segment !== '..');
  const first = segments[0];
  if (first !== undefined && /^[a-zA-Z]:$/.test(first)) segments.shift();
  const name = segments.map((segment) => segment.replace(/^([a-zA-Z]):/, '$1_')).join('/');
  return name === '' ? '_' : name;
}

/** The names for a whole version; duplicates (possible only after sanitising) get " (2)" etc. */
export function uniqueZipEntryNames(paths: readonly string[]): string[] {
  const seen = new Set<string>();
  return paths.map((path) => {
    const base = safeZipEntryName(path);
    let name = base;
    for (let k = 2; seen.has(name); k++) name = `${base} (${k})`;
    seen.add(name);
    return name;
  });
}

/** A file name for downloads: "classifier-v1.zip". */
export function versionFileStem(artifactName: string, index: number): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is replaced
  return `${artifactName}-v${index}`.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_');
}
