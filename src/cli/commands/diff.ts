import { diffManifests } from '../../domain/diff';
import { formatBytes } from '../../domain/format';
import type { CommandContext } from '../context';
import { resolveRef } from './resolve';

const size = (n: number | undefined) => (n === undefined ? '?' : formatBytes(n));

export async function diff(context: CommandContext, a: string, b: string): Promise<void> {
  const { out } = context;
  const { store } = await context.openStore();
  const [base, next] = await Promise.all([resolveRef(store, context, a), resolveRef(store, context, b)]);
  const [baseEntries, nextEntries] = await Promise.all([store.readManifest(base.id), store.readManifest(next.id)]);
  const changes = diffManifests(baseEntries, nextEntries);
  out.result({ base: base.id, next: next.id, ...changes });
  out.line(`${base.id} → ${next.id}`);
  for (const e of changes.added) out.line(`A ${e.path} (${size(e.size)})`);
  for (const e of changes.removed) out.line(`D ${e.path} (${size(e.size)})`);
  for (const m of changes.modified) out.line(`M ${m.path} (${size(m.before.size)} → ${size(m.after.size)})`);
  for (const r of changes.renamed) out.line(`R ${r.from.path} → ${r.to.path} (${size(r.to.size)})`);
  out.line(`${changes.added.length} added, ${changes.removed.length} removed, ${changes.modified.length} modified, ${changes.renamed.length} renamed, ${changes.unchanged} unchanged`);
}
