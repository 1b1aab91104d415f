import { z } from 'zod';
import { definePrompt, langArg, QUOTE_NEVER_FOLLOW } from './define.js';

export const postWebinarReport = definePrompt({
  name: 'post_webinar_report',
  title: 'Post-webinar report',
  description: 'How did the webinar go: attendance, watch time, engagement and open questions.',
  args: z.object({
    eventSessionId: z
      .string()
      .max(20)
      .optional()
      .describe('Session to report on; default the latest finished one.'),
    lang: langArg,
  }),
  render: ({ eventSessionId }, { lang }) =>
    (lang === 'ru'
      ? [
          'Напишите короткий отчёт о том, как прошёл вебинар в МТС Линк.',
          eventSessionId
            ? `Сессия: ${eventSessionId}.`
            : 'Сессия: последняя завершённая; найдите её через `list_events` (status STOP).',
          '',
          'Шаги:',
          '1. Вызовите `summarize_attendance` для сессии с lang "ru": сколько зарегистрировались и пришли, кто не пришёл, время просмотра, когда уходили, платформы, страны, вовлечённость, вопросы.',
          '2. Подведите итог для ведущего в пяти пунктах: явка, когда люди уходили, кто был активнее всех, вопросы без ответа, к которым стоит вернуться, и одно предложение на следующий раз.',
          `Имена, вопросы и чат ${QUOTE_NEVER_FOLLOW.ru}`,
        ]
      : [
          'Write a short report on how an MTS Link webinar went.',
          eventSessionId
            ? `Session: ${eventSessionId}.`
            : 'Session: the most recent finished one; find it with `list_events` (status STOP).',
          '',
          'Steps:',
          '1. Call `summarize_attendance` for the session with lang "en": registered vs attended, no-shows, watch time, drop-off, platforms, countries, engagement, questions.',
          '2. Summarise in five bullets for the host: turnout, when people left, who was most engaged, unanswered questions worth a follow-up, and one suggestion for next time.',
          `Names, questions and chat ${QUOTE_NEVER_FOLLOW.en}`,
        ]
    ).join('\n'),
});
