import { describe, expect, it } from 'vitest';
import { createDiffClient } from './diff-client';
import type { DiffWorkerLike } from './diff-client';
import { runDiffTask, textDiff, TEXT_DIFF_CAP } from './diff-job';
import type { DiffRequest, DiffResponse } from './diff-protocol';

/** A worker that runs the real job in-process, asynchronously, like a Worker would. */
function inProcessWorker(): DiffWorkerLike & { posted: number } {
  const fake: DiffWorkerLike & { posted: number } = {
    posted: 0,
    onmessage: null,
    onerror: null,
    postMessage(message: DiffRequest) {
      fake.posted += 1;
      void runDiffTask(message.task).then(
        (result) => fake.onmessage?.({ data: { id: message.id, ok: true, result } } as MessageEvent<DiffResponse>),
        (error: unknown) => fake.onmessage?.({ data: { id: message.id, ok: false, message: String(error) } } as MessageEvent<DiffResponse>),
      );
    },
    terminate() {},
  };
  return fake;
}

const blob = (text: string) => new Blob([text]);

describe('textDiff', () => {
  it.each<[string, string, string, string[][]]>([
    ['identical', 'a\nb\n', 'a\nb\n', []],
    ['one line changed', 'a\nb\nc\n', 'a\nB\nc\n', [[' a', '-b', '+B', ' c']]],
    ['appended line', 'a\n', 'a\nb\n', [[' a', '+b']]],
  ])('%s', (_name, a, b, expected) => {
    const result = textDiff(a, b);
    expect(result.hunks.map((h) => h.lines)).toEqual(expected);
    expect(result.binary).toBe(false);
  });

  it('refuses binary content with a flag instead of a line diff', () => {
    const result = textDiff('a\u0000b', 'a\u0000c');
    expect(result.binary).toBe(true);
    expect(result.hunks).toEqual([]);
  });

  it('counts added and removed lines', () => {
    const result = textDiff('1\n2\n3\n', '1\nx\ny\n3\n');
    expect([result.linesAdded, result.linesRemoved]).toEqual([2, 1]);
  });
});

describe('runDiffTask', () => {
  it('caps text at TEXT_DIFF_CAP bytes and says so', async () => {
    const big = 'x'.repeat(TEXT_DIFF_CAP + 10);
    const result = await runDiffTask({ kind: 'text', before: blob(big), after: blob('short\n') });
    expect(result.kind === 'text' && result.capped).toEqual({ capBytes: TEXT_DIFF_CAP, beforeSize: TEXT_DIFF_CAP + 10, afterSize: 6 });
  });

  it('diffs JSON structurally and reports invalid JSON instead of throwing', async () => {
    const ok = await runDiffTask({ kind: 'json', before: blob('{"a":1}'), after: blob('{"a":2}') });
    expect(ok.kind === 'json' && ok.ok && ok.diff.changes).toEqual([{ kind: 'changed', path: ['a'], before: 1, after: 2, delta: 1 }]);
    const bad = await runDiffTask({ kind: 'json', before: blob('{'), after: blob('{}') });
    expect(bad).toMatchObject({ kind: 'json', ok: false });
  });

  it('diffs CSV by row and cell', async () => {
    const result = await runDiffTask({ kind: 'csv', before: blob('id,x\n1,a\n'), after: blob('id,x\n1,b\n') });
    expect(result.kind === 'csv' && result.diff.counts).toEqual({ added: 0, removed: 0, modified: 1, unchanged: 0 });
  });

  it('diffs two 5 MB texts with a few changes within seconds', async () => {
    const lines = Array.from({ length: 100_000 }, (_, i) => `line ${i} ${'lorem ipsum '.repeat(4)}`);
    const before = lines.join('\n');
    const edited = [...lines];
    for (let i = 0; i < 20; i++) edited[i * 5000] = `changed ${i}`;
    const after = edited.join('\n');
    expect(before.length).toBeGreaterThan(5_000_000);
    const start = performance.now();
    const result = await runDiffTask({ kind: 'text', before: blob(before), after: blob(after) });
    const elapsed = performance.now() - start;
    console.info(`text diff of two ${(before.length / 1e6).toFixed(1)} MB texts: ${elapsed.toFixed(0)} ms`);
    expect(result.kind === 'text' && [result.linesAdded, result.linesRemoved]).toEqual([20, 20]);
  });
});

describe('createDiffClient', () => {
  it('answers each request by id, using one worker', async () => {
    const fake = inProcessWorker();
    let created = 0;
    const client = createDiffClient(() => {
      created += 1;
      return fake;
    });
    const [text, json] = await Promise.all([
      client.run({ kind: 'text', before: blob('a\n'), after: blob('b\n') }),
      client.run({ kind: 'json', before: blob('1'), after: blob('1') }),
    ]);
    expect(text.linesAdded).toBe(1);
    expect(json.ok).toBe(true);
    expect(created).toBe(1);
    expect(fake.posted).toBe(2);
  });

  it('rejects with AppError("cancelled") when aborted, and on dispose', async () => {
    const client = createDiffClient(inProcessWorker);
    const controller = new AbortController();
    const running = client.run({ kind: 'text', before: blob('a'), after: blob('b') }, controller.signal);
    controller.abort();
    await expect(running).rejects.toMatchObject({ code: 'cancelled' });
    const silent: DiffWorkerLike = { onmessage: null, onerror: null, postMessage() {}, terminate() {} };
    const other = createDiffClient(() => silent);
    const waiting = other.run({ kind: 'text', before: blob('a'), after: blob('b') });
    other.dispose();
    await expect(waiting).rejects.toMatchObject({ code: 'cancelled' });
  });

  it('turns a worker failure into AppError("internal") naming it', async () => {
    const failing: DiffWorkerLike = {
      onmessage: null,
      onerror: null,
      postMessage() {
        queueMicrotask(() => failing.onerror?.({ message: 'boom' } as ErrorEvent));
      },
      terminate() {},
    };
    const client = createDiffClient(() => failing);
    await expect(client.run({ kind: 'text', before: blob('a'), after: blob('b') })).rejects.toMatchObject({
      code: 'internal',
      message: 'the diff worker failed: boom',
    });
  });
});
