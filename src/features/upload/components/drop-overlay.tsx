type DropOverlayProps = { target: string };

/** Covers the page while files are dragged over it; the window itself takes the drop. */
export function DropOverlay({ target }: DropOverlayProps) {
  return (
    <div
      aria-hidden
      className="pointer-events-none fixed inset-0 z-40 flex items-center justify-center bg-indigo-600/10 p-6 backdrop-blur-[1px]"
    >
      <div className="rounded-2xl border-2 border-dashed border-indigo-500 bg-white/90 px-10 py-8 text-center shadow-xl dark:bg-slate-900/90">
        <p className="text-lg font-semibold text-slate-900 dark:text-slate-100">Drop files or folders</p>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">to create {target}</p>
      </div>
    </div>
  );
}
