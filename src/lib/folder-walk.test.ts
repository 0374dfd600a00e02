import { describe, expect, it } from 'vitest';
import { directoryPicker, filesFromDataTransfer, filesFromDirectoryHandle, filesFromInput } from './folder-walk';

/** Minimal FileSystemEntry fakes: directories answer readEntries() in batches, like Chromium (100 at a time). */
function fileEntry(fullPath: string, content = fullPath) {
  const file = new File([content], fullPath.split('/').pop() ?? '');
  return { isFile: true, isDirectory: false, fullPath, file: (ok: (f: File) => void) => setTimeout(() => ok(file), 0) };
}

function dirEntry(fullPath: string, children: unknown[], batch = 2) {
  return {
    isFile: false,
    isDirectory: true,
    fullPath,
    createReader: () => {
      let offset = 0;
      return {
        readEntries: (ok: (entries: unknown[]) => void) =>
          setTimeout(() => {
            const slice = children.slice(offset, offset + batch);
            offset += batch;
            ok(slice);
          }, 0),
      };
    },
  };
}

function transfer(entries: unknown[], files: File[] = []): DataTransfer {
  const items = entries.map((entry) => ({ kind: 'file', webkitGetAsEntry: () => entry }));
  return { items, files } as unknown as DataTransfer;
}

describe('reading a drop', () => {
  it('walks dropped folders through every readEntries batch, paths relative to what was dropped', async () => {
    const photos = dirEntry('/photos', [
      fileEntry('/photos/a.jpg'),
      fileEntry('/photos/b.jpg'),
      dirEntry('/photos/cats', [fileEntry('/photos/cats/c.jpg'), fileEntry('/photos/cats/d.jpg'), fileEntry('/photos/cats/e.jpg')]),
      fileEntry('/photos/f.jpg'),
    ]);
    const loose = fileEntry('/notes.txt', 'hello');
    const picked = await filesFromDataTransfer(transfer([photos, loose]));
    expect(picked.map((p) => p.dropPath).sort()).toEqual([
      'notes.txt',
      'photos/a.jpg',
      'photos/b.jpg',
      'photos/cats/c.jpg',
      'photos/cats/d.jpg',
      'photos/cats/e.jpg',
      'photos/f.jpg',
    ]);
    expect(picked.find((p) => p.dropPath === 'notes.txt')?.size).toBe(5);
  });

  it('falls back to dataTransfer.files when items give no entries (a synthetic drop)', async () => {
    const files = [new File(['x'], 'one.txt'), new File(['yy'], 'two.txt')];
    const items = files.map(() => ({ kind: 'file', webkitGetAsEntry: () => null, getAsFileSystemHandle: () => Promise.resolve(undefined) }));
    const picked = await filesFromDataTransfer({ items, files } as unknown as DataTransfer);
    expect(picked.map((p) => [p.dropPath, p.size])).toEqual([
      ['one.txt', 1],
      ['two.txt', 2],
    ]);
  });

  it('prefers directory handles where an item offers both a handle and an entry', async () => {
    const root = {
      kind: 'directory',
      name: 'data',
      values: async function* () {
        yield await Promise.resolve({ kind: 'file', name: 'via-handle.csv', getFile: () => Promise.resolve(new File(['abc'], 'via-handle.csv')) });
      },
    };
    const entry = dirEntry('/data', [fileEntry('/data/via-entry.csv')]);
    const items = [{ kind: 'file', webkitGetAsEntry: () => entry, getAsFileSystemHandle: () => Promise.resolve(root) }];
    const picked = await filesFromDataTransfer({ items, files: [] } as unknown as DataTransfer);
    expect(picked.map((p) => [p.dropPath, p.size])).toEqual([['data/via-handle.csv', 3]]);
    // handles that resolve to nothing (as in a synthetic drop): the entries are walked instead
    const none = [{ kind: 'file', webkitGetAsEntry: () => entry, getAsFileSystemHandle: () => Promise.resolve(null) }];
    expect((await filesFromDataTransfer({ items: none, files: [] } as unknown as DataTransfer)).map((p) => p.dropPath)).toEqual(['data/via-entry.csv']);
  });

  it('hands a large drop on in slices as the walk finds its files', async () => {
    const names = Array.from({ length: 300 }, (_, i) => `f${i}.bin`);
    const root = {
      kind: 'directory',
      name: 'many',
      values: async function* () {
        for (const name of names) yield await Promise.resolve({ kind: 'file', name, getFile: () => Promise.resolve(new File([name], name)) });
      },
    };
    const slices: number[] = [];
    const items = [{ kind: 'file', getAsFileSystemHandle: () => Promise.resolve(root) }];
    const picked = await filesFromDataTransfer({ items, files: [] } as unknown as DataTransfer, (slice) => slices.push(slice.length));
    expect(slices).toEqual([256, 44]);
    expect(picked.map((p) => p.dropPath).sort()).toEqual(names.map((n) => `many/${n}`).sort());
  });

  it('walks directory handles where only getAsFileSystemHandle exists', async () => {
    const fileHandle = (name: string) => ({ kind: 'file', name, getFile: () => Promise.resolve(new File([name], name)) });
    const root = {
      kind: 'directory',
      name: 'data',
      values: async function* () {
        yield await Promise.resolve(fileHandle('a.csv'));
        yield {
          kind: 'directory',
          name: 'sub',
          values: async function* () {
            yield await Promise.resolve(fileHandle('b.csv'));
          },
        };
      },
    };
    const items = [{ kind: 'file', getAsFileSystemHandle: () => Promise.resolve(root) }];
    const picked = await filesFromDataTransfer({ items, files: [] } as unknown as DataTransfer);
    expect(picked.map((p) => p.dropPath).sort()).toEqual(['data/a.csv', 'data/sub/b.csv']);
  });

  it('uses webkitRelativePath from a folder picker and the name for single files', async () => {
    const inFolder = new File(['abc'], 'c.txt');
    Object.defineProperty(inFolder, 'webkitRelativePath', { value: 'top/b/c.txt' });
    const alone = new File(['z'], 'z.txt');
    expect((await filesFromInput([inFolder, alone])).map((p) => [p.dropPath, p.size])).toEqual([
      ['top/b/c.txt', 3],
      ['z.txt', 1],
    ]);
  });

  it('reads many files in slices, yielding to the event loop in between', async () => {
    let reads = 0;
    const files = Array.from({ length: 40 }, (_, i) => {
      const file = new File(['x'.repeat(i)], `f${i}.txt`);
      // a slow first size lookup, like Chromium's for a chosen file
      Object.defineProperty(file, 'size', {
        get: () => {
          reads += 1;
          const until = performance.now() + 2;
          while (performance.now() < until);
          return i;
        },
      });
      return file;
    });
    const tasksRan: number[] = [];
    const ticker = setInterval(() => tasksRan.push(reads), 0);
    const slices: { names: string[]; readsSoFar: number }[] = [];
    const picked = await filesFromInput(files, (slice) => slices.push({ names: slice.map((p) => p.dropPath), readsSoFar: reads }));
    clearInterval(ticker);
    expect(picked.map((p) => p.size)).toEqual(files.map((_, i) => i));
    // other tasks ran while the sizes were read, not only before or after
    expect(tasksRan.some((n) => n > 0 && n < files.length)).toBe(true);
    // each slice was handed over as soon as its sizes were read, all files once, in order
    expect(slices.length).toBeGreaterThan(1);
    expect(slices.flatMap((s) => s.names)).toEqual(files.map((f) => f.name));
    expect(slices[0]?.readsSoFar).toBeLessThan(files.length);
  });
});

describe('choosing a folder with showDirectoryPicker', () => {
  const fileHandle = (name: string) => ({ kind: 'file' as const, name, getFile: () => Promise.resolve(new File([name], name)) });
  const folder = {
    kind: 'directory' as const,
    name: 'photos',
    values: async function* () {
      yield await Promise.resolve(fileHandle('a.jpg'));
      yield { kind: 'directory' as const, name: 'cats', values: async function* () { yield await Promise.resolve(fileHandle('b.jpg')); } };
    },
  };
  const withPicker = async (picker: unknown, run: () => Promise<void>) => {
    const scope = globalThis as { showDirectoryPicker?: unknown };
    scope.showDirectoryPicker = picker;
    try {
      await run();
    } finally {
      delete scope.showDirectoryPicker;
    }
  };

  it('is absent where the browser has no showDirectoryPicker (the <input webkitdirectory> is used)', () => {
    expect(directoryPicker()).toBeNull();
  });

  it('walks the chosen folder with paths starting at its name, in slices as found', async () => {
    const asked: unknown[] = [];
    await withPicker(
      (options: unknown) => {
        asked.push(options);
        return Promise.resolve(folder);
      },
      async () => {
        const chosen = await directoryPicker()?.();
        expect(chosen?.name).toBe('photos');
        const slices: string[][] = [];
        const picked = await filesFromDirectoryHandle(folder, (slice) => slices.push(slice.map((p) => p.dropPath)));
        expect(picked.map((p) => [p.dropPath, p.size]).sort()).toEqual([['photos/a.jpg', 5], ['photos/cats/b.jpg', 5]]);
        expect(slices.flat().sort()).toEqual(['photos/a.jpg', 'photos/cats/b.jpg']);
      },
    );
    expect(asked).toEqual([{ id: 'artifact-studio-upload', mode: 'read' }]);
  });

  it('resolves to null when the user closes the picker, and passes other failures on', async () => {
    await withPicker(() => Promise.reject(new DOMException('The user aborted a request.', 'AbortError')), async () => {
      expect(await directoryPicker()?.()).toBeNull();
    });
    await withPicker(() => Promise.reject(new DOMException('Cross origin sub frames aren\'t allowed to show a file picker.', 'SecurityError')), async () => {
      await expect(directoryPicker()?.()).rejects.toMatchObject({ name: 'SecurityError' });
    });
  });
});
