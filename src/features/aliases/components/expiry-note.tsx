import { expiresAt, expiryKeptReason, userAliases } from '../../../domain/aliases';
import type { ArtifactVersion } from '../../../domain/types';

type ExpiryNoteProps = { version: ArtifactVersion; now: number };

/** On an expired version that its aliases keep: says so, and why. */
export function ExpiryNote({ version, now }: ExpiryNoteProps) {
  const at = expiresAt(version);
  const aliases = userAliases(version);
  if (at === null || at > now || aliases.length === 0) return null;
  const reason = expiryKeptReason(aliases);
  return (
    <span className="mt-1 block text-[11px] text-amber-700 dark:text-amber-400" title={reason}>
      {reason}
    </span>
  );
}
