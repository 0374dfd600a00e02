import { layoutLineage } from '../domain/lineage-layout';
import type { LayoutRequest, LayoutResponse } from './layout-protocol';

// Lays out lineage views off the main thread (see layout-client.ts).
const scope = self as unknown as {
  postMessage(message: LayoutResponse): void;
  onmessage: ((event: MessageEvent<LayoutRequest>) => void) | null;
};
scope.onmessage = ({ data }) => {
  const t0 = performance.now();
  try {
    const result = layoutLineage(data.input);
    scope.postMessage({ id: data.id, ok: true, result, ms: performance.now() - t0 });
  } catch (error) {
    scope.postMessage({ id: data.id, ok: false, message: error instanceof Error ? error.message : String(error) });
  }
};
