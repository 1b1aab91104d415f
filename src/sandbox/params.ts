// Typed reading of decoded parameters. Every problem becomes a 400 naming the field by its
// bracket path (`startsAt[date][year]`), which is how a client sent it.
import { fieldError } from './errors.js';

const isRecord = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

export class Input {
  constructor(
    readonly data: Record<string, unknown>,
    private readonly prefix = '',
  ) {}

  /** Bracket path of a key under this reader, for error messages. */
  path(key: string): string {
    return this.prefix ? `${this.prefix}[${key}]` : key;
  }

  has(key: string): boolean {
    const v = this.data[key];
    return v !== undefined && v !== null;
  }

  raw(key: string): unknown {
    return this.data[key];
  }

  str(key: string, required = false): string | undefined {
    const v = this.data[key];
    if (v === undefined || v === null || (required && v === '')) {
      if (required) throw fieldError(this.path(key), 'ERROR_BLANK');
      return undefined;
    }
    if (typeof v === 'string') return v;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    throw fieldError(this.path(key), 'must be a string');
  }

  int(key: string, opts: { required?: boolean; min?: number; max?: number } = {}) {
    const v = this.data[key];
    if (v === undefined || v === null || v === '') {
      if (opts.required) throw fieldError(this.path(key), 'ERROR_BLANK');
      return undefined;
    }
    const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v.trim()) : NaN;
    if (!Number.isSafeInteger(n)) throw fieldError(this.path(key), 'must be an integer');
    if ((opts.min !== undefined && n < opts.min) || (opts.max !== undefined && n > opts.max)) {
      throw fieldError(
        this.path(key),
        `must be between ${opts.min ?? '-∞'} and ${opts.max ?? '∞'}`,
      );
    }
    return n;
  }

  /** Booleans arrive as `true/false/1/0` (INFERRED: accept all four everywhere). */
  bool(key: string, required = false): boolean | undefined {
    const v = this.data[key];
    if (v === undefined || v === null || v === '') {
      if (required) throw fieldError(this.path(key), 'ERROR_BLANK');
      return undefined;
    }
    if (v === true || v === 1 || v === 'true' || v === '1') return true;
    if (v === false || v === 0 || v === 'false' || v === '0') return false;
    throw fieldError(this.path(key), 'must be true, false, 1 or 0');
  }

  oneOf<T extends string>(key: string, values: readonly T[], required = false): T | undefined {
    const v = this.str(key, required);
    if (v === undefined) return undefined;
    if (!(values as readonly string[]).includes(v)) {
      throw fieldError(this.path(key), `must be one of ${values.join(', ')}`);
    }
    return v as T;
  }

  /** `a[]=x`, `a[0]=x`, `a[5]=x`, a JSON array, or a single scalar: always a list. */
  list(key: string): unknown[] | undefined {
    const v = this.data[key];
    if (v === undefined || v === null || v === '') return undefined;
    if (Array.isArray(v)) return v;
    if (isRecord(v)) return Object.values(v);
    return [v];
  }

  strList(key: string): string[] | undefined {
    const items = this.list(key);
    if (!items) return undefined;
    const inner = new Input({ ...items }, this.path(key));
    return items.map((_, i) => inner.str(String(i)) ?? '');
  }

  intList(key: string): number[] | undefined {
    const items = this.list(key);
    if (!items) return undefined;
    const inner = new Input({ ...items }, this.path(key));
    return items.map((_, i) => inner.int(String(i), { required: true }) as number);
  }

  /** A nested map (`startsAt[date][year]`) as a reader; a scalar there is an error. */
  obj(key: string, required = false): Input | undefined {
    const v = this.data[key];
    if (v === undefined || v === null || v === '') {
      if (required) throw fieldError(this.path(key), 'ERROR_BLANK');
      return undefined;
    }
    if (Array.isArray(v)) return new Input({ ...v }, this.path(key));
    if (!isRecord(v)) throw fieldError(this.path(key), 'must be a nested structure');
    return new Input(v, this.path(key));
  }

  /** Items of a list of maps (`additionalFields[0][label]`) as readers. */
  objList(key: string): Input[] | undefined {
    const items = this.list(key);
    if (!items) return undefined;
    const inner = new Input({ ...items }, this.path(key));
    return items.map((_, i) => inner.obj(String(i), true) as Input);
  }
}
