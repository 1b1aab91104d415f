// One person to register, read the same way from a `people` row, a CSV line or the single
// register tool: values by name → the API's person fields and form answers by key, every
// check done (e-mail, lengths, role, required answers, radio options) before anything is sent.
import { emailKey, tidyEmailCell, wireEmail } from './email.js';
import { fold } from './fold.js';
import { findField, type FormField, type Role, ROLES } from './participant-input.js';
import { personColumn, type PersonColumn } from './person-columns.js';
import { untrusted } from './untrusted.js';

/** What the API's register/invite take for one person (reference §4), form answers by key. */
export interface WirePerson {
  email: string;
  name?: string;
  secondName?: string;
  pattrName?: string;
  nickname?: string;
  role: Role;
  /** SEEN ONCE on P1 (reference §4 and a public client); INFERRED on invite (P3/P4). */
  organization?: string;
  position?: string;
  additionalFields?: Record<string, string>;
}

/** The problem of a row without an answer the event's form requires, before the field names. */
export const MISSING_FIELD = 'missing required field ';

type Prop = Exclude<PersonColumn, 'fullNameSurnameFirst' | 'fullNameGivenFirst'>;

/**
 * Longest value accepted per property (INFERRED: the API's limits are not documented; these are
 * the common database column sizes). CSV cells and `people` rows share them.
 */
const LIMITS: Record<Prop | 'answer', number> = {
  email: 254,
  name: 255,
  secondName: 255,
  patronymic: 255,
  nickname: 255,
  role: 20,
  phone: 50,
  organization: 255,
  position: 255,
  answer: 2000,
};

const LABELS: Record<Prop | 'answer', string> = {
  email: 'e-mail',
  name: 'first name',
  secondName: 'last name',
  patronymic: 'patronymic',
  nickname: 'nickname',
  role: 'role',
  phone: 'phone',
  organization: 'organisation',
  position: 'position',
  answer: 'form answer',
};

/** Role names as lists write them, Russian and English (folded) → the API's role. */
const ROLE_NAMES: Record<string, Role> = {};
for (const [apiRole, names] of Object.entries({
  GUEST: 'guest participant attendee viewer listener гость участник слушатель зритель',
  LECTURER: 'lecturer speaker presenter host ведущий лектор спикер докладчик преподаватель',
  ADMIN: 'admin administrator moderator администратор модератор организатор',
})) {
  for (const n of names.split(' ')) ROLE_NAMES[n] = apiRole as Role;
}

/** One input row: named values in the order the user gave them (columns, or properties). */
export type NamedValues = ReadonlyArray<readonly [name: string, value: string]>;

export type PersonResult =
  | {
      ok: true;
      person: WirePerson;
      /** The comparison key of the e-mail (duplicates). */
      key: string;
      /** What was changed on the way, said per row ("e-mail … sent as …"). */
      changes: string[];
      /** Values kept nowhere: a phone the form does not ask for. */
      dropped: string[];
      /** A whole name found under a plain name header, and how it was split. */
      nameSplit?: string;
    }
  | { ok: false; email: string; problem: string; detail?: string; reason: string };

/** How each name of a row is read, decided once per header (not per row). */
interface Slot {
  property?: PersonColumn;
  field?: FormField;
}

/** Reads many rows against one form; remembers how each column name maps. */
export class PersonReader {
  private readonly slots = new Map<string, Slot>();
  /** Names that matched neither a person property nor a form field. */
  readonly ignored = new Set<string>();

  constructor(
    readonly form: FormField[],
    private readonly defaultRole: Role = 'GUEST',
  ) {}

  private slot(name: string): Slot {
    let slot = this.slots.get(name);
    if (!slot) {
      const property = DIRECT[name] ?? personColumn(name);
      const field = findField(this.form, name);
      slot = { property, field };
      this.slots.set(name, slot);
    }
    return slot;
  }

  read(values: NamedValues): PersonResult {
    const props: Partial<Record<Prop, string>> = {};
    const answers: Record<string, string> = {};
    const set = (p: Prop, v: string) => {
      if (!props[p]) props[p] = v;
    };
    for (const [name, raw] of values) {
      const value = raw.replace(/\s+/g, ' ').trim();
      if (!value) continue;
      const { property, field } = this.slot(name);
      if (field) answers[field.key] ??= value;
      if (property === 'fullNameSurnameFirst' || property === 'fullNameGivenFirst') {
        const parts = splitName(value, property);
        set('secondName', parts.secondName);
        set('name', parts.name);
        if (parts.patronymic) set('patronymic', parts.patronymic);
      } else if (property) set(property, value);
      else if (!field) this.ignored.add(name);
    }
    const whole = props.name;
    // "name" is the commonest header of all, and lists put whole names under it: with no
    // surname anywhere in the row, a name of several words is a full name (said once per list).
    if (whole && !props.secondName && whole.includes(' ')) {
      const parts = splitName(whole, guessOrder(whole));
      props.name = parts.name;
      props.secondName = parts.secondName;
      if (parts.patronymic) props.patronymic ??= parts.patronymic;
      const result = this.check(props, answers);
      if (result.ok) result.nameSplit = `${untrusted(whole)} → ${describeParts(parts)}`;
      return result;
    }
    return this.check(props, answers);
  }

  private check(
    props: Partial<Record<Prop, string>>,
    answers: Record<string, string>,
  ): PersonResult {
    const cell = props.email ?? '';
    // `problem` is the same for every row it hits (results group by it); `detail` is this row's.
    const fail = (problem: string, detail?: string): PersonResult => ({
      ok: false,
      email: cell,
      problem,
      detail,
      reason: detail ? `${problem}: ${detail}` : problem,
    });
    if (!cell) return fail('missing e-mail');
    const email = wireEmail(tidyEmailCell(cell));
    // The address itself is shown with the row (marked as input), so the reason needs no copy.
    if (!email) return fail('invalid e-mail');
    for (const [p, value] of Object.entries(props) as [Prop, string][]) {
      if (p !== 'email' && value.length > LIMITS[p]) {
        return fail('too long', `${LABELS[p]}, ${value.length} characters (at most ${LIMITS[p]})`);
      }
    }
    const changes: string[] = [];
    if (email !== cell.trim()) changes.push(`e-mail ${untrusted(cell)} sent as ${email}`);
    let apiRole = this.defaultRole;
    if (props.role) {
      const upper = props.role.toUpperCase();
      const named = (ROLES as readonly string[]).includes(upper)
        ? upper
        : ROLE_NAMES[fold(props.role)];
      if (!named) {
        return fail('unknown role (GUEST, LECTURER or ADMIN)', untrusted(props.role));
      }
      if (named !== upper) changes.push(`role ${untrusted(props.role)} read as ${named}`);
      apiRole = named as Role;
    }
    // A form field nobody answered by name takes the person's own value of the same meaning
    // (a required «Отчество» from the ФИО column, «Компания» from "Organisation").
    for (const f of this.form) {
      if (answers[f.key]) continue;
      const meaning = personColumn(f.label);
      const own = meaning && (props as Record<string, string | undefined>)[meaning];
      if (own) answers[f.key] = own;
    }
    for (const f of this.form) {
      const answer = answers[f.key];
      if (answer && answer.length > LIMITS.answer) {
        return fail(
          'too long',
          `answer to "${f.label}", ${answer.length} characters (at most ${LIMITS.answer})`,
        );
      }
      if (answer && f.options) {
        const option = f.options.find((o) => fold(o) === fold(answer));
        if (!option) {
          return fail(
            `answer to "${f.label}" is not an option (${f.options.join(' | ')})`,
            untrusted(answer),
          );
        }
        answers[f.key] = option;
      }
    }
    const missing = this.form.filter((f) => f.isRequired && !answers[f.key]).map((f) => f.label);
    if (missing.length) {
      const list = missing.map((m) => `"${m}"`).join(', ');
      return fail(`${MISSING_FIELD}${list}`);
    }
    const dropped: string[] = [];
    const phoneField = this.form.find((f) => personColumn(f.label) === 'phone');
    if (props.phone && !phoneField) dropped.push('phone');
    return {
      ok: true,
      key: emailKey(email),
      changes,
      dropped,
      person: compactPerson({
        email,
        name: props.name,
        secondName: props.secondName,
        pattrName: props.patronymic,
        nickname: props.nickname,
        role: apiRole,
        organization: props.organization,
        position: props.position,
        additionalFields: Object.keys(answers).length ? answers : undefined,
      }),
    };
  }
}

/** Property names of `people` rows and of the single register tool, read as themselves. */
const DIRECT: Record<string, PersonColumn> = {
  email: 'email',
  name: 'name',
  secondName: 'secondName',
  patronymic: 'patronymic',
  nickname: 'nickname',
  role: 'role',
};

/** A `people` row as the registration tools take it (form answers by label or key). */
export interface PersonFields {
  email?: string;
  name?: string;
  secondName?: string;
  patronymic?: string;
  nickname?: string;
  role?: string;
  fields?: Record<string, string>;
}

/** `people` row → named values: its properties first (they win), then its form answers. */
export function namedValuesOf(row: PersonFields): NamedValues {
  const out: [string, string][] = [];
  for (const key of Object.keys(DIRECT)) {
    const v = (row as Record<string, unknown>)[key];
    if (typeof v === 'string') out.push([key, v]);
  }
  for (const [k, v] of Object.entries(row.fields ?? {})) out.push([k, String(v)]);
  return out;
}

/** ФИО is surname first (Russian order); English full names and «Имя и фамилия» given first. */
function splitName(value: string, order: 'fullNameSurnameFirst' | 'fullNameGivenFirst') {
  const words = value.split(/\s+/).filter(Boolean);
  // One word is a given name whatever the column says («Анна» under «Участник»).
  if (words.length < 2) return { secondName: '', name: words[0] ?? '', patronymic: '' };
  if (order === 'fullNameSurnameFirst') {
    const [secondName = '', name = '', ...rest] = words;
    return { secondName, name, patronymic: rest.join(' ') };
  }
  const secondName = words.pop() ?? '';
  // «Иван Ильич Петров»: the middle word is a patronymic, not a second given name.
  const [given = '', middle = ''] = words;
  if (words.length === 2 && PATRONYMIC.test(middle.toLowerCase())) {
    return { secondName, name: given, patronymic: middle };
  }
  return { secondName, name: words.join(' '), patronymic: '' };
}

/** Surname endings, strong (-ов, -ская) and weak (-ин, -ко: given names end so too). */
const SURNAME_STRONG = /(ов|ев|ёв|ова|ева|ёва|ский|цкий|ская|цкая|ых|их)$/;
const SURNAME_WEAK = /(ин|ын|ина|ына|ко|ук|юк)$/;
const PATRONYMIC = /(вич|вна|ична|инична)$/;
const surnameScore = (w: string) => (SURNAME_STRONG.test(w) ? 2 : SURNAME_WEAK.test(w) ? 1 : 0);

/**
 * The order of a full name found under a plain name header. Cyrillic names: a patronymic or the
 * word that ends more like a surname decides, and a tie reads surname first (the order Russian
 * lists use); Latin names read given name first.
 */
function guessOrder(value: string): 'fullNameSurnameFirst' | 'fullNameGivenFirst' {
  const words = value.toLowerCase().split(' ');
  if (!/[а-яё]/.test(value.toLowerCase())) return 'fullNameGivenFirst';
  if (words.length === 3 && PATRONYMIC.test(words[1] ?? '')) return 'fullNameGivenFirst';
  if (words.length === 3 && PATRONYMIC.test(words[2] ?? '')) return 'fullNameSurnameFirst';
  const first = surnameScore(words[0] ?? '');
  const last = surnameScore(words[words.length - 1] ?? '');
  return last > first ? 'fullNameGivenFirst' : 'fullNameSurnameFirst';
}

function describeParts(parts: ReturnType<typeof splitName>): string {
  const said = [`first name ${untrusted(parts.name)}`, `last name ${untrusted(parts.secondName)}`];
  if (parts.patronymic) said.push(`patronymic ${untrusted(parts.patronymic)}`);
  return said.join(', ');
}

/** The optional fields of a WirePerson, left out of the wire when empty. */
const OPTIONAL_WIRE: readonly Exclude<keyof WirePerson, 'email' | 'role'>[] = [
  'name',
  'secondName',
  'pattrName',
  'nickname',
  'organization',
  'position',
  'additionalFields',
];

function compactPerson(p: WirePerson): WirePerson {
  // Built up rather than copied and pruned: `delete` would turn each of 10,000 people into a
  // slow, several times larger dictionary-mode object for the whole run.
  const out: WirePerson = { email: p.email, role: p.role };
  for (const key of OPTIONAL_WIRE) {
    const value = p[key];
    if (value !== undefined && value !== '') Object.assign(out, { [key]: value });
  }
  return out;
}
