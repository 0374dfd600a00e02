import { Panel, useReactFlow, useStoreApi } from '@xyflow/react';
import { memo, useEffect, useMemo, useRef } from 'react';
import type { PointerEvent, WheelEvent } from 'react';
import type { LineageFlowNode } from './lineage-nodes';

type LineageMinimapProps = { nodes: readonly LineageFlowNode[] };

const WIDTH = 200;
const HEIGHT = 150;
const colours = { version: '#7dd3fc', run: '#c4b5fd', cluster: '#94a3b8' } as const;

/**
 * An overview of the whole view with the visible part outlined; drag or click in it to pan,
 * scroll in it to zoom. Its nodes are three static paths, drawn once per layout, and the outline
 * follows the viewport without rendering: React Flow's MiniMap keeps a store subscription per
 * node, so with 2,000 nodes every frame of panning ran 2,000 selectors.
 */
export const LineageMinimap = memo(function LineageMinimap({ nodes }: LineageMinimapProps) {
  const store = useStoreApi();
  const { setCenter, zoomTo } = useReactFlow();
  const svg = useRef<SVGSVGElement>(null);
  const mask = useRef<SVGPathElement>(null);
  const { paths, box } = useMemo(() => {
    const d = { version: '', run: '', cluster: '' };
    let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const n of nodes) {
      const w = n.width ?? 0;
      const h = n.height ?? 0;
      d[n.type] += `M${Math.round(n.position.x)},${Math.round(n.position.y)}h${w}v${h}h${-w}z`;
      x0 = Math.min(x0, n.position.x);
      y0 = Math.min(y0, n.position.y);
      x1 = Math.max(x1, n.position.x + w);
      y1 = Math.max(y1, n.position.y + h);
    }
    if (!Number.isFinite(x0)) [x0, y0, x1, y1] = [0, 0, 1, 1];
    // the graph's box, grown to the minimap's aspect ratio and padded
    const scale = Math.max((x1 - x0) / WIDTH, (y1 - y0) / HEIGHT) * 1.1;
    const [cx, cy] = [(x0 + x1) / 2, (y0 + y1) / 2];
    return { paths: d, box: { x: cx - (WIDTH * scale) / 2, y: cy - (HEIGHT * scale) / 2, w: WIDTH * scale, h: HEIGHT * scale } };
  }, [nodes]);

  useEffect(() => {
    let last = '';
    const update = () => {
      const { transform, width, height } = store.getState();
      const [tx, ty, zoom] = transform;
      const v = { x: -tx / zoom, y: -ty / zoom, w: width / zoom, h: height / zoom };
      const d = `M${box.x},${box.y}h${box.w}v${box.h}h${-box.w}z M${v.x},${v.y}h${v.w}v${v.h}h${-v.w}z`;
      if (d !== last) mask.current?.setAttribute('d', (last = d));
    };
    update();
    return store.subscribe(update);
  }, [store, box]);

  const toFlow = (event: { clientX: number; clientY: number }) => {
    const rect = svg.current?.getBoundingClientRect();
    if (!rect || rect.width === 0) return null;
    return { x: box.x + ((event.clientX - rect.left) / rect.width) * box.w, y: box.y + ((event.clientY - rect.top) / rect.height) * box.h };
  };
  const panTo = (event: PointerEvent<SVGSVGElement>) => {
    const at = toFlow(event);
    if (at) void setCenter(at.x, at.y, { zoom: store.getState().transform[2] });
  };
  const onWheel = (event: WheelEvent<SVGSVGElement>) => {
    const { transform, minZoom, maxZoom } = store.getState();
    void zoomTo(Math.min(maxZoom, Math.max(minZoom, transform[2] * (event.deltaY < 0 ? 1.2 : 1 / 1.2))));
  };

  return (
    <Panel position="bottom-right" className="react-flow__minimap" data-testid="lineage-minimap">
      <svg
        ref={svg}
        width={WIDTH}
        height={HEIGHT}
        viewBox={`${box.x} ${box.y} ${box.w} ${box.h}`}
        className="react-flow__minimap-svg cursor-pointer"
        role="img"
        aria-label="Lineage minimap"
        onPointerDown={(event) => {
          event.currentTarget.setPointerCapture(event.pointerId);
          panTo(event);
        }}
        onPointerMove={(event) => {
          if (event.currentTarget.hasPointerCapture(event.pointerId)) panTo(event);
        }}
        onWheel={onWheel}
      >
        {(['cluster', 'version', 'run'] as const).map((kind) => (
          <path key={kind} d={paths[kind]} fill={colours[kind]} />
        ))}
        <path ref={mask} className="react-flow__minimap-mask" fillRule="evenodd" pointerEvents="none" />
      </svg>
    </Panel>
  );
});
