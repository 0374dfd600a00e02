/**
 * Zip entry names that extract safely everywhere. A name cannot escape the folder it is
 * extracted into: forward slashes only, no leading slash or drive letter, no "." or ".."
 * segments, no control characters. Manifest paths are already normalised by the store; this
 * is the last line of defence at the file boundary. Names Windows cannot create are mapped
 * too (reserved devices such as CON or NUL.txt, `<>:"|?*`, trailing dots and spaces, segments
 * over 255 bytes), and names that would land on one file of a case-insensitive or
 * Unicode-normalising file system get distinct names.
 */

// eslint-disable-next-line no-control-regex -- control characters are exactly what is replaced
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/g;
// ":" also starts an NTFS alternate data stream ("ads.txt:stream").
const WINDOWS_FORBIDDEN = /[<>:"|?*]/g;
// Device names Windows reserves with any extension ("NUL.txt", "aux.c"); ¹²³ count as digits there.
const WINDOWS_DEVICE = /^(?:CON|PRN|AUX|NUL|COM[0-9¹²³]|LPT[0-9¹²³]|CONIN\$|CONOUT\$)$/i;
const TRAILING_DOTS_SPACES = /[. ]+$/;
/** ext4, APFS and NTFS all allow 255 (bytes or UTF-16 units) per segment; UTF-8 bytes bound both. */
const MAX_SEGMENT_BYTES = 255;
const encoder = new TextEncoder();

function isWindowsDevice(segment: string): boolean {
  const dot = segment.indexOf('.');
  const stem = (dot === -1 ? segment : segment.slice(0, dot)).replace(/ +$/, '');
  return WINDOWS_DEVICE.test(stem);
}

/** Cuts a segment to MAX_SEGMENT_BYTES by code point, keeping a short extension, marked with "~". */
function shortenSegment(segment: string): string {
  if (encoder.encode(segment).length <= MAX_SEGMENT_BYTES) return segment;
  const dot = segment.lastIndexOf('.');
  const extension = dot > 0 && segment.length - dot <= 16 ? segment.slice(dot) : '';
  const budget = MAX_SEGMENT_BYTES - encoder.encode(`~${extension}`).length;
  let stem = '';
  let bytes = 0;
  for (const char of segment.slice(0, segment.length - extension.length)) {
    const size = encoder.encode(char).length;
    if (bytes + size > budget) break;
    stem += char;
    bytes += size;
  }
  return `${stem}~${extension}`;
}

function safeSegment(segment: string): string {
  let out = segment.replace(CONTROL_CHARS, '_').replace(WINDOWS_FORBIDDEN, '_');
  if (TRAILING_DOTS_SPACES.test(out)) out = out.replace(TRAILING_DOTS_SPACES, '') + '_';
  if (isWindowsDevice(out)) out = `_${out}`;
  return shortenSegment(out);
}

export function safeZipEntryName(path: string): string {
  const segments = path
    .replace(/\\/g, '/')
    .split('/')
    .filter((segment) => segment !== '' && segment !== '.' && segment !== '..');
  const first = segments[0];
  if (first !== undefined && /^[a-zA-Z]:$/.test(first)) segments.shift();
  const name = segments.map(safeSegment).join('/');
  return name === '' ? '_' : name;
}

/** How two names compare on a case-insensitive, Unicode-normalising file system (Windows, macOS). */
function fileSystemKey(name: string): string {
  return name.normalize('NFC').toLowerCase();
}

/** "a/b.txt" with k → "a/b (k).txt"; a name without an extension gets " (k)" at its end. */
function numbered(name: string, k: number): string {
  const slash = name.lastIndexOf('/');
  const dot = name.lastIndexOf('.');
  if (dot <= slash + 1) return `${name} (${k})`;
  return `${name.slice(0, dot)} (${k})${name.slice(dot)}`;
}

/**
 * The names for a whole version, in the order of `paths`: each safe, and no two the same file
 * once case and Unicode normalisation are ignored ("A.txt"/"a.txt", "é" composed or not): a
 * later one gets " (2)", " (3)"… before its extension. A file and a folder may not share a
 * name either: a file after the folder gets a number, and a folder after a file ("DATA", then
 * "data/b.txt") is renamed for all its files ("data (2)/b.txt").
 */
export function uniqueZipEntryNames(paths: readonly string[]): string[] {
  const taken = new Set<string>();
  const folders = new Set<string>();
  const renamedFolders = new Map<string, string>();
  const clear = (name: string) => !taken.has(fileSystemKey(name)) && !folders.has(fileSystemKey(name));
  return paths.map((path) => {
    const segments = safeZipEntryName(path).split('/');
    const leaf = segments.pop() ?? '_';
    let folder = '';
    let original = '';
    for (const segment of segments) {
      original = original === '' ? segment : `${original}/${segment}`;
      const wanted = folder === '' ? segment : `${folder}/${segment}`;
      const renamed = renamedFolders.get(fileSystemKey(original));
      if (renamed !== undefined) folder = renamed;
      else if (taken.has(fileSystemKey(wanted))) {
        let k = 2;
        while (!clear(`${wanted} (${k})`)) k++;
        folder = `${wanted} (${k})`;
        renamedFolders.set(fileSystemKey(original), folder);
      } else folder = wanted;
    }
    const base = folder === '' ? leaf : `${folder}/${leaf}`;
    let name = base;
    for (let k = 2; !clear(name); k++) name = numbered(base, k);
    const key = fileSystemKey(name);
    taken.add(key);
    for (let slash = key.indexOf('/'); slash !== -1; slash = key.indexOf('/', slash + 1)) folders.add(key.slice(0, slash));
    return name;
  });
}

/** A path whose zip entry has another name. */
export interface ZipRename {
  readonly path: string;
  readonly name: string;
}

/** The file in a zip download that lists its renamed entries. */
export const ZIP_RENAMES_FILE = 'RENAMED_FILES.json';

/**
 * Names for the zip of a version's files, and the renames to list in the zip itself (none
 * when every path is kept). The list's own name is kept clear of the entries'.
 */
export function zipEntryPlan(paths: readonly string[]): { names: string[]; renames: ZipRename[]; renamesFile: string | null } {
  const names = uniqueZipEntryNames([...paths, ZIP_RENAMES_FILE]);
  const renamesFile = names.pop() ?? ZIP_RENAMES_FILE;
  const renames: ZipRename[] = [];
  paths.forEach((path, k) => {
    const name = names[k];
    if (name !== undefined && name !== path) renames.push({ path, name });
  });
  return { names, renames, renamesFile: renames.length > 0 ? renamesFile : null };
}

/** The text of ZIP_RENAMES_FILE: why, then each artifact path with the name it has in the zip. */
export function zipRenamesText(renames: readonly ZipRename[]): string {
  return `${JSON.stringify(
    {
      note: 'These files have other names in this zip than in the artifact: their paths cannot be created on every system (Windows reserved names or characters, names that differ only in case or Unicode form, over-long names). "path" is the name in the artifact, "name" the one in this zip.',
      renamed: renames.map((r) => ({ path: r.path, name: r.name })),
    },
    null,
    2,
  )}\n`;
}

/** A file name for downloads: "classifier-v1.zip". */
export function versionFileStem(artifactName: string, index: number): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is replaced
  return `${artifactName}-v${index}`.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_');
}
