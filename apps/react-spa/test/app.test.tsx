import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import { routes } from '../src/routes.tsx';
import { json, stubFetch } from './support/fetch.ts';

function renderAt(path: string) {
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  render(<RouterProvider router={router} />);
  return router;
}

describe('routes', () => {
  it('/ shows the items from the API', async () => {
    stubFetch(() => json({ items: [{ id: '1', name: 'widget', quantity: 3 }], count: 1 }));
    renderAt('/');
    expect(screen.getByRole('heading', { name: 'Items' })).toBeTruthy();
    expect(await screen.findByText('widget')).toBeTruthy();
  });

  it('/about opens directly (a deep link)', () => {
    stubFetch(() => json({ items: [] }));
    renderAt('/about');
    expect(screen.getByRole('heading', { name: 'About' })).toBeTruthy();
  });

  it('the navigation moves between routes without a page load', async () => {
    stubFetch(() => json({ items: [] }));
    const router = renderAt('/');
    await userEvent.click(screen.getByRole('link', { name: 'About' }));
    expect(router.state.location.pathname).toBe('/about');
    expect(screen.getByRole('heading', { name: 'About' })).toBeTruthy();
    await userEvent.click(screen.getByRole('link', { name: 'Items' }));
    expect(await screen.findByText('No items yet.')).toBeTruthy();
  });

  it('an unknown path shows the not-found page with a way back', () => {
    stubFetch(() => json({ items: [] }));
    renderAt('/no/such/page');
    expect(screen.getByRole('heading', { name: 'Page not found' })).toBeTruthy();
    expect(screen.getByText('/no/such/page')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Back to the items' }).getAttribute('href')).toBe('/');
  });

  it('the footer names the environment the bundle was built for', () => {
    stubFetch(() => json({ items: [] }));
    renderAt('/about');
    // vitest runs Vite in "test" mode; an image build sets VITE_BUILD_ENV from BUILD_ENV.
    expect(screen.getByTestId('build-env').textContent).toBe(import.meta.env.VITE_BUILD_ENV || 'test');
  });
});
