import { z } from 'zod';
import { definePrompt, langArg } from './define.js';

export const planWebinar = definePrompt({
  name: 'plan_webinar',
  title: 'Plan a webinar',
  description: 'Turn a topic, a date and an audience into a scheduled webinar with registrations.',
  args: z.object({
    topic: z.string().min(1).max(500).describe('What the webinar is about.'),
    date: z
      .string()
      .min(1)
      .max(100)
      .describe('When, in words or ISO 8601, e.g. "next Tuesday 11:00 Moscow".'),
    audience: z
      .string()
      .max(2000)
      .optional()
      .describe('Who should come; e-mails or a CSV if known.'),
    lang: langArg,
  }),
  render: ({ topic, date, audience }, { lang }) =>
    (lang === 'ru'
      ? [
          'Запланируйте вебинар в МТС Линк.',
          `Тема: ${topic}`,
          `Когда: ${date}`,
          audience
            ? `Аудитория: ${audience}`
            : 'Аудитория: не указана; спросите пользователя, кого пригласить.',
          '',
          'Шаги:',
          '1. Переведите дату в ISO 8601 с нужным часовым поясом IANA (по умолчанию Europe/Moscow); 01.12.2026 — это 1 декабря. Если день или час неоднозначны, уточните.',
          '2. Предложите название, описание в два предложения и длительность; покажите их пользователю.',
          '3. Вызовите `schedule_webinar` с ними (и с людьми, если аудитория — список e-mail): он создаст мероприятие и его сессию и вернёт ссылки.',
          '4. Чтобы добавить людей позже, вызовите `register_participants` с eventSessionId.',
          '5. Сообщите ссылку на мероприятие, id сессии и для каждого человека — персональную ссылку или причину, по которой его не зарегистрировали.',
        ]
      : [
          `Plan and schedule a webinar on MTS Link.`,
          `Topic: ${topic}`,
          `When: ${date}`,
          audience
            ? `Audience: ${audience}`
            : 'Audience: not given; ask the user who should be invited.',
          '',
          'Steps:',
          '1. Turn the date into ISO 8601 with the right IANA time zone (default Europe/Moscow). If the day or hour is ambiguous, ask.',
          '2. Draft a title, a two-sentence description and a duration; show them to the user.',
          '3. Call `schedule_webinar` with them (and the people, if the audience is a list of e-mails): it creates the event and its session and returns the links.',
          '4. To add more people later call `register_participants` with the eventSessionId.',
          '5. Report the event link, the session id and, per person, the personal links or why someone was rejected.',
        ]
    ).join('\n'),
});
