// A Map of rows by id that also keeps secondary indexes (rows grouped by a key), so that a write
// looks up "this session's registrations" or "the contact with this e-mail" without walking the
// whole organisation. Every set/delete keeps the indexes in step; a change to a field an index
// reads goes through `update`.

type Key = string | number;

/** How a row is filed under an index; undefined leaves it out of that index. */
export type IndexKey<Row> = (row: Row) => Key | undefined;

const NONE: readonly never[] = [];

export class Table<Row extends { id: number }, Name extends string> extends Map<number, Row> {
  /**
   * key → the one row filed under it, or a Set of rows once there are several: most keys
   * (e-mails) hold one row, and a Set per row would cost more than the row itself.
   */
  private readonly groups = new Map<Name, Map<Key, Row | Set<Row>>>();
  private readonly filing: Array<[IndexKey<Row>, Map<Key, Row | Set<Row>>]> = [];

  constructor(indexes: Readonly<Record<Name, IndexKey<Row>>>) {
    super();
    for (const [name, keyOf] of Object.entries(indexes) as Array<[Name, IndexKey<Row>]>) {
      const group = new Map<Key, Row | Set<Row>>();
      this.groups.set(name, group);
      this.filing.push([keyOf, group]);
    }
  }

  override set(id: number, row: Row): this {
    const old = super.get(id);
    if (old) this.unfile(old);
    super.set(id, row);
    this.file(row);
    return this;
  }

  override delete(id: number): boolean {
    const old = super.get(id);
    if (!old) return false;
    this.unfile(old);
    return super.delete(id);
  }

  override clear(): void {
    super.clear();
    for (const group of this.groups.values()) group.clear();
  }

  /** Rows filed under `key` in index `name`, in the order they were filed (refiled last). */
  where(name: Name, key: Key): Iterable<Row> {
    const hit = this.group(name).get(key);
    if (hit === undefined) return NONE;
    return hit instanceof Set ? hit : [hit];
  }

  /** How many rows are filed under `key` in index `name`. */
  count(name: Name, key: Key): number {
    const hit = this.group(name).get(key);
    return hit === undefined ? 0 : hit instanceof Set ? hit.size : 1;
  }

  /** Applies `change` to a stored row and refiles it (for fields an index reads, e.g. e-mail). */
  update(row: Row, change: (row: Row) => void): void {
    const stored = super.get(row.id) === row;
    if (stored) this.unfile(row);
    change(row);
    if (stored) this.file(row);
  }

  private group(name: Name): Map<Key, Row | Set<Row>> {
    return this.groups.get(name) as Map<Key, Row | Set<Row>>;
  }

  private file(row: Row): void {
    for (const [keyOf, group] of this.filing) {
      const key = keyOf(row);
      if (key === undefined) continue;
      const hit = group.get(key);
      if (hit === undefined) group.set(key, row);
      else if (hit instanceof Set) hit.add(row);
      else group.set(key, new Set([hit, row]));
    }
  }

  private unfile(row: Row): void {
    for (const [keyOf, group] of this.filing) {
      const key = keyOf(row);
      if (key === undefined) continue;
      const hit = group.get(key);
      if (hit === row) group.delete(key);
      else if (hit instanceof Set) {
        hit.delete(row);
        if (hit.size === 0) group.delete(key);
      }
    }
  }
}
