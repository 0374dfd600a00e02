import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { formatBytes, formatCount } from '../../../domain/format';
import type { VersionId } from '../../../domain/types';
import { versionQueries } from '../../../store/queries';
import { useStore } from '../../../store/store-context';
import { Chip } from '../../../ui/chip';
import { CopyButton } from '../../../ui/copy-button';
import { ErrorState } from '../../../ui/error-state';
import { LoadingState } from '../../../ui/spinner';
import { formatDateTime, formatRelativeTime } from '../../../lib/format-time';
import { DetailField } from '../../../ui/detail-field';
import { PanelBoundary } from '../../../ui/panel-boundary';
import { ProducingRun } from './producing-run';
import { DescriptionEditor, MetadataEditor, TagsEditor } from './version-editors';

type VersionOverviewProps = { versionId: VersionId };

const card = 'rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900/40';
const cardTitle = 'mb-2 text-xs font-semibold tracking-wide text-slate-500 uppercase dark:text-slate-400';
const none = <span className="text-slate-500">—</span>;

export function VersionOverview({ versionId }: VersionOverviewProps) {
  const store = useStore();
  const query = useQuery(versionQueries.detail(store, versionId));
  const [now] = useState(Date.now);

  if (query.isPending) return <LoadingState label="Loading version…" />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;

  const v = query.data;
  const fullName = `${v.artifactName}:v${v.index}`;
  const metadataKeys = Object.keys(v.metadata).length;
  return (
    <div className="grid items-start gap-4 p-6 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
      <div className="flex min-w-0 flex-col gap-4">
        <section aria-label="Details" className={card}>
          <h2 className={cardTitle}>Details</h2>
          <dl className="divide-y divide-slate-100 dark:divide-slate-800">
            <DetailField label="Name">
              <span className="font-mono">{fullName}</span>
              <CopyButton value={fullName} label="name" className="ml-1 align-middle" />
            </DetailField>
            <DetailField label="Digest">
              <span className="font-mono text-[13px] break-all">{v.digest}</span>
              <CopyButton value={v.digest} label="digest" className="ml-1 align-middle" />
            </DetailField>
            <DetailField label="Size">{formatBytes(v.size)}</DetailField>
            <DetailField label="Files">{formatCount(v.fileCount)}</DetailField>
            <DetailField label="Created">
              {formatDateTime(v.createdAt)}{' '}
              <span className="text-slate-500 dark:text-slate-400">({formatRelativeTime(v.createdAt, now)})</span>
            </DetailField>
            <DetailField label="Aliases">
              <ChipList items={v.aliases} label="Aliases" tone="accent" />
            </DetailField>
            <DetailField label="Tags">
              <TagsEditor key={v.id} version={v} />
            </DetailField>
            {v.ttlSeconds !== null && <DetailField label="Time to live">{v.ttlSeconds} s</DetailField>}
            <DetailField label="Description">
              <DescriptionEditor key={v.id} version={v} />
            </DetailField>
          </dl>
        </section>
        <section aria-label="Metadata" className={card}>
          <h2 className={cardTitle}>
            Metadata <span className="font-normal normal-case">({metadataKeys} keys)</span>
          </h2>
          <MetadataEditor key={v.id} version={v} />
        </section>
      </div>
      <section aria-label="Produced by" className={card}>
        <h2 className={cardTitle}>Produced by</h2>
        {v.producedBy ? (
          <PanelBoundary what="the producing run" resetKeys={[v.producedBy]}>
            <ProducingRun runId={v.producedBy} />
          </PanelBoundary>
        ) : (
          <p className="text-sm text-slate-500 dark:text-slate-400">No run: this version was logged directly.</p>
        )}
      </section>
    </div>
  );
}

type ChipListProps = { items: readonly string[]; label: string; tone: 'accent' | 'neutral' };

function ChipList({ items, label, tone }: ChipListProps) {
  if (items.length === 0) return none;
  return (
    <ul aria-label={label} className="flex flex-wrap gap-1">
      {items.map((item) => (
        <li key={item}>
          <Chip tone={item === 'latest' ? 'success' : tone}>{item}</Chip>
        </li>
      ))}
    </ul>
  );
}
