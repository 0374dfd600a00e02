import { Button } from '../ui/button';
import { Spinner } from '../ui/spinner';

type StartupScreenProps =
  | { kind: 'opening' }
  | { kind: 'blocked'; title: string; message: string; code?: string };

/** What shows before the store is open, or instead of the app when it cannot be used. */
export function StartupScreen(props: StartupScreenProps) {
  if (props.kind === 'opening') {
    return (
      <div className="flex h-full items-center justify-center gap-2 text-sm text-slate-500 dark:text-slate-400">
        <Spinner label="Opening storage" /> Opening storage…
      </div>
    );
  }
  return (
    <div className="flex h-full items-center justify-center p-6">
      <div role="alert" className="max-w-md rounded-xl border border-slate-200 bg-white p-6 shadow-sm dark:border-slate-800 dark:bg-slate-900">
        <h1 className="text-base font-semibold">{props.title}</h1>
        <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">{props.message}</p>
        {props.code && <p className="mt-1 font-mono text-xs text-slate-500">{props.code}</p>}
        <Button variant="primary" className="mt-4" onClick={() => window.location.reload()}>
          Reload
        </Button>
      </div>
    </div>
  );
}
