import { useVirtualizer } from '@tanstack/react-virtual';
import type { RefObject } from 'react';

/**
 * Fixed-height virtual rows for long lists (a draft, a diff or a line diff can hold 100k rows).
 * `scroller` is the scrolling element; render `rows` at their `start` inside a box of
 * `totalSize` height. `overscan` rows are kept rendered beyond each edge of the view.
 */
export function useVirtualRows(scroller: RefObject<HTMLElement | null>, count: number, rowHeight: number, overscan = 12) {
  // TanStack Virtual hands out fresh functions each render; nothing here is memoised by a compiler.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({ count, getScrollElement: () => scroller.current, estimateSize: () => rowHeight, overscan });
  return { rows: virtualizer.getVirtualItems(), totalSize: virtualizer.getTotalSize() };
}
