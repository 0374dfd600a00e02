/** How the Files tab previews a file, decided by its name only (bytes are read later). */
export type PreviewKind = 'image' | 'markdown' | 'json' | 'csv' | 'tsv' | 'text' | 'binary';

const IMAGE_TYPES: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  // SVG is only ever shown through <img>, where scripts and external loads do not run.
  svg: 'image/svg+xml',
};

const TEXT_EXTENSIONS = new Set([
  'txt', 'log', 'py', 'ts', 'tsx', 'js', 'jsx', 'mjs', 'cjs', 'sh', 'bash', 'yaml', 'yml', 'toml', 'ini', 'cfg',
  'conf', 'xml', 'html', 'htm', 'css', 'scss', 'sql', 'r', 'java', 'c', 'h', 'cc', 'cpp', 'hpp', 'go', 'rs', 'rb',
  'php', 'swift', 'kt', 'scala', 'lua', 'pl', 'jl', 'ipynb', 'jsonl', 'ndjson', 'env', 'gitignore', 'dockerfile',
  'makefile', 'lock', 'properties', 'tex', 'rst', 'svg-src',
]);

const TEXT_NAMES = new Set(['readme', 'license', 'makefile', 'dockerfile', 'notice', 'authors', 'changelog']);

export function extensionOf(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot + 1);
}

export function previewKindOf(path: string): PreviewKind {
  const ext = extensionOf(path);
  if (ext in IMAGE_TYPES) return 'image';
  if (ext === 'md' || ext === 'markdown') return 'markdown';
  if (ext === 'json') return 'json';
  if (ext === 'csv') return 'csv';
  if (ext === 'tsv' || ext === 'tab') return 'tsv';
  if (TEXT_EXTENSIONS.has(ext)) return 'text';
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  if (TEXT_NAMES.has(name) || (ext === '' && TEXT_NAMES.has(name.split('.')[0] ?? ''))) return 'text';
  return 'binary';
}

/** The MIME type to give an image Blob so <img> decodes it; null for non-images. */
export function imageMimeOf(path: string): string | null {
  return IMAGE_TYPES[extensionOf(path)] ?? null;
}

/** Bytes that look like text: valid UTF-8 without NUL in the first 8 KiB. */
export function looksLikeText(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 8192);
  if (head.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head.length < bytes.length ? trimPartial(head) : head);
    return true;
  } catch {
    return false;
  }
}

/** Drops a UTF-8 sequence cut off at the end of a slice. */
function trimPartial(bytes: Uint8Array): Uint8Array {
  let end = bytes.length;
  for (let back = 1; back <= 3 && end - back >= 0; back++) {
    const b = bytes[end - back] ?? 0;
    if ((b & 0xc0) === 0x80) continue; // continuation byte
    if ((b & 0xc0) === 0xc0) end -= back; // lead byte of a cut sequence
    break;
  }
  return bytes.subarray(0, end);
}
