// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunId } from '../../../domain/types';
import { createMemoryStore } from '../../../store/memory-store';
import { renderWithProviders } from '../../../test/render';
import { RunPage } from './run-page';

afterEach(cleanup);

const valueOf = (label: string) => screen.getByLabelText(label).textContent;

describe('RunPage', () => {
  it('shows what the CLI recorded: command line, host, working dir, git commit, exit state and duration', async () => {
    const store = createMemoryStore();
    const run = await store.createRun({
      id: 'cli-1' as RunId,
      project: 'p',
      name: 'train',
      jobType: 'training',
      startedAt: Date.UTC(2026, 0, 5, 10, 0, 0),
      info: { command: ['python', 'train.py', '--name', 'my run'], host: 'gpu-node-1', cwd: '/home/ana/proj', gitCommit: '0123456789abcdef0123456789abcdef01234567', actor: 'ana' },
    });
    await store.updateRun(run.id, { state: 'failed', finishedAt: Date.UTC(2026, 0, 5, 10, 3, 12), info: { exitCode: 2 } });
    renderWithProviders(<RunPage project="p" runId="cli-1" />, { store });
    await screen.findByRole('heading', { name: 'train' });
    expect(valueOf('State')).toBe('Failed with exit code 2');
    expect(valueOf('Duration')).toBe('3m 12s');
    expect(valueOf('Command')).toContain("python train.py --name 'my run'");
    expect(screen.getByRole('button', { name: 'Copy command line' })).toBeTruthy();
    expect(valueOf('Host')).toBe('gpu-node-1');
    expect(valueOf('Working dir')).toBe('/home/ana/proj');
    expect(valueOf('Git commit')).toContain('0123456789ab');
    expect(screen.getByTitle('0123456789abcdef0123456789abcdef01234567')).toBeTruthy();
    expect(valueOf('Started by')).toBe('ana');
  });

  it('counts a running run up to now, and shows a cancelled run as cancelled', async () => {
    const store = createMemoryStore();
    await store.createRun({ id: 'live' as RunId, project: 'p', name: 'live', jobType: 'train', startedAt: Date.now() - 3 * 60_000 - 5_000 });
    const stopped = await store.createRun({ id: 'stopped' as RunId, project: 'p', name: 'stopped', jobType: 'train', startedAt: 1_000 });
    await store.updateRun(stopped.id, { state: 'cancelled', finishedAt: 61_000, info: { exitCode: 130 } });
    const { unmount } = renderWithProviders(<RunPage project="p" runId="live" />, { store });
    await screen.findByRole('heading', { name: 'live' });
    expect(valueOf('State')).toBe('Running');
    expect(valueOf('Duration')).toBe('running for 3 min');
    expect(valueOf('Finished')).toBe('—');
    expect(screen.queryByLabelText('Command')).toBeNull();
    unmount();
    renderWithProviders(<RunPage project="p" runId="stopped" />, { store });
    await screen.findByRole('heading', { name: 'stopped' });
    expect(valueOf('State')).toBe('Cancelled');
    expect(valueOf('Duration')).toBe('1m 00s');
  });
});
