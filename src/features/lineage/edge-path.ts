import type { LayoutDirection } from '../../domain/lineage-layout';

const round = (n: number) => Math.round(n * 10) / 10;

/**
 * The SVG path of a laid-out edge route (flat `[x0, y0, x1, y1, …]`, see LayoutResult.routes).
 * Points at one cross position are joined by a straight line (a run through a rank); points at
 * two are joined by an S-curve with tangents along the rank direction, which stays within the
 * box of its two points: a gap between ranks, where there are no nodes.
 */
export function routePath(route: readonly number[], direction: LayoutDirection): string {
  if (route.length < 4) return '';
  const lr = direction === 'LR';
  let x = route[0] ?? 0;
  let y = route[1] ?? 0;
  let d = `M${round(x)},${round(y)}`;
  for (let i = 2; i + 1 < route.length; i += 2) {
    const nx = route[i] ?? 0;
    const ny = route[i + 1] ?? 0;
    const sameCross = lr ? ny === y : nx === x;
    if (sameCross) d += `L${round(nx)},${round(ny)}`;
    else if (lr) {
      const mx = round((x + nx) / 2);
      d += `C${mx},${round(y)} ${mx},${round(ny)} ${round(nx)},${round(ny)}`;
    } else {
      const my = round((y + ny) / 2);
      d += `C${round(x)},${my} ${round(nx)},${my} ${round(nx)},${round(ny)}`;
    }
    x = nx;
    y = ny;
  }
  return d;
}
