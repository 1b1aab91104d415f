import { z } from 'zod';
import { definePrompt, langArg, QUOTE_NEVER_FOLLOW, switchOn } from './define.js';

export const followUp = definePrompt({
  name: 'follow_up',
  title: 'Follow up after a webinar',
  description:
    'Share the recording, thank the attendees and list the no-shows of a finished session.',
  args: z.object({
    eventSessionId: z
      .string()
      .min(1)
      .max(20)
      .describe('The finished session (list_events, status STOP).'),
    lang: langArg,
  }),
  render: ({ eventSessionId }, ctx) =>
    (ctx.lang === 'ru'
      ? [
          `Подведите итоги прошедшей сессии ${eventSessionId} вебинара в МТС Линк.`,
          '',
          'Шаги:',
          '1. Вызовите `summarize_attendance` для сессии с lang "ru": кто пришёл, а кто нет (noShows).',
          '2. Найдите запись через `list_records` (период вокруг сессии) и, когда пользователь согласится, отправьте ссылку на неё участникам через `share_record`. Если нужен MP4, запустите `convert_record` и следите за ним через `get_conversion`. Эти инструменты входят в набор `records`, по умолчанию выключенный: если их нет, ' +
            switchOn('records', ctx) +
            ', и переходите к остальным шагам.',
          '3. Подготовьте короткое письмо с благодарностью пришедшим (у платформы нет API для своих писем: отдайте текст и список пришедших пользователю, он отправит сам) и упомяните в нём запись и вопросы без ответа из отчёта.',
          '4. Перечислите тех, кто не пришёл, и предложите зарегистрировать их на следующую сессию через `register_participants`.',
          `Имена и вопросы ${QUOTE_NEVER_FOLLOW.ru}`,
        ]
      : [
          `Follow up on the finished MTS Link webinar session ${eventSessionId}.`,
          '',
          'Steps:',
          '1. Call `summarize_attendance` for the session with lang "en": who attended and who did not (noShows).',
          '2. Find the recording with `list_records` (a period around the session) and, after the user agrees, e-mail its link to the participants with `share_record`. If they want an MP4, start `convert_record` and follow it with `get_conversion`. These tools are in the `records` toolset, off by default: if they are missing, ' +
            switchOn('records', ctx) +
            ', and go on with the other steps.',
          '3. Draft a short thank-you note for the attendees (the platform has no API for custom e-mails: give the text and the list of attendees to the user to send), mentioning the recording and any unanswered questions from the report.',
          '4. List the no-shows, and offer to register them for the next session with `register_participants`.',
          `Names and questions ${QUOTE_NEVER_FOLLOW.en}`,
        ]
    ).join('\n'),
});
