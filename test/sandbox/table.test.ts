// The indexed table under the sandbox's registrations and contacts: the indexes must agree with
// a plain scan after any sequence of writes, or a write would miss (or invent) a duplicate.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Table } from '../../src/sandbox/table.js';

interface Row {
  id: number;
  group: number | null;
  email: string;
}

const table = () =>
  new Table<Row, 'group' | 'email'>({
    group: (r) => r.group ?? undefined,
    email: (r) => r.email.toLowerCase(),
  });

/** What each index must hold: the rows a full scan finds (compared by id). */
function scan(t: Map<number, Row>, keep: (r: Row) => boolean): Row[] {
  return [...t.values()].filter(keep).sort(byId);
}
const byId = (a: Row, b: Row) => a.id - b.id;

describe('Table', () => {
  it('files rows under each index and forgets them on delete', () => {
    const t = table();
    const a = { id: 1, group: 7, email: 'A@x.example' };
    const b = { id: 2, group: 7, email: 'b@x.example' };
    const c = { id: 3, group: null, email: 'a@x.example' };
    t.set(1, a).set(2, b).set(3, c);
    expect([...t.where('group', 7)]).toEqual([a, b]);
    expect(t.count('group', 7)).toBe(2);
    expect([...t.where('email', 'a@x.example')]).toEqual([a, c]);
    expect([...t.where('group', 8)]).toEqual([]); // rows with no key (null) are in no group
    t.delete(1);
    expect([...t.where('group', 7)]).toEqual([b]);
    expect([...t.where('email', 'a@x.example')]).toEqual([c]);
    t.delete(2);
    expect(t.count('group', 7)).toBe(0);
    expect(t.size).toBe(1);
  });

  it('refiles a row whose indexed field changes through update, and on replacing set', () => {
    const t = table();
    const a = { id: 1, group: 1, email: 'old@x.example' };
    t.set(1, a);
    t.update(a, (r) => Object.assign(r, { email: 'new@x.example', group: 2 }));
    expect([...t.where('email', 'old@x.example')]).toEqual([]);
    expect([...t.where('email', 'new@x.example')]).toEqual([a]);
    expect([...t.where('group', 2)]).toEqual([a]);
    const replaced = { id: 1, group: 3, email: 'new@x.example' };
    t.set(1, replaced);
    expect(t.count('group', 2)).toBe(0);
    expect([...t.where('email', 'new@x.example')]).toEqual([replaced]);
  });

  it('agrees with a full scan after any sequence of sets, updates and deletes', () => {
    const op = fc.oneof(
      fc.record({
        kind: fc.constant('set' as const),
        id: fc.integer({ min: 1, max: 12 }),
        group: fc.option(fc.integer({ min: 1, max: 3 })),
        email: fc.constantFrom('a@x', 'A@x', 'b@x', 'c@x'),
      }),
      fc.record({ kind: fc.constant('delete' as const), id: fc.integer({ min: 1, max: 12 }) }),
      fc.record({
        kind: fc.constant('update' as const),
        id: fc.integer({ min: 1, max: 12 }),
        email: fc.constantFrom('a@x', 'b@x', 'd@x'),
      }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const t = table();
        for (const o of ops) {
          if (o.kind === 'set') t.set(o.id, { id: o.id, group: o.group, email: o.email });
          else if (o.kind === 'delete') t.delete(o.id);
          else {
            const row = t.get(o.id);
            if (row) t.update(row, (r) => (r.email = o.email));
          }
        }
        for (const g of [1, 2, 3]) {
          expect([...t.where('group', g)].sort(byId)).toEqual(scan(t, (r) => r.group === g));
        }
        for (const e of ['a@x', 'b@x', 'c@x', 'd@x']) {
          const found = [...t.where('email', e)].sort(byId);
          expect(found).toEqual(scan(t, (r) => r.email.toLowerCase() === e));
        }
      }),
    );
  });
});
