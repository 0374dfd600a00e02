/**
 * Reference entries for a draft (wandb-spec §3): pasted URIs, one per line, become manifest
 * entries that point at bytes instead of storing them. Pure; the HEAD request is the caller's.
 */
import { AppError } from './errors';
import { normalisePath, quoteForMessage } from './paths';
import type { ManifestEntry } from './types';

export interface PastedReference {
  readonly uri: string;
  /** Entry path: the URI's last path segment (its host when it has none). */
  readonly path: string;
}

/** What a HEAD request told about an http(s) URI; null fields were absent or hidden by CORS. */
export interface ReferenceHead {
  readonly etag: string | null;
  readonly size: number | null;
}

const URI = /^([a-z][a-z0-9+.-]*):\/\/(.+)$/i;

/**
 * Parses pasted text: one URI per line (`s3://bucket/key`, `gs://…`, `https://…`), blank lines
 * and lines starting with "#" skipped. Throws AppError naming the line for a non-URI, an
 * unusable path or two URIs with the same path.
 */
export function parseReferenceList(text: string): PastedReference[] {
  const references: PastedReference[] = [];
  const seen = new Map<string, number>();
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const lineNo = index + 1;
    const match = URI.exec(line);
    if (!match) {
      throw new AppError('invalid-path', `line ${lineNo}: ${quoteForMessage(line)} is not a URI like s3://bucket/key or https://host/file`);
    }
    const path = referencePath(line, match[2] ?? '', lineNo);
    const previous = seen.get(path);
    if (previous !== undefined) {
      throw new AppError('duplicate-path', `line ${lineNo}: path ${quoteForMessage(path)} is already taken by line ${previous}`, {
        details: { path },
      });
    }
    seen.set(path, lineNo);
    references.push({ uri: line, path });
  });
  return references;
}

function referencePath(uri: string, rest: string, lineNo: number): string {
  const withoutQuery = rest.replace(/[?#].*$/, '');
  const segments = withoutQuery.split('/').filter((s) => s !== '');
  const last = segments.length > 1 ? segments[segments.length - 1] : segments[0];
  let name = last ?? '';
  try {
    name = decodeURIComponent(name);
  } catch {
    // keep the raw segment when it is not valid percent-encoding
  }
  try {
    return normalisePath(name);
  } catch (error) {
    throw new AppError('invalid-path', `line ${lineNo}: ${quoteForMessage(uri)} gives no usable file name`, { cause: error });
  }
}

export function isHttpUri(uri: string): boolean {
  return /^https?:\/\//i.test(uri);
}

/**
 * The manifest entry of a reference, as W&B writes it: for http(s) with an ETag the digest is
 * the ETag without its quotes (`extra.etag` keeps it raw) and the size is Content-Length;
 * otherwise (no ETag, CORS hid it, or another scheme) the digest is the URI itself.
 */
export function referenceEntry(reference: PastedReference, head: ReferenceHead | null): ManifestEntry {
  const base = { path: reference.path, ref: reference.uri };
  if (!head || !isHttpUri(reference.uri)) return { ...base, digest: reference.uri };
  const size = head.size ?? undefined;
  const withSize = size === undefined ? base : { ...base, size };
  if (head.etag === null || head.etag === '') return { ...withSize, digest: reference.uri };
  const etag = head.etag;
  const digest = etag.length >= 2 && etag.startsWith('"') && etag.endsWith('"') ? etag.slice(1, -1) : etag;
  return { ...withSize, digest, extra: { etag } };
}

/** True when the entry records its URI as its own digest (no checksum of the content). */
export function isUnchecksummedReference(entry: ManifestEntry): boolean {
  return entry.ref !== undefined && entry.digest === entry.ref;
}
