// What a column header, a form-field label or a property name means, in Russian or English, as
// spreadsheets write them: «Ф.И.О.», «ФИО участника», «Фамилия Имя Отчество», «Имя и фамилия»,
// «Адрес эл. почты», «Номер телефона», «Организация», "E-mail address", "Last name"…
// Headers are folded (case, ё/е, punctuation, spacing), qualifier words such as «участника» or
// "work" are dropped, and what is left is looked up in one table.
import { fold } from './fold.js';

/** Person properties the registration calls take, plus the two ways of writing a full name. */
export type PersonColumn =
  | 'email'
  | 'name'
  | 'secondName'
  | 'patronymic'
  | 'nickname'
  | 'role'
  | 'phone'
  | 'organization'
  | 'position'
  /** Surname first, as Russian lists write ФИО. */
  | 'fullNameSurnameFirst'
  /** Given name first, as English lists and «Имя и фамилия» write it. */
  | 'fullNameGivenFirst';

/** Concepts only a registration form has (no API property): matched between labels and headers. */
export type FormConcept = 'city' | 'country';

/** Words that qualify a header without changing what it holds (compared after fold()). */
const QUALIFIERS = new Set(
  (
    'участника участников слушателя слушателей сотрудника клиента гостя посетителя ' +
    'контактный контактного контактная контактные рабочий рабочая рабочего рабочей личный ' +
    'личная личного мобильный мобильного моб сотовый сотового основной основная основного ' +
    'номер адрес адреса ваш ваша ваше вашей вашего полное полностью наименование название ' +
    'participant participants attendee attendees contact your work business mobile primary ' +
    'main of the address number no nr cell'
  ).split(' '),
);

/** Header text with spaces and qualifiers removed → what it holds. */
const TABLE: Record<string, PersonColumn | FormConcept> = {};
const add = (what: PersonColumn | FormConcept, names: string) => {
  for (const n of names.split(' ')) TABLE[n] = what;
};
add(
  'email',
  'email emails mail эл электронный почта почты элпочта элпочты эпочта епочта электроннаяпочта электроннойпочты ' +
    'емейл емэйл емаил имейл имэйл мейл мэйл емейлы',
);
add('name', 'name firstname givenname forename first имя имена');
add('secondName', 'secondname lastname surname familyname last фамилия фамилии');
add('patronymic', 'patronymic middlename pattrname patrname отчество отчества');
add(
  'fullNameSurnameFirst',
  'фио фи фамилияио фамилияимяотчество фамилияиимяотчество фамилияимя фамилияиимя фамилияинициалы ' +
    'участник слушатель сотрудник посетитель гость клиент',
);
add(
  'fullNameGivenFirst',
  'fullname имяфамилия имяифамилия имяотчествофамилия nameandsurname firstandlastname ' +
    'firstnamelastname firstlastname namesurname participant attendee contactname person',
);
add('nickname', 'nickname nick ник никнейм псевдоним отображаемоеимя displayname');
add('role', 'role роль ролъ');
add(
  'phone',
  'phone phones telephone tel mobile cell cellphone телефон телефона тел мобильный сотовый',
);
add(
  'organization',
  'organization organisation company companyname employer org организация организации компания ' +
    'компании местоработы учреждение предприятие работодатель',
);
add('position', 'position jobtitle job должность должности позиция');
add('city', 'city town город города населенныйпункт');
add('country', 'country страна страны');

/** What a header, label or key holds, if the table knows it. */
export function columnMeaning(header: string): PersonColumn | FormConcept | undefined {
  const words = fold(header).split(' ').filter(Boolean);
  const kept = words.filter((w) => !QUALIFIERS.has(w));
  // A header made only of qualifiers ("Участник" is not one, "Participant" is) reads whole.
  const used = kept.length ? kept : words;
  const whole = TABLE[used.join('')];
  if (whole || used.length < 2) return whole;
  // "Компания / организация", "Email / Почта": alternatives that all say the same thing.
  const each = new Set(used.map((w) => TABLE[w]));
  const [only] = each;
  return each.size === 1 ? only : undefined;
}

/** The person property a header names, or undefined (form answers, unknown columns). */
export function personColumn(header: string): PersonColumn | undefined {
  const meaning = columnMeaning(header);
  return meaning === 'city' || meaning === 'country' ? undefined : meaning;
}
