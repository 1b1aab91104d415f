// Time zones as people write them («по Екатеринбургу», «МСК+2», "UTC+5", "YEKT", "+05:00",
// "Yekaterinburg") → IANA names. Pure tables and matching; timezones.ts checks the result
// against the API's catalogue. Russian official zones are named by their offset from Moscow.

/** МСК±N: the official Russian zone N hours from Moscow (Krasnoyarsk time for +4). */
export const MSK_ZONES: Record<number, string> = {
  [-1]: 'Europe/Kaliningrad',
  0: 'Europe/Moscow',
  1: 'Europe/Samara',
  2: 'Asia/Yekaterinburg',
  3: 'Asia/Omsk',
  4: 'Asia/Krasnoyarsk',
  5: 'Asia/Irkutsk',
  6: 'Asia/Yakutsk',
  7: 'Asia/Vladivostok',
  8: 'Asia/Magadan',
  9: 'Asia/Kamchatka',
};

/** The zones above come first when an offset fits several: the platform's users are mostly in Russia. */
export const RUSSIAN_ZONES = new Set(Object.values(MSK_ZONES));

const CENTRAL_EUROPE = [
  'Europe/Berlin',
  'Europe/Paris',
  'Europe/Rome',
  'Europe/Madrid',
  'Europe/Warsaw',
  'Europe/Prague',
];

/**
 * Common abbreviations. Several zones for one abbreviation mean it is ambiguous (IST is India,
 * Israel and Ireland): the caller lists the candidates instead of guessing.
 */
const ABBREVIATIONS: Record<string, string[]> = {
  msk: ['Europe/Moscow'],
  mck: ['Europe/Moscow'],
  kalt: ['Europe/Kaliningrad'],
  samt: ['Europe/Samara'],
  yekt: ['Asia/Yekaterinburg'],
  omst: ['Asia/Omsk'],
  novt: ['Asia/Novosibirsk'],
  krat: ['Asia/Krasnoyarsk'],
  irkt: ['Asia/Irkutsk'],
  yakt: ['Asia/Yakutsk'],
  vlat: ['Asia/Vladivostok'],
  magt: ['Asia/Magadan'],
  pett: ['Asia/Kamchatka'],
  utc: ['UTC'],
  gmt: ['UTC'],
  z: ['UTC'],
  bst: ['Europe/London'],
  wet: ['Europe/London'],
  cet: CENTRAL_EUROPE,
  cest: CENTRAL_EUROPE,
  eet: [
    'Europe/Kiev',
    'Europe/Helsinki',
    'Europe/Riga',
    'Europe/Athens',
    'Europe/Chisinau',
    'Africa/Cairo',
  ],
  eest: ['Europe/Kiev', 'Europe/Helsinki', 'Europe/Riga', 'Europe/Athens', 'Europe/Chisinau'],
  trt: ['Europe/Istanbul'],
  est: ['America/New_York'],
  edt: ['America/New_York'],
  cst: ['America/Chicago', 'Asia/Shanghai'],
  cdt: ['America/Chicago'],
  mst: ['America/Denver'],
  mdt: ['America/Denver'],
  pst: ['America/Los_Angeles'],
  pdt: ['America/Los_Angeles'],
  brt: ['America/Sao_Paulo'],
  gst: ['Asia/Dubai'],
  azt: ['Asia/Baku'],
  get: ['Asia/Tbilisi'],
  amt: ['Asia/Yerevan'],
  almt: ['Asia/Almaty'],
  uzt: ['Asia/Tashkent'],
  kgt: ['Asia/Bishkek'],
  ist: ['Asia/Kolkata', 'Asia/Jerusalem', 'Europe/Dublin'],
  npt: ['Asia/Kathmandu'],
  ict: ['Asia/Bangkok'],
  sgt: ['Asia/Singapore'],
  hkt: ['Asia/Hong_Kong'],
  jst: ['Asia/Tokyo'],
  kst: ['Asia/Seoul'],
  aest: ['Australia/Sydney'],
  aedt: ['Australia/Sydney'],
  nzst: ['Pacific/Auckland'],
  nzdt: ['Pacific/Auckland'],
};

/**
 * Cities people name that the API's catalogue may not list by name (its descriptions hold one
 * city per zone), in Russian and English; hyphens join the words of one name.
 */
const CITIES: Record<string, string> = {
  'Europe/Moscow':
    'москва московское петербург санкт-петербург питер спб казань нижний-новгород ростов-на-дону воронеж краснодар сочи ярославль тула рязань мурманск архангельск moscow saint-petersburg st-petersburg petersburg kazan nizhny-novgorod rostov-on-don voronezh krasnodar sochi',
  'Europe/Kaliningrad': 'калининград kaliningrad',
  'Europe/Samara': 'самара ижевск тольятти samara izhevsk togliatti',
  'Europe/Saratov': 'саратов saratov',
  'Europe/Ulyanovsk': 'ульяновск ulyanovsk',
  'Europe/Astrakhan': 'астрахань astrakhan',
  'Europe/Volgograd': 'волгоград volgograd',
  'Asia/Yekaterinburg':
    'екатеринбург челябинск уфа пермь тюмень оренбург курган yekaterinburg ekaterinburg chelyabinsk ufa perm tyumen orenburg',
  'Asia/Omsk': 'омск omsk',
  'Asia/Novosibirsk': 'новосибирск novosibirsk',
  'Asia/Barnaul': 'барнаул barnaul',
  'Asia/Tomsk': 'томск tomsk',
  'Asia/Novokuznetsk': 'кемерово новокузнецк kemerovo novokuznetsk',
  'Asia/Krasnoyarsk': 'красноярск krasnoyarsk',
  'Asia/Irkutsk': 'иркутск улан-удэ irkutsk ulan-ude',
  'Asia/Chita': 'чита chita',
  'Asia/Yakutsk': 'якутск благовещенск yakutsk blagoveshchensk',
  'Asia/Vladivostok': 'владивосток хабаровск vladivostok khabarovsk',
  'Asia/Sakhalin': 'южно-сахалинск сахалин yuzhno-sakhalinsk sakhalin',
  'Asia/Magadan': 'магадан magadan',
  'Asia/Kamchatka': 'петропавловск-камчатский камчатка kamchatka petropavlovsk-kamchatsky',
  'Europe/Minsk': 'минск minsk',
  'Europe/Kiev': 'киев київ kyiv kiev',
  'Asia/Almaty': 'алматы алма-ата астана almaty astana',
  'Asia/Tashkent': 'ташкент tashkent',
  'Asia/Kolkata': 'индия дели мумбаи калькутта india delhi mumbai kolkata calcutta',
  'Asia/Kathmandu': 'катманду непал kathmandu nepal',
  'Asia/Shanghai': 'пекин шанхай китай beijing shanghai china',
};

const STOP_WORDS = new Set(
  'по во в г г. город времени время час часовой пояс зона зоне местное местному time timezone zone city in at standard the'.split(
    ' ',
  ),
);

/** Lower case, ё as е, quotes and brackets gone. */
export const normaliseZoneText = (text: string) =>
  text
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[«»"'()[\]]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * A word reduced to what its inflected forms share: «Екатеринбургу» and «Екатеринбург»,
 * «Москве» and «Москва», «омское» and «Омск».
 */
function stem(word: string): string {
  const adjective = /(ск)(ому|ого|ое|ом|ий|ая|ой|ую|им|ие|их)$/.exec(word);
  if (adjective) return word.slice(0, adjective.index + 2);
  let out = word;
  for (let i = 0; i < 2 && out.length > 2 && /[аеиоуыэюяйь]$/.test(out); i += 1) {
    out = out.slice(0, -1);
  }
  return out;
}

const words = (phrase: string) =>
  phrase
    .split(/[\s-]+/)
    .filter((w) => w && !STOP_WORDS.has(w))
    .map(stem);

/**
 * The phrase as stems, and as stems with an adjective's "-ск" dropped («екатеринбургское» →
 * екатеринбург) where that leaves a word of a city's length.
 */
const stems = (phrase: string) => {
  const base = words(phrase);
  const city = base.map((w) => (w.length > 5 && w.endsWith('ск') ? w.slice(0, -2) : w));
  return [...new Set([base.join(' '), city.join(' ')])];
};

/** `МСК+2`, `MSK-1`, `мск` → hours from Moscow; undefined if the text is not of that form. */
export function mskHours(text: string): number | undefined {
  const m = /^(?:мск|msk|mck)\s*(?:([+-])\s*(\d{1,2}))?(?:\s*ч(?:ас(?:а|ов)?)?)?$/.exec(text);
  if (!m) return undefined;
  return m[1] ? (m[1] === '-' ? -1 : 1) * Number(m[2]) : 0;
}

/** `UTC+5`, `GMT-03:30`, `+05:00`, `+5` → minutes east; undefined if not of that form. */
export function utcOffsetMinutes(text: string): number | undefined {
  const m = /^(?:utc|gmt)?\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?$/.exec(text);
  if (!m) return undefined;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return (m[1] === '-' ? -1 : 1) * minutes;
}

/** IANA zones an abbreviation stands for, or undefined. */
export const abbreviationZones = (text: string) => ABBREVIATIONS[text.replace(/\.$/, '')];

/**
 * IANA zones whose city names match the text, from the alias table and from the catalogue
 * (each entry's Russian description and the city part of its IANA name).
 */
export function cityZones(text: string, catalogue: { name: string; description?: string }[]) {
  const wanted = stems(text).filter(Boolean);
  if (!wanted.length) return [];
  const names = new Map<string, Set<string>>();
  const add = (zone: string, phrase: string) => {
    const set = names.get(zone) ?? new Set<string>();
    set.add(words(normaliseZoneText(phrase)).join(' '));
    names.set(zone, set);
  };
  for (const [zone, list] of Object.entries(CITIES)) list.split(' ').forEach((c) => add(zone, c));
  for (const z of catalogue) {
    add(z.name, (z.name.split('/').pop() ?? '').replace(/_/g, ' '));
    if (z.description) add(z.name, z.description);
  }
  return [...names].filter(([, set]) => wanted.some((w) => set.has(w))).map(([zone]) => zone);
}
