import { useState } from 'react';
import { expiresAt, expiryKeptReason, ttlDaysToSeconds, ttlSecondsToDays, userAliases } from '../../../domain/aliases';
import { toAppError } from '../../../domain/errors';
import type { ArtifactVersion } from '../../../domain/types';
import { Button } from '../../../ui/button';
import { useSetTtl } from '../hooks/use-lifecycle-mutations';
import { formatDateTime } from '../../../lib/format-time';

type TtlEditorProps = { version: ArtifactVersion; now: number };

/** Set or clear a version's time to live in days; says when it expires, or why an expired one is kept. */
export function TtlEditor({ version, now }: TtlEditorProps) {
  const setTtl = useSetTtl();
  const [days, setDays] = useState(version.ttlSeconds === null ? '' : String(ttlSecondsToDays(version.ttlSeconds)));
  const parsed = days.trim() === '' ? null : Number(days);
  let problem: string | null = null;
  try {
    if (parsed !== null) ttlDaysToSeconds(parsed);
  } catch (error) {
    problem = toAppError(error).message;
  }
  const at = expiresAt(version);
  const aliases = userAliases(version);

  return (
    <section aria-label="Time to live" className="flex flex-col gap-2">
      <h3 className="text-sm font-semibold">Time to live</h3>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        {at === null ? 'Kept until deleted.' : `Expires ${formatDateTime(at, 'second')}.`}
        {at !== null && at <= now && aliases.length > 0 && <span role="status"> This version {expiryKeptReason(aliases)}.</span>}
      </p>
      <form
        className="flex items-center gap-2"
        onSubmit={(event) => {
          event.preventDefault();
          if (parsed === null || problem) return;
          setTtl.mutate({ versionId: version.id, ttlSeconds: ttlDaysToSeconds(parsed), previous: version.ttlSeconds });
        }}
      >
        <label className="flex items-center gap-2 text-sm">
          Days
          <input
            aria-label="Time to live in days"
            inputMode="numeric"
            value={days}
            onChange={(event) => setDays(event.target.value)}
            className="h-8 w-20 rounded border border-slate-300 bg-white px-2 tabular-nums dark:border-slate-600 dark:bg-slate-900"
          />
        </label>
        <Button type="submit" size="sm" variant="primary" disabled={parsed === null || problem !== null} loading={setTtl.isPending}>
          Set TTL
        </Button>
        {version.ttlSeconds !== null && (
          <Button
            size="sm"
            onClick={() => {
              setDays('');
              setTtl.mutate({ versionId: version.id, ttlSeconds: null, previous: version.ttlSeconds });
            }}
          >
            Clear TTL
          </Button>
        )}
      </form>
      {problem && <p role="alert" className="text-xs text-red-600">{problem}</p>}
    </section>
  );
}
