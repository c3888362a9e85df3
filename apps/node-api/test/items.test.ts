import { describe, expect, it } from 'vitest';
import { createMemoryStore, NAME_MAX_LENGTH, validateNewItem } from '../src/items.ts';

describe('validateNewItem', () => {
  it('accepts a name and a quantity, trimming the name', () => {
    expect(validateNewItem({ name: '  widget ', quantity: 3 })).toEqual({ ok: true, value: { name: 'widget', quantity: 3 } });
  });

  it('defaults the quantity to 1', () => {
    expect(validateNewItem({ name: 'widget' })).toEqual({ ok: true, value: { name: 'widget', quantity: 1 } });
  });

  it.each([
    ['null', null],
    ['an array', [{ name: 'x' }]],
    ['a string', 'widget'],
  ])('rejects %s as the body', (_label, body) => {
    expect(validateNewItem(body)).toEqual({ ok: false, errors: [{ field: '(body)', message: 'must be a JSON object' }] });
  });

  it('names every invalid field', () => {
    const result = validateNewItem({ name: '', quantity: -1, colour: 'red' });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.map((e) => e.field)).toEqual(['colour', 'name', 'quantity']);
  });

  it.each([
    ['a missing name', {}, 'name'],
    ['a non-string name', { name: 42 }, 'name'],
    ['a blank name', { name: '   ' }, 'name'],
    ['an over-long name', { name: 'x'.repeat(NAME_MAX_LENGTH + 1) }, 'name'],
    ['a fractional quantity', { name: 'x', quantity: 1.5 }, 'quantity'],
    ['a string quantity', { name: 'x', quantity: '3' }, 'quantity'],
    ['a huge quantity', { name: 'x', quantity: 1e9 }, 'quantity'],
  ])('rejects %s', (_label, body, field) => {
    const result = validateNewItem(body);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.map((e) => e.field)).toEqual([field]);
  });
});

describe('createMemoryStore', () => {
  it('creates, gets and lists items', () => {
    let n = 0;
    const store = createMemoryStore({ now: () => new Date('2026-01-01T00:00:00Z'), newId: () => `id-${++n}` });
    const a = store.create({ name: 'a', quantity: 1 });
    const b = store.create({ name: 'b', quantity: 2 });
    expect(a).toEqual({ id: 'id-1', name: 'a', quantity: 1, createdAt: '2026-01-01T00:00:00.000Z' });
    expect(store.get('id-2')).toEqual(b);
    expect(store.get('id-3')).toBeUndefined();
    expect(store.list()).toEqual([a, b]);
  });
});
