import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { downloadZip } from 'client-zip';
import { describe, expect, it } from 'vitest';
import { crc32 } from './crc32';
import { writeTestZip } from '../test/zip-writer';
import type { TestZipEntry, TestZipOptions } from '../test/zip-writer';
import { AppError } from './errors';
import { readZipDirectory } from './zip-read';
import type { ZipSource } from './zip-read';

/** A ZipSource over bytes already in memory. */
function bytesZipSource(bytes: Uint8Array): ZipSource {
  return { size: bytes.length, read: (offset, length) => Promise.resolve(bytes.subarray(offset, offset + length)) };
}
import type { LocatedZipEntry } from './zip-read';

const deflateRaw = (bytes: Uint8Array) => new Uint8Array(deflateRawSync(bytes));
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

function zip(entries: readonly TestZipEntry[], options: TestZipOptions = {}): Uint8Array {
  return writeTestZip(entries, { deflateRaw, ...options });
}

function contentOf(bytes: Uint8Array, entry: LocatedZipEntry): string {
  const data = bytes.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize);
  return text(entry.method === 8 ? new Uint8Array(inflateRawSync(data)) : data);
}

async function refusalOf(bytes: Uint8Array): Promise<AppError> {
  const error: unknown = await readZipDirectory(bytesZipSource(bytes)).then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describe('readZipDirectory', () => {
  it('lists stored and deflated entries with where their data starts, skipping folders', async () => {
    const long = 'row,value\n'.repeat(500);
    const bytes = zip(
      [
        { name: 'data/', data: '' },
        { name: 'data/train.csv', data: long, method: 8 },
        { name: 'data/wandb_manifest.json', data: '{"version":1}' },
        { name: './notes//readme.md', data: '# hi' },
        { name: 'empty.txt', data: '' },
      ],
      { comment: 'made by a test' },
    );
    const entries = await readZipDirectory(bytesZipSource(bytes));
    expect(entries.map((e) => [e.path, e.method, e.size])).toEqual([
      ['data/train.csv', 8, long.length],
      ['data/wandb_manifest.json', 0, 13],
      ['notes/readme.md', 0, 4],
      ['empty.txt', 0, 0],
    ]);
    expect(entries.map((e) => contentOf(bytes, e))).toEqual([long, '{"version":1}', '# hi', '']);
    const train = entries[0];
    expect(train && train.compressedSize < train.size).toBe(true);
    expect(train?.crc32).toBe(crc32(new TextEncoder().encode(long)));
  });

  it('reads archives with a stub before them and a comment after them', async () => {
    const bytes = zip([{ name: 'a.txt', data: 'alpha' }], { prefix: new Uint8Array(1000).fill(7), comment: 'x'.repeat(300) });
    const [entry] = await readZipDirectory(bytesZipSource(bytes));
    expect(entry && contentOf(bytes, entry)).toBe('alpha');
  });

  it('reads what client-zip (the app\'s own zip download) writes, data descriptors and all', async () => {
    const files = [
      { name: 'a/one.txt', input: 'one' },
      { name: 'b.bin', input: new Uint8Array([0, 1, 2, 255]) },
    ];
    const bytes = new Uint8Array(await downloadZip(files).arrayBuffer());
    const entries = await readZipDirectory(bytesZipSource(bytes));
    expect(entries.map((e) => e.path)).toEqual(['a/one.txt', 'b.bin']);
    expect(entries.map((e) => [...bytes.subarray(e.dataOffset, e.dataOffset + e.size)])).toEqual([[111, 110, 101], [0, 1, 2, 255]]);
  });

  const refusals: { name: string; bytes: () => Uint8Array; message: RegExp }[] = [
    { name: 'a file that is not a zip', bytes: () => new TextEncoder().encode('just some text, long enough to look for a record'), message: /not a zip archive \(no end-of-central-directory record\)/ },
    { name: 'a file too short to be a zip', bytes: () => new Uint8Array(5), message: /not a zip archive \(5 bytes is too short\)/ },
    { name: 'a zip64 archive', bytes: () => zip([{ name: 'a.txt', data: 'a' }], { zip64Locator: true }), message: /zip64 archive, which is not supported/ },
    { name: 'an entry with zip64 sizes', bytes: () => zip([{ name: 'big.bin', data: 'a', size: 0xffffffff }]), message: /"big\.bin" uses zip64 sizes/ },
    { name: 'an encrypted entry', bytes: () => zip([{ name: 'secret.txt', data: 'x', flags: 1 }]), message: /"secret\.txt" is encrypted.*without a password/ },
    { name: 'an AES-encrypted entry', bytes: () => zip([{ name: 'aes.txt', data: 'x', method: 99 }]), message: /"aes\.txt" is encrypted/ },
    { name: 'an unsupported method', bytes: () => zip([{ name: 'b.txt', data: 'x', method: 12 }]), message: /"b\.txt" is compressed with method 12; only stored \(0\) and deflate \(8\)/ },
    { name: 'a path with ".."', bytes: () => zip([{ name: 'ok/../../evil.sh', data: 'x' }]), message: /"ok\/\.\.\/\.\.\/evil\.sh" cannot be read safely: path .* may not contain a "\.\." segment/ },
    { name: 'an absolute path', bytes: () => zip([{ name: '/etc/passwd', data: 'x' }]), message: /"\/etc\/passwd" cannot be read safely: .*may not start with "\/"/ },
    { name: 'a drive letter', bytes: () => zip([{ name: 'C:/boot.ini', data: 'x' }]), message: /"C:\/boot\.ini" cannot be read safely: .*drive letter/ },
    { name: 'a backslash traversal', bytes: () => zip([{ name: 'a\\..\\..\\evil', data: 'x' }]), message: /cannot be read safely: .*"\.\." segment/ },
    { name: 'a name twice (after normalising)', bytes: () => zip([{ name: 'a/b.txt', data: 'x' }, { name: './a//b.txt', data: 'y' }]), message: /"\.\/a\/\/b\.txt" appears twice/ },
  ];

  it.each(refusals)('refuses $name with AppError("invalid-zip")', async ({ bytes, message }) => {
    const error = await refusalOf(bytes());
    expect(error.code).toBe('invalid-zip');
    expect(error.message).toMatch(message);
  });

  it('refuses damaged archives: a directory outside the file, a missing local header, a name that is not UTF-8, a split archive', async () => {
    const good = zip([{ name: 'a.txt', data: 'alpha' }]);
    const end = good.length - 22;

    const outside = good.slice();
    new DataView(outside.buffer).setUint32(end + 16, 10_000, true);
    expect((await refusalOf(outside)).message).toMatch(/central directory \(\d+ bytes at 10000\) lies outside the file/);

    const noLocal = good.slice();
    noLocal[0] = 0;
    expect((await refusalOf(noLocal)).message).toBe('zip entry "a.txt" is damaged: its local header is missing');

    const badName = good.slice();
    const directoryOffset = new DataView(good.buffer).getUint32(end + 16, true);
    badName[directoryOffset + 46] = 0xff;
    expect((await refusalOf(badName)).message).toBe('zip entry 1 has a name that is not valid UTF-8: re-create the zip with UTF-8 file names');

    const split = good.slice();
    new DataView(split.buffer).setUint16(end + 4, 1, true);
    expect((await refusalOf(split)).message).toMatch(/split over several files/);

    const truncated = good.slice();
    new DataView(truncated.buffer).setUint16(end + 10, 2, true);
    new DataView(truncated.buffer).setUint16(end + 8, 2, true);
    expect((await refusalOf(truncated)).message).toBe('this zip is damaged: central directory record 2 of 2 is missing or corrupt');
  });
});
