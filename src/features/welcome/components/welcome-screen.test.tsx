// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderWithProviders } from '../../../test/render';
import { WelcomeScreen } from './welcome-screen';

afterEach(cleanup);

describe('WelcomeScreen', () => {
  it('loads the example project, shows progress while busy, then goes to the project', async () => {
    const { store } = renderWithProviders(<WelcomeScreen storeLabel="This browser (IndexedDB)" />, { url: '/' });

    const button = screen.getByRole('button', { name: 'Load example project' });
    fireEvent.click(button);
    const busy = await screen.findByRole('button', { name: /Loading example/ });
    expect(busy.hasAttribute('disabled')).toBe(true);

    await waitFor(() => expect(window.location.pathname).toBe('/p/example'), { timeout: 10_000 });
    expect((await store.listArtifacts('example')).length).toBe(4);
  });
});
