import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import { formatCount } from '../../../domain/format';
import { IMAGE_HEADER_BYTES, MAX_IMAGE_PIXELS, imageSizeFromHeader, scaleLabel } from '../../../domain/image-scale';
import type { ImageSize } from '../../../domain/image-scale';
import type { ManifestEntry } from '../../../domain/types';
import { blobQueries } from '../../../store/queries';
import { useStore } from '../../../store/store-context';
import { BitmapCanvas } from '../../../ui/bitmap-canvas';
import { ErrorState } from '../../../ui/error-state';
import { LoadingState } from '../../../ui/spinner';
import { renderImage } from '../../../workers/image-client';
import type { RenderedImage } from '../../../workers/image-protocol';
import { imageMimeOf } from '../file-kind';

const READ_HINT = 'Try again; if it keeps failing, press Verify to check the stored files of this version.';
const imageClass = 'max-h-[60vh] max-w-full object-contain [image-rendering:pixelated]';

const px = ({ width, height }: ImageSize) => `${formatCount(width)}×${formatCount(height)}`;

/**
 * An image file: shown as is when its header says it fits the pixel budget (or has no size,
 * like SVG); a larger one is decoded in the image worker at a reduced scale, which the caption
 * states, so the page never decodes hundreds of megapixels.
 */
export function ImagePreview({ entry }: { entry: ManifestEntry }) {
  const store = useStore();
  const head = useQuery(blobQueries.head(store, entry.digest, IMAGE_HEADER_BYTES));
  if (head.isPending) return <LoadingState label="Loading image…" />;
  if (head.isError) return <ErrorState title="Could not read this image" error={head.error} hint={READ_HINT} onRetry={() => void head.refetch()} />;
  const size = imageSizeFromHeader(head.data.bytes);
  if (size && size.width * size.height > MAX_IMAGE_PIXELS) return <ScaledImage entry={entry} />;
  return <FullImage entry={entry} />;
}

function FullImage({ entry }: { entry: ManifestEntry }) {
  const store = useStore();
  const query = useQuery(blobQueries.detail(store, entry.digest));
  const blob = query.data;
  const type = imageMimeOf(entry.path) ?? 'application/octet-stream';

  // The object URL lives exactly as long as this <img> shows this blob (React 19 ref cleanup).
  const attach = useCallback(
    (img: HTMLImageElement | null) => {
      if (!img || !blob) return;
      const url = URL.createObjectURL(new Blob([blob], { type }));
      img.src = url;
      return () => URL.revokeObjectURL(url);
    },
    [blob, type],
  );

  if (query.isPending) return <LoadingState label="Loading image…" />;
  if (query.isError) return <ErrorState title="Could not read this image" error={query.error} hint={READ_HINT} onRetry={() => void query.refetch()} />;
  // SVG too goes through <img>: scripts and external resources inside it never run.
  return <img ref={attach} alt={entry.path} className={imageClass} />;
}

function ScaledImage({ entry }: { entry: ManifestEntry }) {
  const store = useStore();
  const query = useQuery(blobQueries.detail(store, entry.digest));
  const blob = query.data;
  const [result, setResult] = useState<{ blob: Blob; image: RenderedImage } | { blob: Blob; failure: string } | null>(null);
  useEffect(() => {
    if (!blob) return;
    let current = true;
    renderImage(blob).then(
      (image) => (current ? setResult({ blob, image }) : image.bitmap.close()),
      (error: unknown) => current && setResult({ blob, failure: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      current = false;
    };
  }, [blob]);
  const rendered = result && result.blob === blob ? result : null;

  if (query.isError) return <ErrorState title="Could not read this image" error={query.error} hint={READ_HINT} onRetry={() => void query.refetch()} />;
  if (!rendered) return <LoadingState label="Decoding a large image…" />;
  if ('failure' in rendered) return <p className="text-sm text-red-600">This image could not be decoded: {rendered.failure}</p>;
  const { image } = rendered;
  return (
    <figure className="space-y-1">
      <BitmapCanvas bitmap={image.bitmap} label={entry.path} className={imageClass} />
      <figcaption className="text-xs text-amber-700 dark:text-amber-400">
        {px(image.size)} px, shown at {scaleLabel(image.scale.denominator)} ({px(image.scale)}) to keep the page responsive. Download it for full size.
      </figcaption>
    </figure>
  );
}
