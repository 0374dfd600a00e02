import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import type { CSSProperties } from 'react';
import { formatCount } from '../../../domain/format';
import { IMAGE_HEADER_BYTES, MAX_IMAGE_PIXELS, imageSizeFromHeader, scaleLabel } from '../../../domain/image-scale';
import type { ImageSize } from '../../../domain/image-scale';
import { blobQueries } from '../../../store/queries';
import { useStore } from '../../../store/store-context';
import { BitmapCanvas } from '../../../ui/bitmap-canvas';
import { cn } from '../../../ui/cn';
import { ErrorState } from '../../../ui/error-state';
import { LoadingState } from '../../../ui/spinner';
import { compareImages } from '../../../workers/image-client';
import type { ComparedImages } from '../../../workers/image-protocol';

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

type Comparison = { a: Blob; b: Blob } & ({ compared: ComparedImages } | { failure: string });

/** Both images and their pixel difference, decoded and compared in the image worker (null until ready). */
function useImageComparison(a: Blob | undefined, b: Blob | undefined, enabled: boolean): Comparison | null {
  const [result, setResult] = useState<Comparison | null>(null);
  useEffect(() => {
    if (!a || !b || !enabled) return;
    let current = true;
    compareImages(a, b).then(
      (compared) => {
        if (current) setResult({ a, b, compared });
        else for (const bitmap of [compared.a.bitmap, compared.b.bitmap, compared.difference]) bitmap.close();
      },
      (error: unknown) => current && setResult({ a, b, failure: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      current = false;
    };
  }, [a, b, enabled]);
  return result && result.a === a && result.b === b ? result : null;
}

const px = ({ width, height }: ImageSize) => `${formatCount(width)}×${formatCount(height)}`;

function sizeNote({ a, b }: ComparedImages): string | null {
  return a.size.width !== b.size.width || a.size.height !== b.size.height ? `A is ${px(a.size)}, B is ${px(b.size)}` : null;
}

/** |A − B| per pixel: changed pixels in red over a faded copy of B, with how many changed. */
function PixelDifference({ comparison }: { comparison: Comparison | null }) {
  if (comparison && 'failure' in comparison) {
    return <p className="text-xs text-slate-600 dark:text-slate-400">These images could not be decoded for a pixel comparison: {comparison.failure}</p>;
  }
  if (!comparison) return <p className="text-xs text-slate-600 dark:text-slate-400">Comparing pixels…</p>;
  const { compared } = comparison;
  const note = sizeNote(compared);
  const scaled = compared.denominator > 1 ? ` at ${scaleLabel(compared.denominator)}` : '';
  return (
    <figure className="space-y-1">
      <BitmapCanvas bitmap={compared.difference} label="Pixel difference" className="w-full max-w-xl border border-slate-200 [image-rendering:pixelated] dark:border-slate-800" />
      <figcaption className="text-xs text-slate-600 dark:text-slate-400">
        {`${formatCount(compared.changed)} of ${formatCount(compared.total)} pixels differ${scaled} (${((compared.changed / Math.max(1, compared.total)) * 100).toFixed(2)} %)${note ? ` · ${note}` : ''}`}
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
  const headA = useQuery({ ...blobQueries.head(store, before ?? '', IMAGE_HEADER_BYTES), enabled: before !== null });
  const headB = useQuery({ ...blobQueries.head(store, after ?? '', IMAGE_HEADER_BYTES), enabled: after !== null });
  // Above the pixel budget every view shows the worker's scaled copies, never the files themselves.
  const large = [headA.data, headB.data].some((head) => {
    const size = head ? imageSizeFromHeader(head.bytes) : null;
    return size !== null && size.width * size.height > MAX_IMAGE_PIXELS;
  });
  const headsRead = (before === null || headA.data !== undefined) && (after === null || headB.data !== undefined);
  const comparison = useImageComparison(a.data, b.data, headsRead && (large || mode === 'pixels'));
  const urlA = useObjectUrl(headsRead && !large ? a.data : undefined);
  const urlB = useObjectUrl(headsRead && !large ? b.data : undefined);

  const failed = [a, b, headA, headB].find((query) => query.isError);
  if (failed?.error) return <ErrorState error={failed.error} onRetry={() => void failed.refetch()} />;
  if (!headsRead || (before !== null && !a.data) || (after !== null && !b.data)) return <LoadingState label="Loading images…" />;
  const scaled = large && comparison && 'compared' in comparison ? comparison.compared : null;
  if (large && before !== null && after !== null && !scaled) {
    if (comparison && 'failure' in comparison) return <p className="text-sm text-red-600">These images could not be decoded: {comparison.failure}</p>;
    return <LoadingState label="Decoding two large images…" />;
  }
  if (before === null || after === null) {
    if (large) return <p className="text-sm text-slate-600 dark:text-slate-400">{before === null ? 'Only in B' : 'Only in A'}: too large to show here; open it in the file list for a scaled preview.</p>;
    const only = urlA ?? urlB ?? '';
    return (
      <figure className="space-y-1">
        <img src={only} alt={urlA ? 'A (removed in B)' : 'B (new)'} className={cn('max-h-96 max-w-full', checker)} />
        <figcaption className="text-xs text-slate-500 dark:text-slate-400">{urlA ? 'Only in A' : 'Only in B'}</figcaption>
      </figure>
    );
  }

  // Large images are drawn from the worker's scaled bitmaps; others from their files.
  const picture = (side: 'A' | 'B', className: string, style?: CSSProperties) => {
    const bitmap = side === 'A' ? scaled?.a.bitmap : scaled?.b.bitmap;
    if (bitmap) return <BitmapCanvas bitmap={bitmap} label={`Image ${side}`} className={className} style={style} />;
    return <img src={(side === 'A' ? urlA : urlB) ?? ''} alt={`Image ${side}`} className={className} style={style} />;
  };
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
      {scaled && (
        <p className="text-xs text-amber-700 dark:text-amber-400">
          Shown at {scaleLabel(scaled.denominator)}: {scaled.a.size.width === scaled.b.size.width && scaled.a.size.height === scaled.b.size.height ? `both are ${px(scaled.a.size)} px` : `A is ${px(scaled.a.size)} px, B is ${px(scaled.b.size)} px`}, drawn at {px(scaled.a.scale)} so the page stays responsive.
        </p>
      )}
      {mode === 'side' && (
        <div className="grid grid-cols-2 gap-3">
          {(['A', 'B'] as const).map((side) => (
            <figure key={side} className="space-y-1">
              {picture(side, cn('w-full [image-rendering:pixelated]', checker))}
              <figcaption className="text-xs text-slate-500 dark:text-slate-400">{side}</figcaption>
            </figure>
          ))}
        </div>
      )}
      {slider && (
        <div className={cn('relative grid max-w-xl', checker)} data-testid="image-overlay">
          {picture('A', 'w-full [grid-area:1/1] [image-rendering:pixelated]')}
          {picture('B', 'w-full [grid-area:1/1] [image-rendering:pixelated]', mode === 'swipe' ? { clipPath: `inset(0 0 0 ${position}%)` } : { opacity: position / 100 })}
          {mode === 'swipe' && <div aria-hidden className="pointer-events-none absolute inset-y-0 w-0.5 bg-indigo-500" style={{ left: `${position}%` }} />}
        </div>
      )}
      {mode === 'pixels' && <PixelDifference comparison={comparison} />}
    </div>
  );
}
