// Fixed ingredients of the demo organisation. Which of them appear where is decided by the
// seeded PRNG in seed.ts.
import type { Member } from './state.js';

export const ORGANIZATION = { id: 9559, alias: 'demo-academy', name: 'Демо-академия' };

/** Ids are assigned in this order from 1029; the first is the organisation owner. */
export const MEMBERS: Array<Omit<Member, 'id' | 'membershipId'>> = [
  {
    name: 'Иван',
    secondName: 'Петров',
    patrName: 'Сергеевич',
    email: 'ivan.petrov@demo-academy.example',
    emailConfirmed: true,
    nickname: 'Иван Петров',
    role: 'admin',
    position: 'Руководитель учебного центра',
    phone: '+79990000001',
    sex: 'm',
  },
  {
    name: 'Мария',
    secondName: 'Смирнова',
    patrName: 'Андреевна',
    email: 'maria.smirnova@demo-academy.example',
    emailConfirmed: true,
    nickname: 'Мария Смирнова',
    role: 'admin',
    position: 'Менеджер мероприятий',
    phone: '+79990000002',
    sex: 'f',
  },
  {
    name: 'Alex',
    secondName: 'Johnson',
    patrName: '',
    email: 'alex.johnson@demo-academy.example',
    emailConfirmed: true,
    nickname: 'Alex Johnson',
    role: 'lecturer',
    position: 'Product trainer',
    phone: '+447700900003',
    sex: 'm',
  },
  {
    name: 'Ольга',
    secondName: 'Кузнецова',
    patrName: 'Игоревна',
    email: 'olga.kuznetsova@demo-academy.example',
    emailConfirmed: true,
    nickname: 'Ольга Кузнецова',
    role: 'lecturer',
    position: 'Бизнес-тренер',
    phone: '+79990000004',
    sex: 'f',
  },
  {
    name: 'Дмитрий',
    secondName: 'Соколов',
    patrName: 'Павлович',
    email: 'dmitry.sokolov@demo-academy.example',
    emailConfirmed: true,
    nickname: 'Дмитрий Соколов',
    role: 'lecturer',
    position: 'Эксперт по продажам',
    phone: '+79990000005',
    sex: 'm',
  },
  {
    name: 'Анна',
    secondName: 'Волкова',
    patrName: 'Олеговна',
    email: 'anna.volkova@demo-academy.example',
    emailConfirmed: false, // unconfirmed: ownerId → 403 `Event owner is not submitted`
    nickname: 'Анна Волкова',
    role: 'lecturer',
    position: 'Стажёр-методист',
    phone: '+79990000006',
    sex: 'f',
  },
];

/** [title, lang, type]. */
export const TOPICS: Array<[string, 'RU' | 'EN', 'webinar' | 'meeting' | 'training']> = [
  ['Введение в продукт для новых клиентов', 'RU', 'webinar'],
  ['Как провести эффективную онлайн-встречу', 'RU', 'webinar'],
  ['Отчётность и аналитика: ответы на вопросы', 'RU', 'webinar'],
  ['Планёрка отдела продаж', 'RU', 'meeting'],
  ['Тренинг: работа с возражениями', 'RU', 'training'],
  ['Новые возможности платформы: обзор релиза', 'RU', 'webinar'],
  ['Основы информационной безопасности', 'RU', 'training'],
  ['Онбординг сотрудников: первая неделя', 'RU', 'training'],
  ['Маркетинг в соцсетях для малого бизнеса', 'RU', 'webinar'],
  ['Экспертный эфир: управление проектами', 'RU', 'webinar'],
  ['Product onboarding for partners', 'EN', 'webinar'],
  ['Quarterly business review', 'EN', 'meeting'],
  ['Customer success masterclass', 'EN', 'training'],
  ['Data privacy essentials', 'EN', 'webinar'],
  ['Ask me anything: API and integrations', 'EN', 'webinar'],
  ['День открытых дверей', 'RU', 'webinar'],
  ['Школа модераторов: модуль 1', 'RU', 'training'],
  ['Итоги месяца с руководителем', 'RU', 'meeting'],
];

export const UPCOMING_TOPICS: Array<[string, 'RU' | 'EN']> = [
  ['Интенсив по продажам', 'RU'],
  ['Вебинар для партнёров: новые тарифы', 'RU'],
  ['Product roadmap briefing', 'EN'],
  ['Открытая лекция: искусственный интеллект в обучении', 'RU'],
];

export const SERIES_TITLE = 'Еженедельный разбор кейсов';

/** [first name, latin, female?] and [surname, latin]; female surnames add 'а'. */
export const FIRST_NAMES: Array<[string, string, boolean]> = [
  ['Алексей', 'aleksey', false],
  ['Сергей', 'sergey', false],
  ['Андрей', 'andrey', false],
  ['Михаил', 'mikhail', false],
  ['Никита', 'nikita', false],
  ['Павел', 'pavel', false],
  ['Елена', 'elena', true],
  ['Наталья', 'natalya', true],
  ['Татьяна', 'tatyana', true],
  ['Юлия', 'yulia', true],
  ['Екатерина', 'ekaterina', true],
  ['Ксения', 'ksenia', true],
];

export const SURNAMES: Array<[string, string]> = [
  ['Иванов', 'ivanov'],
  ['Смирнов', 'smirnov'],
  ['Кузнецов', 'kuznetsov'],
  ['Попов', 'popov'],
  ['Васильев', 'vasiliev'],
  ['Новиков', 'novikov'],
  ['Морозов', 'morozov'],
  ['Лебедев', 'lebedev'],
  ['Козлов', 'kozlov'],
  ['Фёдоров', 'fedorov'],
];

export const COMPANIES = [
  'ООО «Ромашка»',
  'АО «Вектор»',
  'ИП Соколова',
  'Globex LLC',
  'ПАО «Север»',
];
