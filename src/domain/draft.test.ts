import { describe, expect, it } from 'vitest';
import { artifactDigest } from './digest';
import {
  addDropped,
  addFiles,
  addReferences,
  changedPaths,
  createDraft,
  draftClashError,
  draftContents,
  draftDiff,
  draftItemMark,
  draftItems,
  droppedFolders,
  filesLeftOutOfSnapshot,
  keepsTopFolder,
  originalDropName,
  removePath,
  resolveDraft,
  setBase,
  setKeepTopFolder,
  setPrefix,
  setStartFrom,
  wholeFolderOf,
} from './draft';
import type { Draft, DraftBase, DroppedFile } from './draft';
import { isUnchecksummedReference, parseReferenceList, referenceEntry } from './draft-references';
import { AppError } from './errors';
import type { ManifestEntry } from './types';

/** A dropped "file" is its content string here; its digest is looked up in `digests`. */
type F = string;
const entry = (path: string, digest: string, size = 1): ManifestEntry => ({ path, digest, size });
const dropped = (dropPath: string, content = dropPath): DroppedFile<F> => ({ dropPath, size: content.length, file: content });
const digestOf = (content: F): string => `md5(${content})`;

const base: DraftBase = {
  index: 3,
  entries: [entry('a.txt', 'A'), entry('data/x.csv', 'X'), entry('data/y.csv', 'Y'), entry('data2/z.csv', 'Z'), entry('readme.md', 'R')],
};

function paths(draft: Draft<F>): string[] {
  return draftItems(draft).map((item) => `${item.origin}:${item.path}`);
}

function refusal(run: () => unknown): { code: string; message: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected an AppError');
}

describe('draft change set', () => {
  const cases: { name: string; build: () => Draft<F>; expected: string[] }[] = [
    { name: 'a new artifact starts empty', build: () => createDraft<F>(null), expected: [] },
    {
      name: 'starting from vN copies its entries',
      build: () => createDraft<F>(base),
      expected: ['base:a.txt', 'base:data/x.csv', 'base:data/y.csv', 'base:data2/z.csv', 'base:readme.md'],
    },
    {
      name: '"replace all contents" drops the base entries',
      build: () => addFiles(setStartFrom(createDraft<F>(base), 'empty'), [dropped('b.txt')]),
      expected: ['file:b.txt'],
    },
    {
      name: 'a dropped file replaces the base entry at its path and adds new ones',
      build: () => addFiles(createDraft<F>(base), [dropped('a.txt', 'new a'), dropped('new.txt')]),
      expected: ['file:a.txt', 'base:data/x.csv', 'base:data/y.csv', 'base:data2/z.csv', 'file:new.txt', 'base:readme.md'],
    },
    {
      name: 'remove("data") removes every path under data/ but not data2/',
      build: () => removePath(createDraft<F>(base), 'data'),
      expected: ['base:a.txt', 'base:data2/z.csv', 'base:readme.md'],
    },
    {
      name: 'remove of one file, path normalised first',
      build: () => removePath(createDraft<F>(base), './data//x.csv'),
      expected: ['base:a.txt', 'base:data/y.csv', 'base:data2/z.csv', 'base:readme.md'],
    },
    {
      name: 'a file dropped after a removal comes back as an addition',
      build: () => setKeepTopFolder(addFiles(removePath(createDraft<F>(base), 'data'), [dropped('data/x.csv', 'again')]), true),
      expected: ['base:a.txt', 'file:data/x.csv', 'base:data2/z.csv', 'base:readme.md'],
    },
    {
      name: 'remove also takes dropped files out',
      build: () => removePath(addFiles(createDraft<F>(null), [dropped('d/one'), dropped('d/two'), dropped('keep')]), 'keep'),
      expected: ['file:one', 'file:two'],
    },
    {
      name: 'one dropped folder loses its own name',
      build: () => addFiles(createDraft<F>(null), [dropped('photos/cat.jpg'), dropped('photos/dogs/rex.jpg')]),
      expected: ['file:cat.jpg', 'file:dogs/rex.jpg'],
    },
    {
      name: 'several dropped folders keep their names',
      build: () => addFiles(createDraft<F>(null), [dropped('photos/cat.jpg'), dropped('labels/cat.txt')]),
      expected: ['file:labels/cat.txt', 'file:photos/cat.jpg'],
    },
    {
      name: 'the user can keep the single folder name',
      build: () => setKeepTopFolder(addFiles(createDraft<F>(null), [dropped('photos/cat.jpg')]), true),
      expected: ['file:photos/cat.jpg'],
    },
    {
      name: 'the prefix puts dropped files (not base entries) under a folder',
      build: () => setPrefix(addFiles(createDraft<F>(base), [dropped('photos/cat.jpg'), dropped('loose.txt')]), '/images/'),
      expected: [
        'base:a.txt',
        'base:data/x.csv',
        'base:data/y.csv',
        'base:data2/z.csv',
        'file:images/cat.jpg',
        'file:images/loose.txt',
        'base:readme.md',
      ],
    },
    {
      name: 'the later of two drops at one path wins',
      build: () => addFiles(addFiles(createDraft<F>(null), [dropped('f.txt', 'old')]), [dropped('f.txt', 'new')]),
      expected: ['file:f.txt'],
    },
    {
      name: 'items come out in code-point order (astral after U+FFFD)',
      build: () => addFiles(createDraft<F>(null), [dropped('\u{1F600}.txt'), dropped('\uFFFD.txt'), dropped('Z.txt')]),
      expected: ['file:Z.txt', 'file:\uFFFD.txt', 'file:\u{1F600}.txt'],
    },
    {
      name: 'a reference replaces a base entry at its path',
      build: () => addReferences(createDraft<F>(base), [{ path: 'readme.md', digest: 's3://b/readme.md', ref: 's3://b/readme.md' }]),
      expected: ['base:a.txt', 'base:data/x.csv', 'base:data/y.csv', 'base:data2/z.csv', 'reference:readme.md'],
    },
    {
      name: 'changing the base forgets removals made against the old one',
      build: () => setBase(removePath(createDraft<F>(base), 'data'), { index: 4, entries: [entry('data/x.csv', 'X2')] }),
      expected: ['base:data/x.csv'],
    },
  ];

  it.each(cases)('$name', ({ build, expected }) => {
    expect(paths(build())).toEqual(expected);
  });

  it('keeps the later file when the same path is dropped twice', () => {
    const draft = addFiles(addFiles(createDraft<F>(null), [dropped('f.txt', 'old')]), [dropped('f.txt', 'new')]);
    expect(resolveDraft(draftItems(draft), digestOf).entries).toEqual([entry('f.txt', 'md5(new)', 3)]);
  });

  it('reports which dropped folders it saw and whether it keeps their names', () => {
    const one = addFiles(createDraft<F>(null), [dropped('photos/a'), dropped('photos/b/c'), dropped('loose')]);
    expect([droppedFolders(one), keepsTopFolder(one)]).toEqual([['photos'], false]);
    const two = addFiles(one, [dropped('labels/a')]);
    expect([droppedFolders(two), keepsTopFolder(two)]).toEqual([['labels', 'photos'], true]);
  });

  const refusals: { name: string; run: () => unknown; code: string; message: RegExp }[] = [
    { name: 'removing a missing path', run: () => removePath(createDraft<F>(base), 'nope'), code: 'not-found', message: /"nope"/ },
    { name: 'removing a traversal', run: () => removePath(createDraft<F>(base), '../a'), code: 'invalid-path', message: /"\.\."/ },
    { name: 'a prefix with ..', run: () => setPrefix(createDraft<F>(null), 'a/../b'), code: 'invalid-path', message: /"a\/\.\.\/b"/ },
    {
      name: 'a dropped path with a drive letter',
      run: () => draftItems(addFiles(createDraft<F>(null), [dropped('C:x.txt')])),
      code: 'invalid-path',
      message: /drive letter/,
    },
    { name: '"start from" without a base', run: () => setStartFrom(createDraft<F>(null), 'base'), code: 'not-found', message: /new artifact/ },
  ];

  it('names every dropped file whose name cannot be stored (the count and the first five), not only the first', () => {
    const bad = ['C:a.txt', 'x/../../b.txt', 'C:c.txt', 'D:d.txt', 'E:e.txt', 'F:f.txt', 'G:g.txt'];
    const error = refusal(() => draftItems(addFiles(createDraft<F>(null), [dropped('ok.txt'), ...bad.map((p) => dropped(p))])));
    expect(error.code).toBe('invalid-path');
    expect(error.message).toMatch(/^7 files have names that cannot be stored:\n/);
    for (const name of ['C:a.txt', 'C:c.txt', 'D:d.txt', 'E:e.txt']) expect(error.message).toContain(name);
    expect(error.message).toContain('…and 2 more');
  });

  it.each(refusals)('refuses $name', ({ run, code, message }) => {
    const error = refusal(run);
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
  });

  it('does not let "replace all contents" remove base entries by mistake', () => {
    const draft = setStartFrom(createDraft<F>(base), 'empty');
    expect(refusal(() => removePath(draft, 'a.txt')).code).toBe('not-found');
  });
});

describe('additions that land on one path (issue 22: never drop one silently)', () => {
  const named = (dropPath: string, fileName: string, content = fileName): DroppedFile<F> => ({ dropPath, fileName, size: content.length, file: content });

  const clashes: { name: string; build: () => Draft<F>; names: [string, string]; path: string }[] = [
    {
      // Chromium on Linux reports a file named "a\b.txt" with the webkitRelativePath "top/a/b.txt".
      name: 'a file named "a\\b.txt" beside a real "a/b.txt" in one pick',
      build: () => addFiles(createDraft<F>(null), [named('top/a/b.txt', 'a\\b.txt'), named('top/a/b.txt', 'b.txt')]),
      names: ['top/a\\b.txt', 'top/a/b.txt'],
      path: 'a/b.txt',
    },
    {
      name: 'two dropped paths that normalise to one ("./x" and "x")',
      build: () => addFiles(createDraft<F>(null), [dropped('./x.txt', 'one'), dropped('x.txt', 'two')]),
      names: ['./x.txt', 'x.txt'],
      path: 'x.txt',
    },
    {
      name: 'a folder\'s file and a loose file once the folder name is dropped',
      build: () => addFiles(createDraft<F>(null), [dropped('photos/cat.jpg', 'in folder'), dropped('cat.jpg', 'loose')]),
      names: ['photos/cat.jpg', 'cat.jpg'],
      path: 'cat.jpg',
    },
    {
      name: 'two folders dropped apart whose names are not kept',
      build: () =>
        setKeepTopFolder(addFiles(addFiles(createDraft<F>(null), [dropped('x/a.txt', 'x')]), [dropped('y/a.txt', 'y')]), false),
      names: ['x/a.txt', 'y/a.txt'],
      path: 'a.txt',
    },
    {
      name: 'a dropped file and a pasted reference',
      build: () => addReferences(addFiles(createDraft<F>(null), [dropped('m.bin')]), [{ path: 'm.bin', digest: 's3://b/m.bin', ref: 's3://b/m.bin' }]),
      names: ['m.bin', 's3://b/m.bin'],
      path: 'm.bin',
    },
    {
      name: 'references with one file name from two pastes',
      build: () =>
        addReferences(addReferences(createDraft<F>(null), [{ path: 'x.csv', digest: 's3://a/x.csv', ref: 's3://a/x.csv' }]), [
          { path: 'x.csv', digest: 's3://b/x.csv', ref: 's3://b/x.csv' },
        ]),
      names: ['s3://a/x.csv', 's3://b/x.csv'],
      path: 'x.csv',
    },
  ];

  it.each(clashes)('stops $name, naming both', ({ build, names, path }) => {
    const draft = build();
    const contents = draftContents(draft);
    expect(contents.clashes).toEqual([{ path, names }]);
    const error = refusal(() => draftItems(draft));
    expect(error.code).toBe('duplicate-path');
    expect(error.message).toContain(`${JSON.stringify(names[0])} and ${JSON.stringify(names[1])} both become ${JSON.stringify(path)}`);
    // Both stay in the draft: removing the path clears the clash.
    expect(draftClashError(draftContents(removePath(draft, path)))).toBeNull();
  });

  it('lets the same file dropped again replace the earlier drop', () => {
    const draft = addFiles(addFiles(createDraft<F>(null), [named('top/a/b.txt', 'b.txt', 'old')]), [named('top/a/b.txt', 'b.txt', 'new')]);
    expect(draftContents(draft).clashes).toEqual([]);
    expect(resolveDraft(draftItems(draft), digestOf).entries).toEqual([entry('a/b.txt', 'md5(new)', 3)]);
  });

  it('names at most five clashes and counts the rest', () => {
    const files = Array.from({ length: 7 }, (_, k) => [dropped(`./f${k}`, `a${k}`), dropped(`f${k}`, `b${k}`)]).flat();
    const error = refusal(() => draftItems(addFiles(createDraft<F>(null), files)));
    expect(error.message).toMatch(/^7 pairs of added files land on the same path/);
    expect(error.message).toContain('"f4" both become "f4"; and 2 more');
    expect(error.message).not.toContain('"f5"');
  });

  const folderClashes: { name: string; build: () => Draft<F>; file: string; inside: string }[] = [
    {
      name: 'a dropped file named like a base folder',
      build: () => addFiles(createDraft<F>(base), [dropped('data', 'a file')]),
      file: 'data',
      inside: 'data/x.csv',
    },
    {
      name: '"Put dropped files under" a base file\'s name',
      build: () => setPrefix(addFiles(createDraft<F>(base), [dropped('b.txt')]), 'a.txt'),
      file: 'a.txt',
      inside: 'a.txt/b.txt',
    },
    {
      name: 'a file and a folder of one name in one drop',
      build: () => addFiles(createDraft<F>(null), [dropped('top/a'), dropped('top/a/b'), dropped('other/x')]),
      file: 'top/a',
      inside: 'top/a/b',
    },
  ];

  it.each(folderClashes)('refuses $name, naming both paths', ({ build, file, inside }) => {
    const error = refusal(() => draftItems(build()));
    expect(error.code).toBe('duplicate-path');
    expect(error.message).toContain(`path ${JSON.stringify(file)} is a file, but ${JSON.stringify(inside)} puts a file inside a folder of that name`);
  });

  const originals: [string, string | undefined, string][] = [
    ['top/a/b.txt', 'a\\b.txt', 'top/a\\b.txt'],
    ['a/b.txt', 'a\\b.txt', 'a\\b.txt'],
    ['top/b.txt', 'b.txt', 'top/b.txt'],
    ['top/b.txt', undefined, 'top/b.txt'],
    ['top/b.txt', 'other', 'top/b.txt (file name "other")'],
  ];
  it.each(originals)('shows %j named %j as %j', (dropPath, fileName, shown) => {
    expect(originalDropName(dropPath, fileName)).toBe(shown);
  });
});

describe('resolving and diffing a draft', () => {
  it('lists dropped files that are not hashed yet and leaves them out of the entries', () => {
    const draft = addFiles(createDraft<F>(base), [dropped('a.txt', 'new a'), dropped('b.txt')]);
    const known = new Map([['new a', 'NEWA']]);
    const { entries, unhashed } = resolveDraft(draftItems(draft), (f) => known.get(f));
    expect(unhashed.map((item) => item.path)).toEqual(['b.txt']);
    expect(entries.map((e) => `${e.path}=${e.digest}`)).toEqual(['a.txt=NEWA', 'data/x.csv=X', 'data/y.csv=Y', 'data2/z.csv=Z', 'readme.md=R']);
  });

  const diffCases: { name: string; build: () => Draft<F>; counts: [number, number, number, number] }[] = [
    { name: 'nothing changed', build: () => createDraft<F>(base), counts: [0, 0, 0, 5] },
    { name: 'one file replaced with other bytes', build: () => addFiles(createDraft<F>(base), [dropped('a.txt', 'v2')]), counts: [0, 0, 1, 4] },
    { name: 'a folder removed and a file added', build: () => addFiles(removePath(createDraft<F>(base), 'data'), [dropped('n.txt')]), counts: [1, 2, 0, 3] },
    { name: 'replace all contents with nothing', build: () => setStartFrom(createDraft<F>(base), 'empty'), counts: [0, 5, 0, 0] },
    { name: 'a new artifact adds everything', build: () => addFiles(createDraft<F>(null), [dropped('x'), dropped('y')]), counts: [2, 0, 0, 0] },
  ];

  it.each(diffCases)('$name: [added, removed, modified, unchanged] = $counts', ({ build, counts }) => {
    const draft = build();
    const { entries } = resolveDraft(draftItems(draft), digestOf);
    const diff = draftDiff(draft, entries);
    expect([diff.added.length, diff.removed.length, diff.modified.length, diff.unchanged]).toEqual(counts);
  });

  it('re-dropping identical bytes changes nothing (same artifact digest as the base)', async () => {
    const stored: DraftBase = { index: 0, entries: [entry('a.txt', digestOf('hello'), 5), entry('b/c.txt', digestOf('my'), 2)] };
    const draft = addFiles(setStartFrom(createDraft<F>(stored), 'empty'), [dropped('root/a.txt', 'hello'), dropped('root/b/c.txt', 'my')]);
    const { entries } = resolveDraft(draftItems(draft), digestOf);
    expect(await artifactDigest(entries)).toBe(await artifactDigest(stored.entries));
    expect(draftDiff(draft, entries).unchanged).toBe(2);
  });
});

describe('reference entries (wandb-spec §3)', () => {
  it('parses one URI per line, skipping blanks and comments, naming each by its last segment', () => {
    const text = '  s3://bucket/data/train.csv \n\n# a comment\ngs://b2/img%20one.png\r\nhttps://example.com/files/model.bin?sig=1\nhttps://example.com/';
    expect(parseReferenceList(text)).toEqual([
      { uri: 's3://bucket/data/train.csv', path: 'train.csv' },
      { uri: 'gs://b2/img%20one.png', path: 'img one.png' },
      { uri: 'https://example.com/files/model.bin?sig=1', path: 'model.bin' },
      { uri: 'https://example.com/', path: 'example.com' },
    ]);
  });

  const bad: { text: string; code: string; message: RegExp }[] = [
    { text: 'not a uri', code: 'invalid-path', message: /line 1: "not a uri" is not a URI/ },
    { text: 's3://a/x.csv\ns3://b/x.csv', code: 'duplicate-path', message: /line 2: path "x.csv" is already taken by line 1/ },
    { text: '\nhttps://h/..', code: 'invalid-path', message: /line 2: .* gives no usable file name/ },
  ];
  it.each(bad)('refuses $text', ({ text, code, message }) => {
    const error = refusal(() => parseReferenceList(text));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
  });

  const entries: { name: string; uri: string; head: { etag: string | null; size: number | null } | null; expected: ManifestEntry }[] = [
    {
      name: 'https with a quoted ETag',
      uri: 'https://h/file1.txt',
      head: { etag: '"abc"', size: 256 },
      expected: { path: 'file1.txt', ref: 'https://h/file1.txt', digest: 'abc', size: 256, extra: { etag: '"abc"' } },
    },
    {
      name: 'https without an ETag',
      uri: 'https://h/f.bin',
      head: { etag: null, size: 10 },
      expected: { path: 'f.bin', ref: 'https://h/f.bin', digest: 'https://h/f.bin', size: 10 },
    },
    {
      name: 'https that CORS kept from answering',
      uri: 'https://h/f.bin',
      head: null,
      expected: { path: 'f.bin', ref: 'https://h/f.bin', digest: 'https://h/f.bin' },
    },
    {
      name: 's3 (no checksum from the browser)',
      uri: 's3://bucket/k/v.parquet',
      head: { etag: '"x"', size: 5 },
      expected: { path: 'v.parquet', ref: 's3://bucket/k/v.parquet', digest: 's3://bucket/k/v.parquet' },
    },
  ];
  it.each(entries)('$name', ({ uri, head, expected }) => {
    const [reference] = parseReferenceList(uri);
    if (!reference) throw new Error('no reference parsed');
    const made = referenceEntry(reference, head);
    expect(made).toEqual(expected);
    expect(isUnchecksummedReference(made)).toBe(made.digest === uri);
  });

  it('gives the artifact digest of W&B\'s http reference test vector', async () => {
    const [reference] = parseReferenceList('https://example.com/file1.txt');
    if (!reference) throw new Error('no reference parsed');
    const made = referenceEntry(reference, { etag: '"abc"', size: 256 });
    expect(await artifactDigest([made])).toBe('48237ccc050a88af9dcd869dd5a7e9f4');
  });
});

describe('a folder re-upload is a snapshot of that folder (W&B add_dir)', () => {
  const folder = (files: Record<string, string>) => Object.entries(files).map(([path, content]) => dropped(`mine/${path}`, content));
  // v3 holds a.txt (A), data/x.csv (X), data/y.csv (Y), data2/z.csv (Z), readme.md (R).
  const edited = folder({ 'a.txt': 'A2', 'data/x.csv': 'X', 'data/moved.csv': 'Y', 'data2/z.csv': 'Z', 'new.txt': 'N' });
  const digests: Record<string, string> = { A: 'A', A2: 'A2', X: 'X', Y: 'Y', Z: 'Z', N: 'N', R: 'R' };
  const resolve = (draft: Draft<F>) => resolveDraft(draftItems(draft), (content) => digests[content]).entries;

  it('tells one whole folder from loose files, several folders and a mix', () => {
    expect(wholeFolderOf(edited)).toBe('mine');
    expect(wholeFolderOf([dropped('/mine/a.txt'), dropped('mine/b/c.txt')])).toBe('mine');
    expect(wholeFolderOf([dropped('a.txt')])).toBeNull();
    expect(wholeFolderOf([dropped('mine/a.txt'), dropped('other/a.txt')])).toBeNull();
    expect(wholeFolderOf([dropped('mine/a.txt'), dropped('loose.txt')])).toBeNull();
    expect(wholeFolderOf<F>([])).toBeNull();
  });

  it('gives exactly the folder\'s files: an edit, a delete, a rename and an add, nothing else', () => {
    const draft = addDropped(createDraft<F>(base), edited);
    expect(draft.folderSnapshot).toBe('mine');
    expect(draft.startFrom).toBe('empty');
    const entries = resolve(draft);
    expect(entries.map((e) => e.path)).toEqual(['a.txt', 'data/moved.csv', 'data/x.csv', 'data2/z.csv', 'new.txt']);
    const diff = draftDiff(draft, entries);
    expect(diff.modified.map((m) => m.path)).toEqual(['a.txt']);
    expect(diff.removed.map((e) => e.path)).toEqual(['readme.md']);
    expect(diff.renamed.map((r) => `${r.from.path}→${r.to.path}`)).toEqual(['data/y.csv→data/moved.csv']);
    expect(diff.added.map((e) => e.path)).toEqual(['new.txt']);
    expect(diff.unchanged).toBe(2);
  });

  it('names the base files the folder leaves out, and keeping them starts from the base again', () => {
    const draft = addDropped(createDraft<F>(base), edited);
    expect(filesLeftOutOfSnapshot(draft).map((e) => e.path)).toEqual(['data/y.csv', 'readme.md']);
    const kept = setStartFrom(draft, 'base');
    expect(resolve(kept).map((e) => e.path)).toEqual(['a.txt', 'data/moved.csv', 'data/x.csv', 'data/y.csv', 'data2/z.csv', 'new.txt', 'readme.md']);
    expect(filesLeftOutOfSnapshot(kept)).toHaveLength(2); // the question stays while it is answered
    expect(filesLeftOutOfSnapshot(removePath(kept, 'readme.md')).map((e) => e.path)).toEqual(['data/y.csv']);
  });

  it('keeps today\'s "start from the base" for loose files, for a folder added after other files, and without a base', () => {
    const loose = addDropped(createDraft<F>(base), [dropped('b.txt')]);
    expect(loose).toMatchObject({ startFrom: 'base', folderSnapshot: null });
    expect(filesLeftOutOfSnapshot(loose)).toEqual([]);
    const later = addDropped(loose, edited);
    expect(later).toMatchObject({ startFrom: 'base', folderSnapshot: null });
    const fresh = addDropped(createDraft<F>(null), edited);
    expect(fresh).toMatchObject({ startFrom: 'empty', folderSnapshot: 'mine' });
    expect(filesLeftOutOfSnapshot(fresh)).toEqual([]);
  });

  it('marks a re-uploaded file that did not change as unchanged, not added', () => {
    const draft = addDropped(createDraft<F>(base), edited);
    const entries = resolve(draft);
    const changes = changedPaths(draftDiff(draft, entries));
    const marks = Object.fromEntries(draftItems(draft).map((item) => [item.path, draftItemMark(item, true, changes)]));
    expect(marks).toEqual({ 'a.txt': 'modified', 'data/moved.csv': 'renamed', 'data/x.csv': 'unchanged', 'data2/z.csv': 'unchanged', 'new.txt': 'added' });
    const [first] = draftItems(draft);
    if (!first) throw new Error('expected items');
    expect(draftItemMark(first, true, null)).toBe('pending'); // not yet compared
    expect(draftItemMark(first, false, null)).toBe('added'); // a new artifact: everything is new
    const kept = draftItems(addDropped(createDraft<F>(base), [dropped('b.txt')])).find((item) => item.origin === 'base');
    if (!kept) throw new Error('expected a base item');
    expect(draftItemMark(kept, true, changes)).toBe('kept');
    const [reference] = draftItems(addReferences(createDraft<F>(null), [{ path: 'r', digest: 'D', ref: 's3://b/r' }]));
    if (!reference) throw new Error('expected a reference');
    expect(draftItemMark(reference, true, changes)).toBe('reference');
  });
});
