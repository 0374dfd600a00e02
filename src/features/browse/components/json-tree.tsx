import { isExactNumber } from '../../../domain/exact-json';
import type { ExactNumber, JsonValue } from '../../../domain/types';

type JsonTreeProps = {
  value: JsonValue;
  /** Levels open at first; deeper ones start collapsed. */
  openDepth?: number;
};

const MAX_CHILDREN = 500;

/** Collapsible JSON: objects and arrays are <details> (keyboard and find-in-page work natively). */
export function JsonTree({ value, openDepth = 2 }: JsonTreeProps) {
  return (
    <div role="group" aria-label="Metadata tree" className="font-mono text-xs leading-relaxed">
      <JsonNode name={null} value={value} depth={0} openDepth={openDepth} />
    </div>
  );
}

type JsonNodeProps = { name: string | null; value: JsonValue; depth: number; openDepth: number };

function JsonNode({ name, value, depth, openDepth }: JsonNodeProps) {
  const label = name === null ? null : <span className="text-slate-600 dark:text-slate-300">{name}: </span>;
  if (value === null || typeof value !== 'object' || isExactNumber(value)) {
    return (
      <div className="pl-4">
        {label}
        <Scalar value={value} />
      </div>
    );
  }
  const children: [string, JsonValue][] = Array.isArray(value) ? value.map((v, k) => [String(k), v]) : Object.entries(value);
  const shown = children.slice(0, MAX_CHILDREN);
  const summary = Array.isArray(value) ? `[${children.length}]` : `{${children.length}}`;
  return (
    <details open={depth < openDepth} className={depth === 0 ? '' : 'pl-4'}>
      <summary className="cursor-pointer select-none hover:bg-slate-100 dark:hover:bg-slate-800">
        {label}
        <span className="text-slate-500 dark:text-slate-400">{summary}</span>
      </summary>
      {shown.map(([key, child]) => (
        <JsonNode key={key} name={key} value={child} depth={depth + 1} openDepth={openDepth} />
      ))}
      {children.length > shown.length && <div className="pl-4 text-slate-500 dark:text-slate-400">… {children.length - shown.length} more</div>}
    </details>
  );
}

function Scalar({ value }: { value: string | number | ExactNumber | boolean | null }) {
  if (typeof value === 'string') return <span className="break-all text-emerald-700 dark:text-emerald-400">{JSON.stringify(value)}</span>;
  if (typeof value === 'number') return <span className="text-indigo-700 dark:text-indigo-300">{String(value)}</span>;
  if (isExactNumber(value)) return <span className="text-indigo-700 dark:text-indigo-300">{value.value}</span>;
  return <span className="text-amber-700 dark:text-amber-400">{String(value)}</span>;
}
