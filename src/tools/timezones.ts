// The API wants a numeric time-zone id (E14 /timezones); people write IANA names, cities,
// МСК+2, UTC+5 or YEKT. The catalogue is fetched once per client and cached (it does not
// change at run time); resolve() turns what was written into one of its zones or a clear error.
import type { ApiClient } from '../api/client.js';
import { InputError } from './errors.js';
import {
  MSK_ZONES,
  RUSSIAN_ZONES,
  abbreviationZones,
  cityZones,
  mskHours,
  normaliseZoneText,
  utcOffsetMinutes,
} from './zone-names.js';
import { canonicalTimeZone, offsetMinutesAt, offsetText } from './zone-math.js';

interface TimezoneEntry {
  id: number;
  name: string;
  description?: string;
  offset?: number;
}

/** A zone of the catalogue, and how it was read from what the user wrote (when not verbatim). */
interface ResolvedZone {
  id: number;
  name: string;
  note?: string;
}

const catalogs = new WeakMap<ApiClient, TimezoneCatalog>();
const LIST_HINT = 'call list_timezones for the zones the API takes (IANA names, Russian cities)';

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

  /**
   * The catalogue zone meant by `text` (IANA name, city in Russian or English, МСК±N, UTC±N,
   * GMT±N, ±HH:MM, abbreviation). `atMs` is about when the time applies: offsets are read
   * there. An InputError names `field` and the candidates when the text fits several zones.
   */
  async resolve(
    text: string,
    field: string,
    signal?: AbortSignal,
    atMs = Date.now(),
  ): Promise<ResolvedZone> {
    const zones = await this.list(signal);
    const pick = (names: string[], how: string): ResolvedZone => {
      const hits = names.flatMap((n) => {
        const z = inCatalogue(zones, n, atMs);
        return z ? [z] : [];
      });
      const unique = [...new Map(hits.map((z) => [z.id, z])).values()];
      if (unique.length === 1) {
        const only = unique[0]!;
        if (only.name.toLowerCase() === text.trim().toLowerCase()) return only;
        return { ...only, note: only.note ?? `"${text}" ${how} ${only.name}` };
      }
      if (unique.length > 1) {
        throw new InputError(
          field,
          `"${text}" fits several zones: ${unique.map((z) => z.name).join(', ')}; give one of them`,
        );
      }
      throw new InputError(field, `no zone the API lists matches "${text}"; ${LIST_HINT}`);
    };

    const plain = normaliseZoneText(text);
    const msk = mskHours(plain);
    if (msk !== undefined) {
      const zone = MSK_ZONES[msk];
      if (!zone) throw new InputError(field, `${text}: Russian zones run from МСК-1 to МСК+9`);
      return pick([zone], 'read as');
    }
    const offset = utcOffsetMinutes(plain);
    if (offset !== undefined) return byOffset(zones, offset, text, field, atMs);
    const abbreviated = abbreviationZones(plain);
    if (abbreviated) return pick(abbreviated, 'read as');
    // After the abbreviations: Intl takes EST as America/Panama, which keeps no summer time.
    if (canonicalTimeZone(text.trim())) return pick([text.trim()], 'read as');
    const cities = cityZones(plain, zones);
    if (cities.length) return pick(cities, 'read as');
    throw new InputError(field, `unknown time zone "${text}"; ${LIST_HINT}`);
  }

  /** The API's id for a zone name (kept for callers that have an exact IANA name). */
  async idFor(name: string, field: string, signal?: AbortSignal): Promise<number> {
    return (await this.resolve(name, field, signal)).id;
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

/** Offsets at the two solstice months of a year: equal when the zone keeps one all year. */
const yearOffsets = (zone: string, atMs: number) => {
  const year = new Date(atMs).getUTCFullYear();
  return [Date.UTC(year, 0, 15), Date.UTC(year, 6, 15)].map((t) => offsetMinutesAt(t, zone));
};

const sameClockAllYear = (a: string, b: string, atMs: number) =>
  yearOffsets(a, atMs).join() === yearOffsets(b, atMs).join();

/**
 * The catalogue entry for an IANA name: by name, by its canonical name (Europe/Kyiv for the
 * API's Europe/Kiev), or a listed zone that keeps the same clock all year (Europe/Saratov →
 * Europe/Samara), said in the note.
 */
function inCatalogue(zones: TimezoneEntry[], name: string, atMs: number): ResolvedZone | undefined {
  const wanted = canonicalTimeZone(name);
  if (!wanted) return undefined;
  const exact =
    zones.find((z) => z.name.toLowerCase() === name.toLowerCase()) ??
    zones.find((z) => canonicalTimeZone(z.name) === wanted);
  if (exact) return { id: exact.id, name: exact.name };
  const twin = zones.find(
    (z) => canonicalTimeZone(z.name) && sameClockAllYear(z.name, wanted, atMs),
  );
  return (
    twin && {
      id: twin.id,
      name: twin.name,
      note: `${name} is not listed by the API; ${twin.name} keeps the same time all year`,
    }
  );
}

/**
 * A bare offset names a zone only when one listed zone keeps it all year (Russian zones first,
 * UTC itself for 0); otherwise the zones that have it on that date are the candidates.
 */
function byOffset(
  zones: TimezoneEntry[],
  minutes: number,
  text: string,
  field: string,
  atMs: number,
): ResolvedZone {
  const valid = zones.filter((z) => canonicalTimeZone(z.name));
  const fixed = valid.filter((z) => yearOffsets(z.name, atMs).every((o) => o === minutes));
  const best =
    fixed.find((z) => z.name === 'UTC' || z.name.startsWith('Etc/')) ??
    fixed.find((z) => RUSSIAN_ZONES.has(z.name)) ??
    (fixed.length === 1 ? fixed[0] : undefined);
  const utc = `UTC${offsetText(minutes) === 'Z' ? '' : offsetText(minutes)}`;
  if (best) {
    const others = fixed.filter((z) => z !== best).map((z) => z.name);
    const also = others.length ? `; same clock all year: ${others.join(', ')}` : '';
    return {
      id: best.id,
      name: best.name,
      note: `"${text}" read as ${best.name} (${utc} all year${also})`,
    };
  }
  const now = valid.filter((z) => offsetMinutesAt(atMs, z.name) === minutes).map((z) => z.name);
  if (now.length) {
    throw new InputError(
      field,
      `${utc} is not one zone: on that date it is ${now.join(', ')}, whose clocks differ at other times of year; give one of them`,
    );
  }
  throw new InputError(field, `no zone the API lists is at ${utc}; ${LIST_HINT}`);
}
