import { describe, expect, it } from 'vitest';
import { AppError } from '../../domain/errors';
import { md5Base64 } from '../../domain/digest';
import { serializeManifest } from '../../domain/manifest';
import type { ManifestEntry } from '../../domain/types';
import { createMemoryStore } from '../../store/memory-store';
import { makeManifest } from '../../test/builders';
import { parseDelimited } from './delimited';
import { imageMimeOf, looksLikeText, previewKindOf } from './file-kind';
import { ancestorFolders, buildFileTree, flattenTree } from './file-tree';
import { checkManifestImport, filesFromFolderInput, importRefusal } from './manifest-import';
import { verifyEntries } from './verify';
import { safeZipEntryName, uniqueZipEntryNames, zipEntryPlan, zipRenamesText } from './zip-entry-name';

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('previewKindOf', () => {
  it.each([
    ['a/b.png', 'image'],
    ['x.JPG', 'image'],
    ['logo.svg', 'image'],
    ['README.md', 'markdown'],
    ['m.json', 'json'],
    ['t.csv', 'csv'],
    ['t.tsv', 'tsv'],
    ['page.html', 'text'],
    ['train.py', 'text'],
    ['LICENSE', 'text'],
    ['model.bin', 'binary'],
  ])('%s → %s', (path, kind) => expect(previewKindOf(path)).toBe(kind));

  it('gives image MIME types, SVG included, and none to others', () => {
    expect(imageMimeOf('a.webp')).toBe('image/webp');
    expect(imageMimeOf('a.svg')).toBe('image/svg+xml');
    expect(imageMimeOf('a.html')).toBeNull();
  });

  it('tells text from binary bytes, also when a UTF-8 sequence is cut at 8 KiB', () => {
    expect(looksLikeText(utf8('hello'))).toBe(true);
    expect(looksLikeText(new Uint8Array([1, 0, 2]))).toBe(false);
    expect(looksLikeText(new Uint8Array([0xff, 0xfe, 0x41]))).toBe(false);
    expect(looksLikeText(utf8('a'.repeat(8191) + 'é' + 'b'))).toBe(true);
  });
});

describe('parseDelimited', () => {
  it('reads quoted fields, doubled quotes, CRLF and embedded new lines', () => {
    const { rows, truncated } = parseDelimited('a,b\r\n"x, y","say ""hi"""\n"multi\nline",2\n', ',', 10);
    expect(rows).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"'],
      ['multi\nline', '2'],
    ]);
    expect(truncated).toBe(false);
  });

  it('stops after maxRows and says so; drops a row cut off when the text is partial', () => {
    expect(parseDelimited('1\n2\n3\n', ',', 2)).toEqual({ rows: [['1'], ['2']], truncated: true });
    expect(parseDelimited('a\tb\nc\td', '\t', 10, false)).toEqual({ rows: [['a', 'b']], truncated: true });
    expect(parseDelimited('a\tb\nc\td', '\t', 10)).toEqual({ rows: [['a', 'b'], ['c', 'd']], truncated: false });
  });

  it('shows the start of a first row longer than the text read, saying so (issue 22 item 11)', () => {
    const oneLine = Array.from({ length: 50_000 }, (_, i) => `c${i}`).join(',');
    const cut = oneLine.slice(0, 100_000);
    const { rows, truncated, problem } = parseDelimited(cut, ',', 10, false);
    expect(problem).toEqual({ kind: 'first-row-cut' });
    expect(truncated).toBe(true);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.slice(0, 3)).toEqual(['c0', 'c1', 'c2']);
  });

  it('stops at a quote that never closes and says where, keeping the rows before it', () => {
    expect(parseDelimited('"a,b\n1,2\n', ',', 10)).toEqual({ rows: [], truncated: true, problem: { kind: 'unclosed-quote', row: 0, offset: 0 } });
    expect(parseDelimited('h1,h2\nx,"open\n3,4\n', ',', 10)).toEqual({
      rows: [['h1', 'h2']],
      truncated: true,
      problem: { kind: 'unclosed-quote', row: 1, offset: 8 },
    });
  });
});

describe('safeZipEntryName', () => {
  it.each([
    ['a/b.txt', 'a/b.txt'],
    ['../../etc/passwd', 'etc/passwd'],
    ['/abs/x', 'abs/x'],
    ['C:/win/x', 'win/x'],
    ['a\\..\\b', 'a/b'],
    ['./a/./b', 'a/b'],
    ['a/\u0001b', 'a/_b'],
    ['..', '_'],
  ])('%s → %s', (path, name) => expect(safeZipEntryName(path)).toBe(name));

  it('keeps names unique after sanitising', () => {
    expect(uniqueZipEntryNames(['a/b', '/a/b', '../a/b'])).toEqual(['a/b', 'a/b (2)', 'a/b (3)']);
  });

  // Issue 22: names Windows cannot create.
  it.each([
    ['CON', '_CON'],
    ['data/NUL.txt', 'data/_NUL.txt'],
    ['aux.c', '_aux.c'],
    ['com1', '_com1'],
    ['LPT9.tar.gz', '_LPT9.tar.gz'],
    ['CON /x', 'CON_/x'],
    ['console.txt', 'console.txt'],
    ['ads.txt:stream', 'ads.txt_stream'],
    ['a*b?c|d<e>f"g', 'a_b_c_d_e_f_g'],
    ['trailing.', 'trailing_'],
    ['dir. /x.txt ', 'dir_/x.txt_'],
    ['...', '_'],
    [`${'é'.repeat(200)}.txt`, `${'é'.repeat(125)}~.txt`],
    [`${'x'.repeat(300)}`, `${'x'.repeat(254)}~`],
  ])('%s → %s (Windows-safe)', (path, name) => expect(safeZipEntryName(path)).toBe(name));

  it('gives names that differ only in case or Unicode form distinct names, before the extension', () => {
    expect(uniqueZipEntryNames(['A.txt', 'a.txt', 'dir/Cafe\u0301.csv', 'dir/caf\u00e9.csv', 'DIR/x', 'dir/X'])).toEqual([
      'A.txt',
      'a (2).txt',
      'dir/Cafe\u0301.csv',
      'dir/caf\u00e9 (2).csv',
      'DIR/x',
      'dir/X (2)',
    ]);
    // A file may not take the name of a folder an earlier entry made.
    expect(uniqueZipEntryNames(['Data/b.txt', 'data'])).toEqual(['Data/b.txt', 'data (2)']);
    // Nor a folder the name of an earlier file: the folder is renamed for all its files.
    expect(uniqueZipEntryNames(['DATA', 'data/b.txt', 'data/c/d.txt', 'Data/e.txt', 'other/DATA/x'])).toEqual([
      'DATA',
      'data (2)/b.txt',
      'data (2)/c/d.txt',
      'data (2)/e.txt',
      'other/DATA/x',
    ]);
  });

  it('lists every renamed entry in a file of the zip, named clear of the entries', () => {
    const plan = zipEntryPlan(['CON', 'ok.txt', 'A.txt', 'a.txt', 'RENAMED_FILES.json']);
    expect(plan.names).toEqual(['_CON', 'ok.txt', 'A.txt', 'a (2).txt', 'RENAMED_FILES.json']);
    expect(plan.renames).toEqual([
      { path: 'CON', name: '_CON' },
      { path: 'a.txt', name: 'a (2).txt' },
    ]);
    expect(plan.renamesFile).toBe('RENAMED_FILES (2).json');
    expect((JSON.parse(zipRenamesText(plan.renames)) as { renamed: unknown }).renamed).toEqual([
      { path: 'CON', name: '_CON' },
      { path: 'a.txt', name: 'a (2).txt' },
    ]);
    expect(zipEntryPlan(['a.txt', 'b/c.txt'])).toEqual({ names: ['a.txt', 'b/c.txt'], renames: [], renamesFile: null });
  });
});

describe('file tree', () => {
  const entries: ManifestEntry[] = [
    { path: 'README.md', digest: 'd1', size: 10 },
    { path: 'images/a.png', digest: 'd2', size: 100 },
    { path: 'images/deep/b.png', digest: 'd3', size: 1000 },
    { path: 'images/deep/c.png', digest: 'r', size: 5, ref: 's3://b/c.png' },
    { path: 'z.txt', digest: 'd4', size: 1 },
  ];

  it('sums sizes, file and reference counts per folder', () => {
    const root = buildFileTree(entries);
    expect(root.fileCount).toBe(5);
    expect(root.size).toBe(1116);
    const images = root.folders[0];
    expect(images?.path).toBe('images');
    expect(images?.size).toBe(1105);
    expect(images?.folders[0]?.referenceCount).toBe(1);
  });

  it('flattens folders first, children of expanded folders only', () => {
    const root = buildFileTree(entries);
    const label = (rows: ReturnType<typeof flattenTree>) =>
      rows.map((r) => `${r.depth}:${r.kind === 'folder' ? `${r.node.path}/` : (entries[r.index]?.path ?? '')}`);
    expect(label(flattenTree(root, new Set()))).toEqual(['0:images/', '0:README.md', '0:z.txt']);
    expect(label(flattenTree(root, new Set(ancestorFolders('images/deep/b.png'))))).toEqual([
      '0:images/',
      '1:images/deep/',
      '2:images/deep/b.png',
      '2:images/deep/c.png',
      '1:images/a.png',
      '0:README.md',
      '0:z.txt',
    ]);
  });

  it('builds the tree of 100,000 entries quickly', () => {
    const big = makeManifest(100_000, 3, { perFolder: 1000 });
    const t0 = performance.now();
    const root = buildFileTree(big);
    const rows = flattenTree(root, new Set());
    const took = performance.now() - t0;
    expect(root.fileCount).toBe(100_000);
    expect(rows.length).toBeGreaterThan(0);
    // Generous: a shared, loaded VM; the browser bench (bench/files-tab-bench.ts) is the real measure.
    expect(took).toBeLessThan(3000);
  });
});

async function storeWithVersion(files: Record<string, string>) {
  const store = createMemoryStore();
  const entries: ManifestEntry[] = [];
  const blobs = [];
  for (const [path, text] of Object.entries(files)) {
    const bytes = utf8(text);
    const digest = await md5Base64(bytes);
    entries.push({ path, digest, size: bytes.length });
    blobs.push({ digest, blob: new Blob([bytes]) });
  }
  await store.putBlobs(blobs);
  const { version } = await store.commitVersion({ project: 'p', artifactName: 'a', type: 'dataset', entries });
  return { store, version, entries: await store.readManifest(version.id) };
}

describe('verifyEntries', () => {
  it('passes when every blob hashes to its digest, and counts references apart', async () => {
    const { store, entries } = await storeWithVersion({ 'a.txt': 'alpha', 'b/c.txt': 'gamma', 'd.txt': 'alpha' });
    const withRef = [...entries, { path: 'r.bin', digest: 'etag', ref: 's3://b/r.bin', size: 3 }];
    const progress: number[] = [];
    const report = await verifyEntries(store, withRef, { onProgress: (p) => progress.push(p.filesDone) });
    expect(report.problems).toEqual([]);
    expect(report.checkedFiles).toBe(3);
    expect(report.references).toBe(1);
    expect(progress.at(-1)).toBe(3);
  });

  it('reports mismatched and missing bytes by path', async () => {
    const { store, entries } = await storeWithVersion({ 'a.txt': 'alpha', 'b.txt': 'beta' });
    const tampered = {
      readBlob: async (digest: string) => {
        const real = await store.readBlob(digest);
        return digest === entries[0]?.digest ? new Blob(['alphA']) : real;
      },
    };
    const missing = { path: 'gone.txt', digest: await md5Base64(utf8('never stored')), size: 12 };
    const report = await verifyEntries(tampered, [...entries, missing]);
    expect(report.problems).toEqual([
      { path: 'a.txt', kind: 'mismatch', expected: entries[0]?.digest, actual: await md5Base64(utf8('alphA')), size: 5 },
      { path: 'gone.txt', kind: 'missing', expected: missing.digest, actual: null, size: 12 },
    ]);
  });

  it('reports every damaged file with its own problem and finishes, whatever the store throws for one', async () => {
    const { store, entries } = await storeWithVersion({ 'a.txt': 'alpha', 'b.txt': 'bravo', 'c.txt': 'charlie', 'd.txt': 'delta', 'e.txt': 'echo' });
    const [a, b, c, d] = entries;
    const damaged = {
      readBlob: async (digest: string): Promise<Blob> => {
        if (digest === a?.digest) throw new AppError('internal', `blob ${digest} is missing piece 0; run an integrity check`);
        if (digest === b?.digest) return new Blob(['bra']); // cut short
        if (digest === c?.digest) throw new AppError('not-found', 'no bytes are stored');
        if (digest === d?.digest) return new Blob(['deltA']);
        return store.readBlob(digest);
      },
    };
    const report = await verifyEntries(damaged, entries);
    expect(report.problems.map((p) => [p.path, p.kind, p.detail])).toEqual([
      ['a.txt', 'truncated', expect.stringContaining('missing piece 0')],
      ['b.txt', 'truncated', '3 of 5 bytes are stored'],
      ['c.txt', 'missing', undefined],
      ['d.txt', 'mismatch', undefined],
    ]);
  });
});

describe('manifest import', () => {
  it('takes files next to the manifest from a folder input', () => {
    const file = (rel: string) => {
      const f = new File(['x'], rel.split('/').pop() ?? rel);
      Object.defineProperty(f, 'webkitRelativePath', { value: rel });
      return f;
    };
    const picked = filesFromFolderInput([file('top/export/wandb_manifest.json'), file('top/export/a/b.txt'), file('top/other.txt')]);
    expect(picked.manifest?.name).toBe('wandb_manifest.json');
    expect(picked.files.map((f) => f.path)).toEqual(['a/b.txt']);
  });

  it('accepts matching files and returns one blob per digest', async () => {
    const { entries } = await storeWithVersion({ 'a.txt': 'alpha', 'b/c.txt': 'alpha', 'd.txt': 'delta' });
    const checked = await checkManifestImport(serializeManifest(entries), [
      { path: 'a.txt', blob: new Blob(['alpha']) },
      { path: 'b/c.txt', blob: new Blob(['alpha']) },
      { path: 'd.txt', blob: new Blob(['delta']) },
      { path: 'notes.txt', blob: new Blob(['n']) },
    ]);
    expect(checked.problems).toEqual([]);
    expect(checked.entries).toEqual(entries);
    expect(checked.blobs).toHaveLength(2);
    expect(checked.unlisted).toEqual(['notes.txt']);
  });

  it('lists every mismatch and missing file, and the refusal names them', async () => {
    const { entries } = await storeWithVersion({ 'a.txt': 'alpha', 'b.txt': 'beta', 'c.txt': 'gamma' });
    const checked = await checkManifestImport(serializeManifest(entries), [
      { path: 'a.txt', blob: new Blob(['alphA']) },
      { path: 'b.txt', blob: new Blob(['be']) },
    ]);
    expect(checked.problems.map((p) => `${p.kind} ${p.path}`)).toEqual(['mismatch a.txt', 'mismatch b.txt', 'missing c.txt']);
    const refusal = importRefusal(checked.problems);
    expect(refusal.code).toBe('digest-mismatch');
    expect(refusal.message).toContain('mismatch: "a.txt"');
    expect(refusal.message).toContain('expected 4 bytes, found 2 bytes');
    expect(refusal.message).toContain('missing: "c.txt"');
  });

  it('refuses a manifest (also one read from a zip) holding a file and a folder of one name, naming both', async () => {
    const manifest = JSON.stringify({
      version: 1,
      contents: { a: { digest: '1B2M2Y8AsgTpgAmY7PhCfg==', size: 0 }, 'a/b': { digest: '1B2M2Y8AsgTpgAmY7PhCfg==', size: 0 } },
    });
    const files = [{ path: 'a', blob: new Blob([]) }];
    await expect(checkManifestImport(manifest, files)).rejects.toMatchObject({
      code: 'duplicate-path',
      message: expect.stringContaining('path "a" is a file, but "a/b" puts a file inside a folder of that name') as unknown,
    });
  });

  it('refuses a manifest that is not JSON or not a manifest', async () => {
    await expect(checkManifestImport('{nope', [])).rejects.toMatchObject({ code: 'invalid-manifest' });
    await expect(checkManifestImport('{"version": 1, "contents": {"a": {"digest": 5}}}', [])).rejects.toMatchObject({
      code: 'invalid-manifest',
    });
  });
});
