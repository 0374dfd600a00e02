import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import type { S3Config } from '../../../store/s3/s3-config';
import type { S3ProbeResult } from '../../../store/s3/s3-probe';
import { probeS3 } from '../../../store/s3/s3-probe';
import { createS3Store } from '../../../store/s3/create-s3-store';
import { useStoreHolder } from '../../../store/store-context';
import { Button } from '../../../ui/button';
import { Dialog } from '../../../ui/dialog';
import { useToast } from '../../../ui/toast';
import { initialS3Form, loadS3Session, saveS3Session } from '../s3-session';
import { ProbeReport } from './probe-report';

type ConnectDialogProps = { open: boolean; onClose: () => void };

const FIELDS: { key: keyof S3Config; label: string; placeholder: string; type?: string; hint?: string }[] = [
  { key: 'endpoint', label: 'Endpoint', placeholder: 'https://s3.eu-west-1.amazonaws.com' },
  { key: 'region', label: 'Region', placeholder: 'us-east-1 (auto for R2)' },
  { key: 'bucket', label: 'Bucket', placeholder: 'team-artifacts' },
  { key: 'prefix', label: 'Prefix', placeholder: 'optional, e.g. team-a/' },
  { key: 'accessKeyId', label: 'Access key ID', placeholder: 'AKIA…' },
  { key: 'secretAccessKey', label: 'Secret access key', placeholder: '••••••••', type: 'password' },
  { key: 'sessionToken', label: 'Session token', placeholder: 'only for temporary credentials', type: 'password' },
];

function probeOf(error: unknown): S3ProbeResult | null {
  if (typeof error !== 'object' || error === null || !('details' in error)) return null;
  const details = (error as { details: Record<string, unknown> }).details;
  return (details['probe'] as S3ProbeResult | undefined) ?? null;
}

/**
 * Connects an S3-compatible store: the settings, a connection test that says exactly what is
 * wrong (probeS3), and Connect, which opens the store and makes it the active one.
 */
export function ConnectDialog({ open, onClose }: ConnectDialogProps) {
  const holder = useStoreHolder();
  const toast = useToast();
  const [form, setForm] = useState<S3Config>(() => initialS3Form(loadS3Session()));
  const [remember, setRemember] = useState(false);
  const test = useMutation({ mutationFn: (config: S3Config) => probeS3(config), meta: { silent: true } });
  const connect = useMutation({
    mutationFn: (config: S3Config) => createS3Store(config),
    meta: { silent: true },
    onSuccess: (store, config) => {
      if (remember) saveS3Session({ config, active: true });
      toast.show({ tone: 'success', title: `Connected to ${store.label}`, message: store.readOnly ? `Read-only: ${store.readOnlyReason ?? ''}` : undefined });
      onClose();
      holder.add(store);
      holder.activate(store.id);
    },
  });

  const report = connect.error ? probeOf(connect.error) : (connect.isIdle || connect.isPending) && test.data ? test.data : null;
  const busy = test.isPending || connect.isPending;

  const edit = (key: keyof S3Config, value: string) => {
    setForm((f) => ({ ...f, [key]: value }));
    test.reset();
    connect.reset();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    test.reset();
    connect.mutate(form);
  };

  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="Connect S3-compatible storage"
      description="AWS S3, Cloudflare R2, Ceph RGW or MinIO. Credentials stay in this tab: they are never saved to local storage."
      className="w-[36rem]"
    >
      <form onSubmit={submit} className="flex flex-col gap-3" aria-label="S3 settings">
        <div className="grid grid-cols-2 gap-x-3 gap-y-2">
          {FIELDS.map((field) => (
            <label key={field.key} className={field.key === 'endpoint' ? 'col-span-2 flex flex-col gap-1 text-xs' : 'flex flex-col gap-1 text-xs'}>
              <span className="font-medium text-slate-700 dark:text-slate-300">{field.label}</span>
              <input
                type={field.type ?? 'text'}
                value={form[field.key] ?? ''}
                placeholder={field.placeholder}
                autoComplete="off"
                spellCheck={false}
                onChange={(e) => edit(field.key, e.target.value)}
                className="h-8 rounded-md border border-slate-300 bg-white px-2 font-mono text-xs dark:border-slate-700 dark:bg-slate-950"
              />
            </label>
          ))}
        </div>
        <label className="flex items-center gap-2 text-xs text-slate-600 dark:text-slate-400">
          <input type="checkbox" checked={remember} onChange={(e) => setRemember(e.target.checked)} />
          Keep these settings for this tab until it closes (session storage)
        </label>
        {report && <ProbeReport result={report} />}
        {connect.error && !report && (
          <p role="alert" className="text-sm text-red-700 dark:text-red-300">
            {connect.error.message}
          </p>
        )}
        {test.error && (
          <p role="alert" className="text-sm text-red-700 dark:text-red-300">
            {test.error.message}
          </p>
        )}
        <div className="flex justify-end gap-2">
          <Button type="button" variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button
            type="button"
            loading={test.isPending}
            disabled={busy}
            onClick={() => {
              connect.reset();
              test.mutate(form);
            }}
          >
            Test connection
          </Button>
          <Button type="submit" variant="primary" loading={connect.isPending} disabled={busy}>
            Connect
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
