import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { formatCount } from '../../../domain/format';
import { blobQueries } from '../../../store/queries';
import { useStore } from '../../../store/store-context';
import { cn } from '../../../ui/cn';
import { ErrorState } from '../../../ui/error-state';
import { LoadingState } from '../../../ui/spinner';

type Mode = 'side' | 'swipe' | 'onion' | 'pixels';
const MODES: [Mode, string][] = [
  ['side', 'Side by side'],
  ['swipe', 'Swipe'],
  ['onion', 'Onion skin'],
  ['pixels', 'Pixel difference'],
];

function useObjectUrl(blob: Blob | undefined): string | null {
  const url = useMemo(() => (blob ? URL.createObjectURL(blob) : null), [blob]);
  useEffect(() => () => (url ? URL.revokeObjectURL(url) : undefined), [url]);
  return url;
}

const checker = 'bg-[length:16px_16px] bg-[conic-gradient(#e2e8f0_25%,transparent_0_50%,#e2e8f0_0_75%,transparent_0)] dark:bg-[conic-gradient(#1e293b_25%,transparent_0_50%,#1e293b_0_75%,transparent_0)]';

/** Draws |A − B| per pixel: changed pixels in red over a faded copy of B; reports how many changed. */
function PixelDifference({ a, b }: { a: Blob; b: Blob }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [stats, setStats] = useState<{ changed: number; total: number; sizeNote: string | null } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    void Promise.all([createImageBitmap(a), createImageBitmap(b)]).then(([ia, ib]) => {
      const target = canvas.current;
      if (cancelled || !target) return;
      const width = Math.max(ia.width, ib.width);
      const height = Math.max(ia.height, ib.height);
      const read = (image: ImageBitmap) => {
        const scratch = document.createElement('canvas');
        scratch.width = width;
        scratch.height = height;
        const ctx = scratch.getContext('2d');
        ctx?.drawImage(image, 0, 0);
        return ctx?.getImageData(0, 0, width, height).data ?? new Uint8ClampedArray(width * height * 4);
      };
      const pa = read(ia);
      const pb = read(ib);
      const out = new ImageData(width, height);
      let changed = 0;
      for (let i = 0; i < pa.length; i += 4) {
        const d = Math.abs((pa[i] ?? 0) - (pb[i] ?? 0)) + Math.abs((pa[i + 1] ?? 0) - (pb[i + 1] ?? 0)) + Math.abs((pa[i + 2] ?? 0) - (pb[i + 2] ?? 0)) + Math.abs((pa[i + 3] ?? 0) - (pb[i + 3] ?? 0));
        if (d > 0) {
          changed += 1;
          out.data[i] = 255;
          out.data[i + 1] = 0;
          out.data[i + 2] = 0;
          out.data[i + 3] = 255;
        } else {
          const gray = ((pb[i] ?? 0) + (pb[i + 1] ?? 0) + (pb[i + 2] ?? 0)) / 3;
          out.data[i] = out.data[i + 1] = out.data[i + 2] = 255 - (255 - gray) * 0.25;
          out.data[i + 3] = 255;
        }
      }
      target.width = width;
      target.height = height;
      target.getContext('2d')?.putImageData(out, 0, 0);
      const sizeNote = ia.width !== ib.width || ia.height !== ib.height ? `A is ${ia.width}×${ia.height}, B is ${ib.width}×${ib.height}` : null;
      setStats({ changed, total: width * height, sizeNote });
    }, (error: unknown) => {
      if (!cancelled) setFailure(error instanceof Error ? error.message : String(error));
    });
    return () => {
      cancelled = true;
    };
  }, [a, b]);

  return (
    <figure className="space-y-1">
      <canvas ref={canvas} aria-label="Pixel difference" className="w-full max-w-xl border border-slate-200 [image-rendering:pixelated] dark:border-slate-800" />
      <figcaption className="text-xs text-slate-600 dark:text-slate-400">
        {failure
          ? `These images could not be decoded for a pixel comparison: ${failure}`
          : stats
          ? `${formatCount(stats.changed)} of ${formatCount(stats.total)} pixels differ (${((stats.changed / Math.max(1, stats.total)) * 100).toFixed(2)} %)${stats.sizeNote ? ` · ${stats.sizeNote}` : ''}`
          : 'Comparing pixels…'}
      </figcaption>
    </figure>
  );
}

type ImageDiffViewProps = { before: string | null; after: string | null };

/** Two images side by side, with a swipe or onion-skin slider and a pixel-difference view. */
export function ImageDiffView({ before, after }: ImageDiffViewProps) {
  const store = useStore();
  const [mode, setMode] = useState<Mode>('swipe');
  const [position, setPosition] = useState(50);
  const a = useQuery({ ...blobQueries.detail(store, before ?? ''), enabled: before !== null });
  const b = useQuery({ ...blobQueries.detail(store, after ?? ''), enabled: after !== null });
  const urlA = useObjectUrl(a.data);
  const urlB = useObjectUrl(b.data);

  const failed = a.isError ? a : b.isError ? b : null;
  if (failed?.error) return <ErrorState error={failed.error} onRetry={() => void failed.refetch()} />;
  if ((before !== null && !urlA) || (after !== null && !urlB)) return <LoadingState label="Loading images…" />;
  if (!urlA || !urlB) {
    const only = urlA ?? urlB ?? '';
    return (
      <figure className="space-y-1">
        <img src={only} alt={urlA ? 'A (removed in B)' : 'B (new)'} className={cn('max-h-96 max-w-full', checker)} />
        <figcaption className="text-xs text-slate-500 dark:text-slate-400">{urlA ? 'Only in A' : 'Only in B'}</figcaption>
      </figure>
    );
  }

  const slider = mode === 'swipe' || mode === 'onion';
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-3 text-xs">
        <div role="radiogroup" aria-label="Image comparison" className="flex gap-1">
          {MODES.map(([m, label]) => (
            <button key={m} type="button" role="radio" aria-checked={mode === m} onClick={() => setMode(m)} className={cn('rounded px-2 py-0.5', mode === m ? 'bg-indigo-600 text-white' : 'bg-slate-100 dark:bg-slate-800')}>
              {label}
            </button>
          ))}
        </div>
        {slider && (
          <label className="flex items-center gap-2">
            {mode === 'swipe' ? 'A ◀ swipe ▶ B' : 'Opacity of B'}
            <input type="range" min={0} max={100} value={position} aria-label={mode === 'swipe' ? 'Swipe position' : 'Onion-skin opacity'} onChange={(event) => setPosition(Number(event.target.value))} />
          </label>
        )}
      </div>
      {mode === 'side' && (
        <div className="grid grid-cols-2 gap-3">
          {[
            [urlA, 'A'],
            [urlB, 'B'],
          ].map(([url, side]) => (
            <figure key={side} className="space-y-1">
              <img src={url ?? ''} alt={`Image ${side}`} className={cn('w-full [image-rendering:pixelated]', checker)} />
              <figcaption className="text-xs text-slate-500 dark:text-slate-400">{side}</figcaption>
            </figure>
          ))}
        </div>
      )}
      {slider && (
        <div className={cn('relative grid max-w-xl', checker)} data-testid="image-overlay">
          <img src={urlA} alt="Image A" className="w-full [grid-area:1/1] [image-rendering:pixelated]" />
          <img
            src={urlB}
            alt="Image B"
            className="w-full [grid-area:1/1] [image-rendering:pixelated]"
            style={mode === 'swipe' ? { clipPath: `inset(0 0 0 ${position}%)` } : { opacity: position / 100 }}
          />
          {mode === 'swipe' && <div aria-hidden className="pointer-events-none absolute inset-y-0 w-0.5 bg-indigo-500" style={{ left: `${position}%` }} />}
        </div>
      )}
      {mode === 'pixels' && a.data && b.data && <PixelDifference a={a.data} b={b.data} />}
    </div>
  );
}
