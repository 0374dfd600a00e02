import type { S3ProbeResult } from '../s3/s3-probe';

/**
 * What the S3 capability probe would find on a folder store: exclusive create (link) and
 * compare-and-swap (lock file + rename) always work, so it is writable unless opened read-only.
 */
export function folderProbe(readOnly: boolean, reason = 'the folder store was opened read-only'): S3ProbeResult {
  return {
    canRead: true,
    canWrite: !readOnly,
    readOnly,
    ...(readOnly ? { readOnlyReason: reason } : {}),
    etagStyle: 'unquoted',
    problems: [],
    checks: [
      { step: 'create-only write', ok: true, detail: 'exclusive create of a file (link)' },
      { step: 'compare-and-swap', ok: true, detail: 'lock file, ETag compare, atomic rename' },
    ],
  };
}
