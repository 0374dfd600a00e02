import { describe, expect, it } from 'vitest';
import { appendChanges, changesSince, emptyChangeLog } from './change-log';
import type { Change } from './change-log';
import type { ArtifactId } from './types';

const change = (n: number): Change => ({ kind: 'artifact', artifactId: `p/a${n}` as ArtifactId });
const stamp = { at: 1, writer: 'w' };

describe('change log', () => {
  it('numbers appended changes after the last one and keeps only the newest `limit`', () => {
    let log = emptyChangeLog('e1');
    for (let n = 1; n <= 5; n++) log = appendChanges(log, [change(n)], stamp, 3);
    expect(log.seq).toBe(5);
    expect(log.entries.map((e) => e.seq)).toEqual([3, 4, 5]);
    expect(log.epoch).toBe('e1');
  });

  it('gives a reader every change after its position, nothing when it is current', () => {
    const log = appendChanges(emptyChangeLog('e1'), [change(1), change(2), change(3)], stamp);
    expect(changesSince(log, { epoch: 'e1', seq: 1 })).toMatchObject({ kind: 'entries', entries: [{ seq: 2 }, { seq: 3 }] });
    expect(changesSince(log, { epoch: 'e1', seq: 3 })).toEqual({ kind: 'entries', entries: [] });
  });

  it('tells a reader that fell behind the kept entries that it missed changes', () => {
    const log = appendChanges(emptyChangeLog('e1'), [1, 2, 3, 4, 5].map(change), stamp, 3);
    expect(changesSince(log, { epoch: 'e1', seq: 2 })).toMatchObject({ kind: 'entries', entries: [{ seq: 3 }, { seq: 4 }, { seq: 5 }] });
    expect(changesSince(log, { epoch: 'e1', seq: 1 })).toEqual({ kind: 'missed' });
  });

  it('treats a log started over (new epoch, or a lower seq) as missed changes', () => {
    const log = appendChanges(emptyChangeLog('e2'), [change(1)], stamp);
    expect(changesSince(log, { epoch: 'e1', seq: 0 })).toEqual({ kind: 'missed' });
    expect(changesSince(log, { epoch: 'e2', seq: 7 })).toEqual({ kind: 'missed' });
  });

  it('reads a log that appeared after the reader found none from its first entry', () => {
    const log = appendChanges(emptyChangeLog('e1'), [change(1), change(2)], stamp);
    expect(changesSince(log, { epoch: null, seq: 0 })).toMatchObject({ kind: 'entries', entries: [{ seq: 1 }, { seq: 2 }] });
    const trimmed = appendChanges(emptyChangeLog('e1'), [1, 2, 3].map(change), stamp, 2);
    expect(changesSince(trimmed, { epoch: null, seq: 0 })).toEqual({ kind: 'missed' });
  });
});
