import { useCallback, useEffect, useState } from 'react';
import { fetchItems, NoApiError, type Item } from './api.ts';

export type ItemsState = { status: 'loading' } | { status: 'no-api'; message: string } | { status: 'error'; message: string } | { status: 'loaded'; items: Item[] };

/** Loads the items once on mount and again on `reload()`; an unmounted page cancels its request. */
export function useItems(base: string): { state: ItemsState; reload: () => void } {
  const [state, setState] = useState<ItemsState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'loading' });
    fetchItems(base, controller.signal).then(
      (items) => setState({ status: 'loaded', items }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const message = error instanceof Error ? error.message : String(error);
        setState(error instanceof NoApiError ? { status: 'no-api', message } : { status: 'error', message });
      },
    );
    return () => controller.abort();
  }, [base, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { state, reload };
}
