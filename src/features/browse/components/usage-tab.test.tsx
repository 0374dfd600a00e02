// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { VersionId } from '../../../domain/types';
import type { ArtifactStore, StoreLocation } from '../../../store/artifact-store';
import { createMemoryStore } from '../../../store/memory-store';
import { renderWithProviders } from '../../../test/render';
import { UsageTab } from './usage-tab';

afterEach(cleanup);

async function storeWithVersion(location?: StoreLocation): Promise<ArtifactStore> {
  const store = createMemoryStore();
  await store.commitVersion({ project: 'example', artifactName: 'classifier', type: 'model', entries: [{ path: 'w.bin', digest: 'etag-w', ref: 's3://b/w.bin', size: 3 }] });
  // The same records, seen as a store at another location.
  return location ? Object.assign(Object.create(store) as ArtifactStore, { location }) : store;
}

const versionId = 'example/classifier:v0' as VersionId;

describe('UsageTab', () => {
  it('on an S3 store, shows the get command for its bucket and the SDK lines, each with a copy button', async () => {
    const store = await storeWithVersion({ kind: 's3', endpoint: 'http://127.0.0.1:7480', region: 'us-east-1', bucket: 'team', prefix: 'ml/' });
    renderWithProviders(<UsageTab versionId={versionId} connectAction={<button type="button">connect</button>} />, { store });
    const cli = await screen.findByLabelText('CLI command');
    expect(cli.textContent).toContain('artifact-studio get example/classifier:v0 --root ./classifier-v0 --store s3://team/ml');
    expect(cli.textContent).toContain('export AWS_ENDPOINT_URL_S3=http://127.0.0.1:7480');
    expect(screen.getByLabelText('SDK snippet').textContent).toContain('await run.useArtifact("example/classifier:v0")');
    for (const label of ['CLI command', 'SDK snippet', 'W&B command']) expect(screen.getByRole('button', { name: `Copy ${label}` })).toBeTruthy();
    const version = await store.getVersion(versionId);
    expect(screen.getByRole('region', { name: 'Log the same files to W&B' }).textContent).toContain(`the same digest, ${version.digest}`);
    expect(screen.queryByText('connect')).toBeNull();
    expect(screen.queryByText(/wandb\.init/)).toBeNull();
  });

  it('on the browser-only store, says code needs a shared store and offers to connect one', async () => {
    const store = await storeWithVersion();
    renderWithProviders(<UsageTab versionId={versionId} connectAction={<button type="button">Connect S3 storage…</button>} />, { store });
    const notice = await screen.findByRole('region', { name: 'Use from code' });
    expect(notice.textContent).toContain('Code needs a shared store');
    expect(notice.textContent).toContain('stored in this browser only');
    expect(screen.getByRole('button', { name: 'Connect S3 storage…' })).toBeTruthy();
    expect(screen.queryByLabelText('CLI command')).toBeNull();
    expect(screen.queryByLabelText('SDK snippet')).toBeNull();
  });
});
