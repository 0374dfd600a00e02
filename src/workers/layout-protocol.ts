import type { LayoutInput, LayoutResult } from '../domain/lineage-layout';

/** Messages between layout-client.ts and layout.worker.ts. */
export type LayoutRequest = { readonly id: number; readonly input: LayoutInput };
export type LayoutResponse =
  | { readonly id: number; readonly ok: true; readonly result: LayoutResult; readonly ms: number }
  | { readonly id: number; readonly ok: false; readonly message: string };
