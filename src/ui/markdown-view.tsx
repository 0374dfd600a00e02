import { Suspense, use, useMemo } from 'react';
import { cn } from './cn';
import type * as MarkdownModule from './markdown';

// The Markdown renderer (marked) loads on first use, keeping it out of the initial bundle.
let renderer: Promise<typeof MarkdownModule> | undefined;
function loadRenderer() {
  renderer ??= import('./markdown');
  return renderer;
}

type MarkdownViewProps = {
  source: string;
  className?: string;
  'aria-label'?: string;
};

const prose = [
  '[&_h1]:mt-3 [&_h1]:mb-2 [&_h1]:text-xl [&_h1]:font-semibold',
  '[&_h2]:mt-3 [&_h2]:mb-2 [&_h2]:text-lg [&_h2]:font-semibold',
  '[&_h3]:mt-2 [&_h3]:mb-1 [&_h3]:font-semibold',
  '[&_p]:my-2 [&_ul]:my-2 [&_ul]:list-disc [&_ul]:pl-5 [&_ol]:my-2 [&_ol]:list-decimal [&_ol]:pl-5',
  '[&_a]:text-indigo-600 [&_a]:underline dark:[&_a]:text-indigo-400',
  '[&_code]:rounded [&_code]:bg-slate-100 [&_code]:px-1 [&_code]:font-mono [&_code]:text-[0.85em] dark:[&_code]:bg-slate-800',
  '[&_pre]:my-2 [&_pre]:overflow-auto [&_pre]:rounded [&_pre]:bg-slate-100 [&_pre]:p-2 dark:[&_pre]:bg-slate-800',
  '[&_table]:my-2 [&_table]:border-collapse [&_td]:border [&_td]:border-slate-200 [&_td]:px-2 [&_td]:py-1',
  '[&_th]:border [&_th]:border-slate-200 [&_th]:px-2 [&_th]:py-1 [&_th]:text-left dark:[&_td]:border-slate-700 dark:[&_th]:border-slate-700',
  '[&_blockquote]:border-l-4 [&_blockquote]:border-slate-300 [&_blockquote]:pl-3 [&_blockquote]:text-slate-600',
  '[&_img]:max-w-full',
].join(' ');

/** Markdown rendered by `renderMarkdown`: raw HTML shows as text, unsafe links as plain text. */
export function MarkdownView(props: MarkdownViewProps) {
  // Until the renderer has loaded, the source shows as plain text (never as HTML).
  const fallback = <div className={cn('min-w-0 text-sm break-words whitespace-pre-wrap', props.className)}>{props.source}</div>;
  return (
    <Suspense fallback={fallback}>
      <RenderedMarkdown {...props} />
    </Suspense>
  );
}

function RenderedMarkdown({ source, className, 'aria-label': ariaLabel }: MarkdownViewProps) {
  const { renderMarkdown } = use(loadRenderer());
  const html = useMemo(() => renderMarkdown(source), [renderMarkdown, source]);
  return (
    <div
      aria-label={ariaLabel}
      className={cn('min-w-0 text-sm leading-relaxed break-words', prose, className)}
      // Safe by construction: renderMarkdown escapes raw HTML and drops unsafe URLs.
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}
