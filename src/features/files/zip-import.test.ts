import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { md5Base64 } from '../../domain/digest';
import { AppError } from '../../domain/errors';
import { serializeManifest } from '../../domain/manifest';
import type { ManifestEntry } from '../../domain/types';
import { deflatedZeros } from '../../test/deflated-zeros';
import { writeTestZip } from '../../test/zip-writer';
import type { TestZipEntry } from '../../test/zip-writer';
import { checkManifestImport, importRefusal } from './manifest-import';
import { filesFromZip } from './zip-import';
import type { ZipReadProgress } from './zip-import';

const utf8 = (s: string) => new TextEncoder().encode(s);
const deflateRaw = (bytes: Uint8Array) => new Uint8Array(deflateRawSync(bytes));
const zipBlob = (entries: readonly TestZipEntry[]) => new Blob([writeTestZip(entries, { deflateRaw })]);

async function manifestOf(files: Record<string, string>): Promise<{ entries: ManifestEntry[]; text: string }> {
  const entries = await Promise.all(
    Object.entries(files)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(async ([path, text]) => ({ path, digest: await md5Base64(utf8(text)), size: utf8(text).length })),
  );
  return { entries, text: serializeManifest(entries) };
}

async function refusalOf(run: Promise<unknown>): Promise<AppError> {
  const error = await run.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

const contents = { 'train.csv': 'a,b\n'.repeat(200), 'nested/readme.md': '# data', 'empty.txt': '' };

describe('filesFromZip', () => {
  it('reads the manifest under a top-level folder and the files beside it, stored and deflated, and they pass the import check', async () => {
    const manifest = await manifestOf(contents);
    const zip = zipBlob([
      { name: 'export/', data: '' },
      { name: 'export/wandb_manifest.json', data: manifest.text, method: 8 },
      { name: 'export/train.csv', data: contents['train.csv'], method: 8 },
      { name: 'export/nested/readme.md', data: contents['nested/readme.md'] },
      { name: 'export/empty.txt', data: '', method: 8 },
      { name: 'elsewhere.txt', data: 'not beside the manifest' },
    ]);
    const progress: ZipReadProgress[] = [];
    const read = await filesFromZip(zip, { onProgress: (p) => progress.push(p) });
    expect(read.manifestText).toBe(manifest.text);
    expect(read.files.map((f) => f.path)).toEqual(['train.csv', 'nested/readme.md', 'empty.txt']);
    expect(await Promise.all(read.files.map((f) => f.blob.text()))).toEqual([contents['train.csv'], '# data', '']);
    expect(progress.at(-1)).toEqual({ filesDone: 3, filesTotal: 3 });

    const checked = await checkManifestImport(read.manifestText, read.files);
    expect(checked.problems).toEqual([]);
    expect(checked.entries).toEqual(manifest.entries);
  });

  it('gives a tampered file to the check, which names it', async () => {
    const manifest = await manifestOf(contents);
    const zip = zipBlob([
      { name: 'wandb_manifest.json', data: manifest.text },
      { name: 'train.csv', data: contents['train.csv'].replace('a,b', 'a,c'), method: 8 },
      { name: 'nested/readme.md', data: contents['nested/readme.md'] },
    ]);
    const read = await filesFromZip(zip);
    const checked = await checkManifestImport(read.manifestText, read.files);
    expect(checked.problems.map((p) => `${p.kind} ${p.path}`)).toEqual(['missing empty.txt', 'mismatch train.csv']);
    expect(importRefusal(checked.problems).message).toContain(`mismatch: "train.csv" expected ${manifest.entries[2]?.digest}`);
  });

  it('refuses a manifest written as UTF-16 (byte order mark) instead of decoding it as something else', async () => {
    const { text } = await manifestOf({ 'a.txt': 'a' });
    const utf16 = new Uint8Array(2 + text.length * 2);
    utf16.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) utf16.set([text.charCodeAt(i) & 255, text.charCodeAt(i) >> 8], 2 + i * 2);
    const refusal = await refusalOf(filesFromZip(zipBlob([{ name: 'wandb_manifest.json', data: utf16 }, { name: 'a.txt', data: 'a' }])));
    expect(refusal.code).toBe('invalid-manifest');
    expect(refusal.message).toContain('wandb_manifest.json is UTF-16 LE');
  });

  it('refuses a zip without a manifest, and entries that inflate to other sizes than listed or are not deflate data', async () => {
    const noManifest = await refusalOf(filesFromZip(zipBlob([{ name: 'a.txt', data: 'a' }])));
    expect(noManifest.code).toBe('invalid-manifest');
    expect(noManifest.message).toBe('the zip has no wandb_manifest.json: zip the folder that holds it next to the files');

    // Manifests that list each entry at the size its directory gives, so the entry is read.
    const listing = (path: string, size: number) => serializeManifest([{ path, digest: '1B2M2Y8AsgTpgAmY7PhCfg==', size }]);
    const big = 'x'.repeat(10_000);
    const bomb = writeTestZip([{ name: 'wandb_manifest.json', data: listing('bomb.bin', 100) }, { name: 'bomb.bin', data: big, method: 8 }], { deflateRaw });
    // Lower the size the directory lists for bomb.bin (both headers) to 100 bytes.
    const view = new DataView(bomb.buffer);
    for (let at = 0; at < bomb.length - 4; at++) {
      const signature = view.getUint32(at, true);
      if (signature === 0x04034b50 && bomb[at + 30] === 0x62) view.setUint32(at + 22, 100, true);
      if (signature === 0x02014b50 && bomb[at + 46] === 0x62) view.setUint32(at + 24, 100, true);
    }
    const tooBig = await refusalOf(filesFromZip(new Blob([bomb])));
    expect(tooBig.code).toBe('invalid-zip');
    expect(tooBig.message).toBe(
      'zip entry "bomb.bin" inflates to more than the 100 bytes its directory lists: the zip\'s directory lies about its size (damaged or hostile); nothing was read past that',
    );

    const short = writeTestZip([{ name: 'wandb_manifest.json', data: listing('short.bin', 5) }, { name: 'short.bin', data: 'abc', method: 8, size: 5 }], { deflateRaw });
    expect((await refusalOf(filesFromZip(new Blob([short])))).message).toBe(
      'zip entry "short.bin" inflates to 3 bytes, but its directory lists 5: the zip is damaged; re-create it',
    );

    const garbage = writeTestZip([{ name: 'wandb_manifest.json', data: listing('bad.bin', 3) }, { name: 'bad.bin', data: 'abc', method: 8 }], {
      deflateRaw: () => new Uint8Array([0xff, 0xff, 0xff, 0xff]),
    });
    const corrupt = await refusalOf(filesFromZip(new Blob([garbage])));
    expect(corrupt.code).toBe('invalid-zip');
    expect(corrupt.message).toMatch(/^zip entry "bad\.bin" could not be decompressed \(.+\): the zip is damaged; re-create it$/);
  });

  it('decompresses only the entries the manifest lists: an unlisted entry of 128 MiB of zeros is never read', async () => {
    const manifest = await manifestOf({ 'small.txt': 'hello' });
    const zeros = await deflatedZeros(128 * 1024 * 1024);
    const bytes = writeTestZip(
      [
        { name: 'wandb_manifest.json', data: manifest.text },
        { name: 'small.txt', data: 'hello', method: 8 },
        { name: 'zeros.bin', deflated: zeros },
      ],
      { deflateRaw },
    );
    // Reading the directory may touch the bomb's last bytes; decompressing it would slice all of them.
    const bombAt = Buffer.from(bytes).indexOf(Buffer.from(zeros.body.subarray(0, 64)));
    const sliced: [number, number][] = [];
    class SlicedBlob extends Blob {
      override slice(start?: number, end?: number, type?: string): Blob {
        sliced.push([start ?? 0, end ?? this.size]);
        return super.slice(start, end, type);
      }
    }
    const read = await filesFromZip(new SlicedBlob([bytes]));
    expect(read.files.map((f) => f.path)).toEqual(['small.txt']);
    expect(await read.files[0]?.blob.text()).toBe('hello');
    expect(read.unlisted).toEqual(['zeros.bin']);
    expect(sliced.filter(([start, end]) => start <= bombAt && end >= bombAt + zeros.body.length)).toEqual([]);

    const checked = await checkManifestImport(read.manifestText, read.files, { found: read });
    expect(checked.problems).toEqual([]);
    expect(checked.unlisted).toEqual(['zeros.bin']);
  });

  it('refuses unread a listed entry whose size in the directory is not the manifest\'s, and stops one that inflates past the size both list', async () => {
    const manifest = await manifestOf({ 'a.txt': 'abc', 'b.bin': 'x'.repeat(100) });
    const zeros = await deflatedZeros(64 * 1024 * 1024);
    const lying = await refusalOf(
      filesFromZip(zipBlob([{ name: 'wandb_manifest.json', data: manifest.text }, { name: 'a.txt', data: 'abc' }, { name: 'b.bin', deflated: zeros }])).then(
        async (read) => {
          expect(read.files.map((f) => f.path)).toEqual(['a.txt']);
          expect(read.problems).toEqual([{ path: 'b.bin', kind: 'mismatch', expected: '100 bytes', actual: "67108864 bytes (as the zip's directory lists)" }]);
          const checked = await checkManifestImport(read.manifestText, read.files, { found: read });
          throw importRefusal(checked.problems);
        },
      ),
    );
    expect(lying.message).toContain(`mismatch: "b.bin" expected 100 bytes, found 67108864 bytes (as the zip's directory lists)`);
    expect(lying.message).toContain('1 file(s) do not match their digest and 0 are missing');

    // Manifest and directory agree on 100 bytes; the data inflates to 64 MiB: stopped at byte 101.
    const bomb = await refusalOf(
      filesFromZip(zipBlob([{ name: 'wandb_manifest.json', data: manifest.text }, { name: 'a.txt', data: 'abc' }, { name: 'b.bin', deflated: zeros, size: 100 }])),
    );
    expect(bomb.code).toBe('invalid-zip');
    expect(bomb.message).toBe(
      'zip entry "b.bin" inflates to more than the 100 bytes its directory lists: the zip\'s directory lies about its size (damaged or hostile); nothing was read past that',
    );
  });

  it('stops when cancelled', async () => {
    const manifest = await manifestOf(contents);
    const zip = zipBlob([{ name: 'wandb_manifest.json', data: manifest.text }, { name: 'train.csv', data: contents['train.csv'] }]);
    const controller = new AbortController();
    controller.abort();
    expect((await refusalOf(filesFromZip(zip, { signal: controller.signal }))).code).toBe('cancelled');
  });
});
