// The language a prompt speaks when the user does not say: that of the event the prompt is
// about (E10 `lang` of its session: RU or EN), else English.
import type { ApiClient } from '../api/client.js';
import type { Lang } from './define.js';

const ID = /^[1-9]\d{0,11}$/;

/** A session's language, or undefined when the id is no session's (the prompt then says en). */
export async function sessionLang(
  client: ApiClient,
  eventSessionId: string | undefined,
): Promise<Lang | undefined> {
  const id = eventSessionId?.trim();
  if (!id || !ID.test(id)) return undefined;
  try {
    const res = await client.request<{ lang?: unknown }>({
      method: 'GET',
      path: '/eventsessions/{eventSessionId}',
      params: { eventSessionId: Number(id) },
    });
    const lang = res.data?.lang;
    return lang === 'RU' ? 'ru' : lang === 'EN' ? 'en' : undefined;
  } catch {
    return undefined;
  }
}
