import { apiUrl } from '../config.ts';
import { itemsUrl } from '../api.ts';
import { useItems } from '../useItems.ts';

/** The home page: the items API's items, with loading and error states. */
export function ItemsPage({ base = apiUrl }: { base?: string }) {
  const { state, reload } = useItems(base);
  return (
    <section aria-labelledby="items-title">
      <h1 id="items-title">Items</h1>
      <p className="muted">
        From <code>{itemsUrl(base)}</code>
      </p>
      {state.status === 'loading' && <p role="status">Loading items…</p>}
      {/* No API there is a state to act on (a notice); any other failure is an error (an alert). */}
      {(state.status === 'no-api' || state.status === 'error') && (
        <div role={state.status === 'error' ? 'alert' : 'status'} className={state.status === 'error' ? 'error' : 'notice'}>
          <p>{state.message}</p>
          <button type="button" onClick={reload}>
            Try again
          </button>
        </div>
      )}
      {state.status === 'loaded' &&
        (state.items.length === 0 ? (
          <p>No items yet.</p>
        ) : (
          <ul className="items">
            {state.items.map((item) => (
              <li key={item.id}>
                <span>{item.name}</span> <span className="quantity">× {item.quantity}</span>
              </li>
            ))}
          </ul>
        ))}
    </section>
  );
}
