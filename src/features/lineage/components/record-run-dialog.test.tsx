// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createMemoryStore } from '../../../store/memory-store';
import { renderWithProviders } from '../../../test/render';
import { RecordRunDialog } from './record-run-dialog';

afterEach(cleanup);

// jsdom has <dialog> but not its modal methods
beforeAll(() => {
  if (typeof HTMLDialogElement.prototype.showModal === 'function') return;
  Object.assign(HTMLDialogElement.prototype, {
    showModal(this: HTMLDialogElement) {
      this.open = true;
    },
    close(this: HTMLDialogElement) {
      this.open = false;
    },
  });
});

describe('RecordRunDialog', { timeout: 20_000 }, () => {
  it('records a run with an input, announces it in a toast, and Undo deletes the run again', async () => {
    const store = createMemoryStore();
    await store.commitVersion({ project: 'p', artifactName: 'data', type: 'dataset', entries: [{ path: 'a', digest: 'etag-a', ref: 's3://b/a', size: 1 }] });
    const onRecorded = vi.fn();
    const { toasts } = renderWithProviders(<RecordRunDialog project="p" open onClose={() => {}} onRecorded={onRecorded} />, { store });
    fireEvent.change(screen.getByLabelText('Run name'), { target: { value: 'sweep-1' } });
    fireEvent.change(screen.getByLabelText('Job type'), { target: { value: 'sweep' } });
    const inputs = screen.getByLabelText<HTMLSelectElement>('Input versions');
    const option = await screen.findByRole<HTMLOptionElement>('option', { name: 'data:v0 (dataset)' });
    option.selected = true;
    fireEvent.change(inputs);
    fireEvent.click(screen.getAllByRole('button', { name: 'Record run' }).at(-1) as HTMLElement);
    await waitFor(() => expect(onRecorded).toHaveBeenCalledOnce());
    const [run] = await store.listRuns('p');
    expect(run?.inputs).toEqual(['p/data:v0']);
    const toast = toasts.getSnapshot().find((t) => t.title === 'Recorded run sweep-1');
    expect(toast?.message).toMatch(/^sweep, 1 input\./);
    expect(toast?.action?.label).toBe('Undo');
    toast?.action?.onAction();
    await waitFor(async () => expect(await store.listRuns('p')).toEqual([]));
    await waitFor(() => expect(toasts.getSnapshot().map((t) => t.title)).toContain('Undone: run sweep-1 removed'));
  });

  it('says what to do when the project has no versions to pick, and shows refusals in the dialog', async () => {
    const store = createMemoryStore();
    await store.ensureProject('p');
    renderWithProviders(<RecordRunDialog project="p" open onClose={() => {}} onRecorded={() => {}} />, { store });
    await screen.findByText(/no versions to pick as inputs yet/);
    fireEvent.change(screen.getByLabelText('Run name'), { target: { value: 'r' } });
    fireEvent.change(screen.getByLabelText('Job type'), { target: { value: 'train' } });
    fireEvent.change(screen.getByLabelText('Config (JSON object)'), { target: { value: '{lr: 1}' } });
    fireEvent.click(screen.getAllByRole('button', { name: 'Record run' }).at(-1) as HTMLElement);
    expect((await screen.findByRole('alert')).textContent).toMatch(/config is not valid JSON/);
  });
});
