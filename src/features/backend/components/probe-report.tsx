import type { S3ProbeResult, S3ProblemKind } from '../../../store/s3/s3-probe';
import { CopyButton } from '../../../ui/copy-button';

type ProbeReportProps = { result: S3ProbeResult };

const TITLES: Record<S3ProblemKind, string> = {
  config: 'Settings are not valid',
  network: 'Cannot reach the endpoint (DNS or network)',
  cors: 'The bucket’s CORS rule blocks this page',
  credentials: 'Credentials refused',
  permission: 'Permission missing',
  'bucket-missing': 'Bucket not found',
  'not-s3': 'This is not an S3 endpoint',
  'conditional-writes': 'Conditional writes not honoured',
  'etag-hidden': 'ETag hidden from the browser',
  unexpected: 'Unexpected answer',
};

/** The outcome of the connection test: the first problem up front (with its fix), then every step. */
export function ProbeReport({ result }: ProbeReportProps) {
  const [first, ...rest] = result.problems;
  return (
    <section aria-label="Connection test" className="flex flex-col gap-2 text-sm">
      {first ? (
        <div role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 dark:border-red-900 dark:bg-red-950/40">
          <p className="font-medium text-red-800 dark:text-red-300">
            {TITLES[first.kind]} <span className="font-mono text-xs text-red-600/80">({first.kind})</span>
          </p>
          <p className="mt-1 text-red-800 dark:text-red-200">{first.message}</p>
          {first.fix && (
            <div className="mt-2">
              <div className="flex items-center justify-between text-xs text-slate-600 dark:text-slate-400">
                <span>How to fix it</span>
                <CopyButton value={first.fix} label="Copy the fix" />
              </div>
              <pre aria-label="Fix" className="mt-1 max-h-48 overflow-auto rounded bg-white p-2 text-xs whitespace-pre-wrap dark:bg-slate-900">
                {first.fix}
              </pre>
            </div>
          )}
          {rest.map((problem) => (
            <p key={`${problem.kind}:${problem.message}`} className="mt-1 text-xs text-red-700 dark:text-red-300">
              Also: {problem.message}
            </p>
          ))}
        </div>
      ) : (
        <p role="status" className="rounded-md border border-emerald-200 bg-emerald-50 p-3 text-emerald-800 dark:border-emerald-900 dark:bg-emerald-950/40 dark:text-emerald-300">
          Connection works: the bucket can be read and written safely.
        </p>
      )}
      {result.canRead && result.readOnly && (
        <p className="rounded-md border border-amber-200 bg-amber-50 p-3 text-amber-900 dark:border-amber-900 dark:bg-amber-950/40 dark:text-amber-200">
          Opens <strong>read-only</strong>: {result.readOnlyReason ?? 'writes cannot be made safely'}
        </p>
      )}
      <ol aria-label="Checks" className="flex flex-col gap-0.5 text-xs text-slate-600 dark:text-slate-400">
        {result.checks.map((check, i) => (
          <li key={`${i}:${check.step}`}>
            <span aria-label={check.ok ? 'passed' : 'failed'} className={check.ok ? 'text-emerald-600' : 'text-red-600'}>
              {check.ok ? '✓' : '✗'}
            </span>{' '}
            <span className="font-medium">{check.step}</span>: {check.detail}
          </li>
        ))}
      </ol>
    </section>
  );
}
