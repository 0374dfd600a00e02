/**
 * Reading a zip archive's table of contents (APPNOTE 6.3.x §4.3): the end-of-central-directory
 * record, the central directory and each entry's local header. Pure: the caller hands in bytes
 * (or a `ZipSource` that reads ranges of them), so the same code reads a File in the browser
 * and a Uint8Array in tests. Entry data is not decompressed here; `dataOffset` says where it is.
 *
 * Supported: stored (method 0) and deflated (method 8) entries in a single-disk archive.
 * Refused, each with AppError('invalid-zip') naming the entry and the rule: zip64, encrypted
 * entries, other methods, split archives, names that escape the folder (normalisePath) and
 * names that appear twice.
 */
import { AppError } from './errors';
import { normalisePath, quoteForMessage } from './paths';

export type ZipMethod = 0 | 8;

export type ZipEntry = {
  /** The normalised path inside the archive ("a/b.txt"); folders are not listed. */
  readonly path: string;
  readonly method: ZipMethod;
  readonly compressedSize: number;
  readonly size: number;
  readonly crc32: number;
  readonly localHeaderOffset: number;
};

/** Random access to the archive's bytes. */
export type ZipSource = {
  readonly size: number;
  read(offset: number, length: number): Promise<Uint8Array>;
};

const EOCD_SIGNATURE = 0x06054b50;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const EOCD_SIZE = 22;
const ZIP64_LOCATOR_SIZE = 20;
const CENTRAL_HEADER_SIZE = 46;
export const LOCAL_HEADER_SIZE = 30;
/** The end record plus the longest comment it may carry, and room for a zip64 locator before it. */
export const ZIP_TAIL_SIZE = EOCD_SIZE + 0xffff + ZIP64_LOCATOR_SIZE;

const FLAG_ENCRYPTED = 0x0001;
const FLAG_STRONG_ENCRYPTION = 0x0040;
const METHOD_AES = 99;

function refuse(message: string, details: Record<string, unknown> = {}): never {
  throw new AppError('invalid-zip', message, { details });
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export type CentralDirectoryLocation = { readonly offset: number; readonly size: number; readonly count: number };

/**
 * Finds the end-of-central-directory record in the last bytes of the archive (`tail`, which
 * starts at `tailOffset` of an archive of `archiveSize` bytes) and returns where the central
 * directory is. Refuses zip64 and split archives, and a directory that lies outside the file.
 */
export function locateCentralDirectory(tail: Uint8Array, tailOffset: number, archiveSize: number): CentralDirectoryLocation {
  const data = view(tail);
  let at = -1;
  // Scan backwards: the record is last, followed only by its comment.
  for (let k = tail.length - EOCD_SIZE; k >= 0; k--) {
    if (data.getUint32(k, true) !== EOCD_SIGNATURE) continue;
    const commentLength = data.getUint16(k + 20, true);
    if (k + EOCD_SIZE + commentLength === tail.length) {
      at = k;
      break;
    }
  }
  if (at < 0) refuse('this file is not a zip archive (no end-of-central-directory record): pick a .zip file');
  if (at >= ZIP64_LOCATOR_SIZE && data.getUint32(at - ZIP64_LOCATOR_SIZE, true) === ZIP64_LOCATOR_SIGNATURE) {
    refuse('this zip is a zip64 archive, which is not supported: zip fewer than 65,535 files of under 4 GB in total');
  }
  const disk = data.getUint16(at + 4, true);
  const directoryDisk = data.getUint16(at + 6, true);
  const countOnDisk = data.getUint16(at + 8, true);
  const count = data.getUint16(at + 10, true);
  const size = data.getUint32(at + 12, true);
  const offset = data.getUint32(at + 16, true);
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) {
    refuse('this zip is a zip64 archive, which is not supported: zip fewer than 65,535 files of under 4 GB in total');
  }
  if (disk !== 0 || directoryDisk !== 0 || countOnDisk !== count) {
    refuse('this zip is split over several files (a multi-disk archive), which is not supported: make a single .zip');
  }
  const recordOffset = tailOffset + at;
  if (offset + size > recordOffset || offset + size > archiveSize) {
    refuse(`this zip is damaged: its central directory (${size} bytes at ${offset}) lies outside the file`);
  }
  return { offset, size, count };
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decodeName(bytes: Uint8Array, index: number): string {
  try {
    return utf8.decode(bytes);
  } catch {
    return refuse(`zip entry ${index + 1} has a name that is not valid UTF-8: re-create the zip with UTF-8 file names`, { index });
  }
}

/**
 * Parses the central directory (`bytes`, `count` records as the end record says) into entries.
 * Folder entries ("name/") are skipped; every other name goes through normalisePath so it
 * cannot escape the folder it is read into.
 */
export function parseCentralDirectory(bytes: Uint8Array, count: number, archiveSize: number): ZipEntry[] {
  const data = view(bytes);
  const entries: ZipEntry[] = [];
  const seen = new Set<string>();
  let at = 0;
  for (let index = 0; index < count; index++) {
    if (at + CENTRAL_HEADER_SIZE > bytes.length || data.getUint32(at, true) !== CENTRAL_SIGNATURE) {
      refuse(`this zip is damaged: central directory record ${index + 1} of ${count} is missing or corrupt`, { index });
    }
    const flags = data.getUint16(at + 8, true);
    const method = data.getUint16(at + 10, true);
    const crc32 = data.getUint32(at + 16, true);
    const compressedSize = data.getUint32(at + 20, true);
    const size = data.getUint32(at + 24, true);
    const nameLength = data.getUint16(at + 28, true);
    const extraLength = data.getUint16(at + 30, true);
    const commentLength = data.getUint16(at + 32, true);
    const localHeaderOffset = data.getUint32(at + 42, true);
    const end = at + CENTRAL_HEADER_SIZE + nameLength + extraLength + commentLength;
    if (end > bytes.length) refuse(`this zip is damaged: central directory record ${index + 1} runs past the directory's end`, { index });
    const rawName = decodeName(bytes.subarray(at + CENTRAL_HEADER_SIZE, at + CENTRAL_HEADER_SIZE + nameLength), index);
    // Decoded as UTF-8 whether or not flag bit 11 says so: Info-ZIP on Linux writes UTF-8 names without it.
    at = end;

    const quoted = quoteForMessage(rawName);
    if (flags & (FLAG_ENCRYPTED | FLAG_STRONG_ENCRYPTION) || method === METHOD_AES) {
      refuse(`zip entry ${quoted} is encrypted, which is not supported: zip the files without a password`, { path: rawName });
    }
    if (compressedSize === 0xffffffff || size === 0xffffffff || localHeaderOffset === 0xffffffff) {
      refuse(`zip entry ${quoted} uses zip64 sizes, which are not supported: zip files under 4 GB each`, { path: rawName });
    }
    const isFolder = rawName.endsWith('/') || rawName.endsWith('\\');
    if (isFolder && size === 0) continue;
    if (method !== 0 && method !== 8) {
      refuse(`zip entry ${quoted} is compressed with method ${method}; only stored (0) and deflate (8) are supported: re-create the zip with standard compression`, {
        path: rawName,
        method,
      });
    }
    if (method === 0 && compressedSize !== size) {
      refuse(`zip entry ${quoted} is damaged: it is stored uncompressed but its sizes differ (${compressedSize} vs ${size} bytes)`, { path: rawName });
    }
    if (localHeaderOffset + LOCAL_HEADER_SIZE + compressedSize > archiveSize) {
      refuse(`zip entry ${quoted} is damaged: its data lies outside the file`, { path: rawName });
    }
    let path: string;
    try {
      path = normalisePath(rawName);
    } catch (error) {
      refuse(`zip entry ${quoted} cannot be read safely: ${(error as Error).message}`, { path: rawName });
    }
    if (seen.has(path)) refuse(`zip entry ${quoted} appears twice in the archive: keep one`, { path });
    seen.add(path);
    entries.push({ path, method, compressedSize, size, crc32, localHeaderOffset });
  }
  return entries;
}

/** Where an entry's data starts, from its 30-byte local header (whose name and extra lengths may differ from the central record's). */
export function entryDataOffset(entry: ZipEntry, localHeader: Uint8Array, archiveSize: number): number {
  if (localHeader.length < LOCAL_HEADER_SIZE || view(localHeader).getUint32(0, true) !== LOCAL_SIGNATURE) {
    refuse(`zip entry ${quoteForMessage(entry.path)} is damaged: its local header is missing`, { path: entry.path });
  }
  const data = view(localHeader);
  const start = entry.localHeaderOffset + LOCAL_HEADER_SIZE + data.getUint16(26, true) + data.getUint16(28, true);
  if (start + entry.compressedSize > archiveSize) {
    refuse(`zip entry ${quoteForMessage(entry.path)} is damaged: its data runs past the end of the file`, { path: entry.path });
  }
  return start;
}

export type LocatedZipEntry = ZipEntry & { readonly dataOffset: number };

/** Reads the table of contents of a whole archive: every file entry with where its data starts. */
export async function readZipDirectory(source: ZipSource): Promise<LocatedZipEntry[]> {
  if (source.size < EOCD_SIZE) refuse(`this file is not a zip archive (${source.size} bytes is too short): pick a .zip file`);
  const tailOffset = Math.max(0, source.size - ZIP_TAIL_SIZE);
  const tail = await source.read(tailOffset, source.size - tailOffset);
  const location = locateCentralDirectory(tail, tailOffset, source.size);
  const directory = await source.read(location.offset, location.size);
  const entries = parseCentralDirectory(directory, location.count, source.size);
  const located: LocatedZipEntry[] = [];
  for (const entry of entries) {
    const header = await source.read(entry.localHeaderOffset, LOCAL_HEADER_SIZE);
    located.push({ ...entry, dataOffset: entryDataOffset(entry, header, source.size) });
  }
  return located;
}
