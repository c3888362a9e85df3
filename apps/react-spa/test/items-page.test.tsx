import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { ItemsPage } from '../src/pages/ItemsPage.tsx';
import { json, stubFetch } from './support/fetch.ts';

function renderPage(base = 'https://api.example.com') {
  render(
    <MemoryRouter>
      <ItemsPage base={base} />
    </MemoryRouter>,
  );
}

describe('ItemsPage', () => {
  it('shows a loading state until the API answers, then the items', async () => {
    let answer: (response: Response) => void = () => {};
    stubFetch(() => new Promise<Response>((resolve) => (answer = resolve)));
    renderPage();
    expect(screen.getByRole('status').textContent).toBe('Loading items…');
    answer(json({ items: [{ id: '1', name: 'widget', quantity: 3 }, { id: '2', name: 'gadget', quantity: 1 }], count: 2 }));
    expect(await screen.findByText('gadget')).toBeTruthy();
    expect(screen.queryByRole('status')).toBeNull();
    expect(screen.getAllByRole('listitem')).toHaveLength(2);
  });

  it('names the URL it calls, fixed at build time', () => {
    stubFetch(() => json({ items: [] }));
    renderPage('https://api.example.com/');
    expect(screen.getByText('https://api.example.com/items')).toBeTruthy();
  });

  it('shows an error state, and tries again on request', async () => {
    let calls = 0;
    stubFetch(() => (++calls === 1 ? json({ error: 'internal' }, 503) : json({ items: [{ id: '1', name: 'widget', quantity: 3 }] })));
    renderPage();
    expect((await screen.findByRole('alert')).textContent).toContain('The items API answered 503.');
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('widget')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('run alone, with no API beside it, says so as a notice rather than an error', async () => {
    stubFetch(() => new Response('<!doctype html><title>app</title>', { status: 200, headers: { 'content-type': 'text/html' } }));
    renderPage();
    const notice = await screen.findByText(/^No items API answers at https:\/\/api\.example\.com\/items: /);
    expect(notice.closest('[role="status"]')).not.toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('says so when there are no items', async () => {
    stubFetch(() => json({ items: [], count: 0 }));
    renderPage();
    expect(await screen.findByText('No items yet.')).toBeTruthy();
  });
});
