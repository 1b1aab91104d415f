// The API wants a numeric time-zone id (E14 /timezones); models write IANA names.
// The catalogue is fetched once per client and cached (it does not change at run time).
import type { ApiClient } from '../api/client.js';
import { canonicalTimeZone } from './dates.js';
import { InputError } from './errors.js';

export interface TimezoneEntry {
  id: number;
  name: string;
  description?: string;
  offset?: number;
}

const catalogs = new WeakMap<ApiClient, TimezoneCatalog>();

export class TimezoneCatalog {
  private pending?: Promise<TimezoneEntry[]>;

  constructor(private readonly client: ApiClient) {}

  /**
   * One catalogue per client: HTTP mode builds a server per request around a pooled client,
   * and each would otherwise fetch /timezones again.
   */
  static for(client: ApiClient): TimezoneCatalog {
    let catalog = catalogs.get(client);
    if (!catalog) {
      catalog = new TimezoneCatalog(client);
      catalogs.set(client, catalog);
    }
    return catalog;
  }

  list(signal?: AbortSignal): Promise<TimezoneEntry[]> {
    this.pending ??= this.client
      .request<TimezoneEntry[]>({ method: 'GET', path: '/timezones', signal })
      .then((res) => (Array.isArray(res.data) ? res.data : []));
    // A failed fetch must not poison the cache: the next call tries again.
    this.pending.catch(() => (this.pending = undefined));
    return this.pending;
  }

  /** The API's id for an IANA zone name; an InputError names the field when it is unknown. */
  async idFor(name: string, field: string, signal?: AbortSignal): Promise<number> {
    const zones = await this.list(signal);
    const wanted = name.toLowerCase();
    // Renamed zones (Europe/Kyiv for the API's Europe/Kiev) match through their ICU canonical name.
    const wantedCanonical = canonicalTimeZone(name);
    const hit =
      zones.find((z) => z.name.toLowerCase() === wanted) ??
      zones.find(
        (z) => wantedCanonical !== undefined && canonicalTimeZone(z.name) === wantedCanonical,
      );
    if (!hit) {
      throw new InputError(
        field,
        `unknown time zone "${name}"; use an IANA name the API lists (call list_timezones)`,
      );
    }
    return hit.id;
  }

  /**
   * The IANA name for an id the API reports (E9 gives only `timezoneId`). A failed lookup
   * leaves the id: a detail read must not fail over a label.
   */
  async nameFor(id: number, signal?: AbortSignal): Promise<string | number> {
    try {
      const zones = await this.list(signal);
      return zones.find((z) => z.id === id)?.name ?? id;
    } catch {
      return id;
    }
  }
}
