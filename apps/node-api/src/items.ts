// The example resource: items with a name and a quantity, validated by hand (no schema library,
// to keep the production image's dependencies to Express alone). The in-memory store stands in
// for a database; replace ItemStore and keep the routes.

import { randomUUID } from 'node:crypto';

export interface Item {
  id: string;
  name: string;
  quantity: number;
  createdAt: string;
}

export interface NewItem {
  name: string;
  quantity: number;
}

export interface FieldError {
  field: string;
  message: string;
}

export type Validation<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

export const NAME_MAX_LENGTH = 100;
export const QUANTITY_MAX = 1_000_000;
const ALLOWED_FIELDS = new Set(['name', 'quantity']);

export function validateNewItem(input: unknown): Validation<NewItem> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, errors: [{ field: '(body)', message: 'must be a JSON object' }] };
  }
  const body = input as Record<string, unknown>;
  const errors: FieldError[] = [];

  for (const key of Object.keys(body)) {
    if (!ALLOWED_FIELDS.has(key)) errors.push({ field: key, message: 'is not a known field' });
  }

  let name = '';
  if (typeof body.name !== 'string') {
    errors.push({ field: 'name', message: 'is required and must be a string' });
  } else {
    name = body.name.trim();
    if (name.length === 0) errors.push({ field: 'name', message: 'must not be empty' });
    else if (name.length > NAME_MAX_LENGTH) errors.push({ field: 'name', message: `must be at most ${NAME_MAX_LENGTH} characters` });
  }

  let quantity = 1;
  if (body.quantity !== undefined) {
    if (typeof body.quantity !== 'number' || !Number.isInteger(body.quantity) || body.quantity < 0 || body.quantity > QUANTITY_MAX) {
      errors.push({ field: 'quantity', message: `must be an integer from 0 to ${QUANTITY_MAX}` });
    } else {
      quantity = body.quantity;
    }
  }

  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: { name, quantity } };
}

export interface ItemStore {
  list(): Item[];
  get(id: string): Item | undefined;
  create(item: NewItem): Item;
}

export function createMemoryStore(options: { now?: () => Date; newId?: () => string } = {}): ItemStore {
  const now = options.now ?? (() => new Date());
  const newId = options.newId ?? randomUUID;
  const items = new Map<string, Item>();
  return {
    list: () => [...items.values()],
    get: (id) => items.get(id),
    create: (input) => {
      const item: Item = { id: newId(), name: input.name, quantity: input.quantity, createdAt: now().toISOString() };
      items.set(item.id, item);
      return item;
    },
  };
}
