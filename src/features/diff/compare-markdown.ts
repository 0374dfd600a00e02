/**
 * The comparison as a Markdown report, for a pull request or a review.
 */
import type { ManifestDiff } from '../../domain/diff';
import { stringifyExactJson } from '../../domain/exact-json';
import { formatBytes } from '../../domain/format';
import type { JsonDiff } from '../../domain/json-diff';
import { formatJsonPath } from '../../domain/json-diff';
import type { ArtifactVersion, JsonValue } from '../../domain/types';
import { buildFileRows } from './file-rows';

export interface CompareReportInput {
  readonly a: ArtifactVersion;
  readonly b: ArtifactVersion;
  readonly diff: ManifestDiff;
  readonly metadata: JsonDiff;
  /** Producing run names, when known. */
  readonly runs?: { readonly a: string | null; readonly b: string | null };
  /** Files listed at most (the rest are counted). */
  readonly maxFiles?: number;
}

const cell = (value: string) => value.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const code = (value: string) => `\`${value.replace(/`/g, "'")}\``;
const name = (v: ArtifactVersion) => `${v.artifactName}:v${v.index}`;
const signed = (n: number) => (n > 0 ? `+${formatBytes(n)}` : n < 0 ? `−${formatBytes(-n)}` : '0 B');
const json = (value: JsonValue) => cell(stringifyExactJson(value));

function setDiff(a: readonly string[], b: readonly string[]): string {
  const added = b.filter((x) => !a.includes(x));
  const removed = a.filter((x) => !b.includes(x));
  if (added.length === 0 && removed.length === 0) return 'same';
  return [...added.map((x) => `+${x}`), ...removed.map((x) => `−${x}`)].join(', ');
}

export function compareMarkdown({ a, b, diff, metadata, runs, maxFiles = 500 }: CompareReportInput): string {
  const out: string[] = [];
  out.push(`# Compare ${code(name(a))} → ${code(name(b))}`, '');
  out.push('| | A | B |', '|---|---|---|');
  out.push(`| Version | ${code(name(a))} | ${code(name(b))} |`);
  out.push(`| Digest | ${code(a.digest)} | ${code(b.digest)} |`);
  out.push(`| Files | ${a.fileCount} | ${b.fileCount} |`);
  out.push(`| Size | ${formatBytes(a.size)} | ${formatBytes(b.size)} |`);
  out.push(`| Aliases | ${cell(a.aliases.join(', ') || '—')} | ${cell(b.aliases.join(', ') || '—')} |`);
  out.push(`| Tags | ${cell(a.tags.join(', ') || '—')} | ${cell(b.tags.join(', ') || '—')} |`);
  if (runs) out.push(`| Produced by | ${cell(runs.a ?? '—')} | ${cell(runs.b ?? '—')} |`);
  out.push('');
  out.push(
    `**Files:** ${diff.added.length} added, ${diff.removed.length} removed, ${diff.modified.length} modified, ` +
      `${diff.renamed.length} renamed, ${diff.unchanged} unchanged · **bytes** +${formatBytes(diff.bytesAdded)} / −${formatBytes(diff.bytesRemoved)}`,
  );
  out.push(`**Aliases:** ${setDiff(a.aliases, b.aliases)} · **Tags:** ${setDiff(a.tags, b.tags)}`, '');

  out.push('## Metadata', '');
  if (metadata.changes.length === 0) out.push('No differences.', '');
  else {
    out.push('| Key | A | B | Δ |', '|---|---|---|---|');
    for (const change of metadata.changes) {
      const path = code(formatJsonPath(change.path));
      if (change.kind === 'added') out.push(`| ${path} | — | ${json(change.after)} | added |`);
      else if (change.kind === 'removed') out.push(`| ${path} | ${json(change.before)} | — | removed |`);
      else {
        const delta = change.delta === null ? 'changed' : `${change.delta > 0 ? '+' : ''}${Number(change.delta.toPrecision(6))}`;
        out.push(`| ${path} | ${json(change.before)} | ${json(change.after)} | ${delta} |`);
      }
    }
    out.push('');
  }

  out.push('## Changed files', '');
  const rows = buildFileRows(diff);
  if (rows.length === 0) out.push('No file changed.');
  else {
    out.push('| Status | Path | Size Δ |', '|---|---|---|');
    for (const r of rows.slice(0, maxFiles)) {
      const path = r.fromPath ? `${code(r.fromPath)} → ${code(r.path)}` : code(r.path);
      out.push(`| ${r.status} | ${cell(path)} | ${signed(r.sizeDelta)} |`);
    }
    if (rows.length > maxFiles) out.push('', `…and ${rows.length - maxFiles} more changed files.`);
  }
  out.push('');
  return out.join('\n');
}
