import { useEffect, useRef } from 'react';
import type { CSSProperties } from 'react';

type BitmapCanvasProps = { bitmap: ImageBitmap; label: string; className?: string; style?: CSSProperties };

/** An already-decoded image (from a worker) on a canvas of its size; CSS scales it to fit. */
export function BitmapCanvas({ bitmap, label, className, style }: BitmapCanvasProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const target = canvas.current;
    if (!target) return;
    target.width = bitmap.width;
    target.height = bitmap.height;
    target.getContext('2d')?.drawImage(bitmap, 0, 0);
  }, [bitmap]);
  return <canvas ref={canvas} role="img" aria-label={label} className={className} style={style} />;
}
