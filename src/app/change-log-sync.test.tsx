// @vitest-environment jsdom
import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { appendChanges, emptyChangeLog } from '../domain/change-log';
import type { ChangeLogDoc } from '../domain/change-log';
import type { ArtifactId } from '../domain/types';
import type { ChangeFeed, ChangeLogRead } from '../store/change-feed';
import { createMemoryStore } from '../store/memory-store';
import { versionQueries } from '../store/queries';
import { renderWithProviders } from '../test/render';
import { CHANGE_POLL_HIDDEN_MS, CHANGE_POLL_VISIBLE_MS, ChangeLogSync } from './change-log-sync';

let visibility: DocumentVisibilityState = 'visible';

function setVisibility(state: DocumentVisibilityState) {
  visibility = state;
  document.dispatchEvent(new Event('visibilitychange'));
}

/** A memory store that also has a change feed whose log the test writes. */
function storeWithFeed() {
  let log: ChangeLogDoc = emptyChangeLog('e1');
  const reads: (string | undefined)[] = [];
  const feed: ChangeFeed = {
    changeWriterId: 'this-app',
    readChangeLog: (_project, etag): Promise<ChangeLogRead> => {
      reads.push(etag);
      const current = `etag-${log.seq}`;
      return Promise.resolve(etag === current ? 'not-modified' : { doc: log, etag: current });
    },
  };
  const store = Object.assign(createMemoryStore(), feed);
  const write = (artifactId: string, writer = 'someone-else') => {
    log = appendChanges(log, [{ kind: 'artifact', artifactId: artifactId as ArtifactId }], { at: 0, writer });
  };
  return { store, reads, write };
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  visibility = 'visible';
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => visibility });
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('ChangeLogSync', () => {
  it('reads the change log once per interval while visible, backs off while hidden, and reads at once on return', async () => {
    const { store, reads } = storeWithFeed();
    renderWithProviders(<ChangeLogSync project="p" />, { store });
    await vi.advanceTimersByTimeAsync(0);
    expect(reads).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(CHANGE_POLL_VISIBLE_MS * 3);
    expect(reads).toHaveLength(4);
    // Every later read is conditional on the ETag of the first.
    expect(reads.slice(1).every((etag) => etag === 'etag-0')).toBe(true);

    setVisibility('hidden');
    await vi.advanceTimersByTimeAsync(CHANGE_POLL_HIDDEN_MS - 1);
    expect(reads).toHaveLength(4);
    await vi.advanceTimersByTimeAsync(1);
    expect(reads).toHaveLength(5);

    setVisibility('visible');
    await vi.advanceTimersByTimeAsync(0);
    expect(reads).toHaveLength(6);
  });

  it("refetches exactly the artifact another writer changed, and nothing for this app's own changes", async () => {
    const { store, write } = storeWithFeed();
    const { queryClient } = renderWithProviders(<ChangeLogSync project="p" />, { store });
    const changed = versionQueries.list(store, 'p/changed' as ArtifactId).queryKey;
    const other = versionQueries.list(store, 'p/other' as ArtifactId).queryKey;
    queryClient.setQueryData(changed, []);
    queryClient.setQueryData(other, []);
    await vi.advanceTimersByTimeAsync(0);

    write('p/other', 'this-app');
    await vi.advanceTimersByTimeAsync(CHANGE_POLL_VISIBLE_MS);
    expect(queryClient.getQueryState(other)?.isInvalidated).toBe(false);

    write('p/changed');
    await vi.advanceTimersByTimeAsync(CHANGE_POLL_VISIBLE_MS);
    expect(queryClient.getQueryState(changed)?.isInvalidated).toBe(true);
    expect(queryClient.getQueryState(other)?.isInvalidated).toBe(false);
  });
});
