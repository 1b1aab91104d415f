// The zones served by GET /timezones. Ids are the sandbox's own (INFERRED) except Moscow = 1,
// which fixtures show. Offsets come from Intl at the sandbox clock, so DST is real.
import { offsetSeconds } from './dates.js';

export interface TimezoneDef {
  id: number;
  name: string; // IANA
  description: string; // Russian label, as the platform localises it
}

export const MOSCOW_TZ_ID = 1;

const ZONES: Array<[string, string]> = [
  ['Europe/Moscow', 'Москва'],
  ['Europe/Kaliningrad', 'Калининград'],
  ['Europe/Samara', 'Самара'],
  ['Asia/Yekaterinburg', 'Екатеринбург'],
  ['Asia/Omsk', 'Омск'],
  ['Asia/Novosibirsk', 'Новосибирск'],
  ['Asia/Krasnoyarsk', 'Красноярск'],
  ['Asia/Irkutsk', 'Иркутск'],
  ['Asia/Yakutsk', 'Якутск'],
  ['Asia/Vladivostok', 'Владивосток'],
  ['Asia/Magadan', 'Магадан'],
  ['Asia/Kamchatka', 'Петропавловск-Камчатский'],
  ['Europe/Volgograd', 'Волгоград'],
  ['Europe/Minsk', 'Минск'],
  ['Europe/Kiev', 'Киев'],
  ['Asia/Almaty', 'Алматы'],
  ['Asia/Tashkent', 'Ташкент'],
  ['Asia/Bishkek', 'Бишкек'],
  ['Asia/Baku', 'Баку'],
  ['Asia/Tbilisi', 'Тбилиси'],
  ['Asia/Yerevan', 'Ереван'],
  ['Europe/Chisinau', 'Кишинёв'],
  ['Europe/Riga', 'Рига'],
  ['Europe/Vilnius', 'Вильнюс'],
  ['Europe/Tallinn', 'Таллин'],
  ['Europe/Helsinki', 'Хельсинки'],
  ['Europe/Istanbul', 'Стамбул'],
  ['Europe/Athens', 'Афины'],
  ['Europe/Warsaw', 'Варшава'],
  ['Europe/Prague', 'Прага'],
  ['Europe/Berlin', 'Берлин'],
  ['Europe/Paris', 'Париж'],
  ['Europe/Rome', 'Рим'],
  ['Europe/Madrid', 'Мадрид'],
  ['Europe/London', 'Лондон'],
  ['UTC', 'Всемирное координированное время'],
  ['Atlantic/Reykjavik', 'Рейкьявик'],
  ['America/New_York', 'Нью-Йорк'],
  ['America/Chicago', 'Чикаго'],
  ['America/Denver', 'Денвер'],
  ['America/Los_Angeles', 'Лос-Анджелес'],
  ['America/Mexico_City', 'Мехико'],
  ['America/Sao_Paulo', 'Сан-Паулу'],
  ['Asia/Dubai', 'Дубай'],
  ['Asia/Kolkata', 'Калькутта'],
  ['Asia/Bangkok', 'Бангкок'],
  ['Asia/Shanghai', 'Пекин'],
  ['Asia/Singapore', 'Сингапур'],
  ['Asia/Tokyo', 'Токио'],
  ['Asia/Seoul', 'Сеул'],
  ['Asia/Jerusalem', 'Иерусалим'],
  ['Africa/Cairo', 'Каир'],
  ['Australia/Sydney', 'Сидней'],
  ['Pacific/Auckland', 'Окленд'],
  ['Pacific/Apia', 'Самоа'],
];

export const TIMEZONES: readonly TimezoneDef[] = ZONES.map(([name, description], i) => ({
  id: i + 1,
  name,
  description,
}));

const BY_ID = new Map(TIMEZONES.map((tz) => [tz.id, tz]));

export function timezoneById(id: number): TimezoneDef | undefined {
  return BY_ID.get(id);
}

/** Moscow's definition; the organisation's (and the default event) time zone. */
export function moscow(): TimezoneDef {
  return BY_ID.get(MOSCOW_TZ_ID) as TimezoneDef;
}

/** E14 body: `[{id, name, description, offset}]`, offset in seconds at `atMs`. */
export function timezoneList(atMs: number): unknown[] {
  return TIMEZONES.map((tz) => ({ ...tz, offset: offsetSeconds(tz.name, atMs) }));
}
