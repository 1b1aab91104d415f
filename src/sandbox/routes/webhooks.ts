// W1–W3: the organisation's webhook URLs. Known: `POST /webhooks/create` (help-centre title and
// one script), `POST /webhooks/{id}/delete` (title), at most 20 URLs on plans with API access
// (H19419). INFERRED: the list path `GET /webhooks`, the body fields `url` and `events[]` (names
// such as `eventSession.created`; none = every event), the `{"data": …}` answers, 400 past 20
// URLs and 409 for a URL already registered. The sandbox stores hooks; it never calls them.
import { formatIsoColon } from '../dates.js';
import { conflict, fieldError, HttpError, notFound } from '../errors.js';
import type { RouteContext, RouteResult, Router } from '../router.js';
import type { SandboxState } from '../state.js';

/** H19419: "МТС Линк позволяет добавить до 20 webhooks URL". */
const MAX_WEBHOOKS = 20;
/** Event names are dotted words, e.g. `eventSession.startsAt.changed` (H19419). */
const EVENT_NAME = /^[A-Za-z]+(\.[A-Za-z]+)+$/;

interface Webhook {
  id: number;
  url: string;
  events: string[];
  createdAt: number;
}

interface WebhookStore {
  seq: number;
  hooks: Map<number, Webhook>;
}

// Kept beside the shared state (not in it): webhooks touch nothing else in the organisation.
const stores = new WeakMap<SandboxState, WebhookStore>();
function storeOf(state: SandboxState): WebhookStore {
  let store = stores.get(state);
  if (!store) {
    store = { seq: 880_000, hooks: new Map() };
    stores.set(state, store);
  }
  return store;
}

export function registerWebhookRoutes(router: Router): void {
  router
    .add('GET', '/webhooks', list)
    .add('POST', '/webhooks/create', create)
    .add('POST', '/webhooks/{webhookId}/delete', remove);
}

const view = (h: Webhook) => ({
  id: h.id,
  url: h.url,
  events: h.events,
  createdAt: formatIsoColon(h.createdAt, 'Europe/Moscow'), // organisation time
});

function list({ state }: RouteContext): RouteResult {
  const items = [...storeOf(state).hooks.values()].sort((a, b) => a.id - b.id).map(view);
  return { status: 200, body: { data: { items } } };
}

function create({ state, input, now }: RouteContext): RouteResult {
  const url = input.str('url', true)!.trim();
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw fieldError('url', 'must be an absolute http(s) URL');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw fieldError('url', 'must be an absolute http(s) URL');
  }
  const events = input.strList('events') ?? [];
  const bad = events.find((e) => !EVENT_NAME.test(e));
  if (bad !== undefined) throw fieldError('events', `"${bad}" is not a webhook event name`);
  const store = storeOf(state);
  if ([...store.hooks.values()].some((h) => h.url === url)) {
    throw conflict('This URL is already registered as a webhook');
  }
  if (store.hooks.size >= MAX_WEBHOOKS) {
    throw new HttpError(400, `At most ${MAX_WEBHOOKS} webhook URLs can be registered`, {
      url: `limit of ${MAX_WEBHOOKS} reached`,
    });
  }
  store.seq += 1;
  const hook: Webhook = { id: store.seq, url, events: [...new Set(events)], createdAt: now };
  store.hooks.set(hook.id, hook);
  return { status: 201, body: { data: view(hook) } };
}

function remove({ state, params }: RouteContext): RouteResult {
  const store = storeOf(state);
  const id = Number(params.webhookId);
  if (!store.hooks.delete(id)) throw notFound('Webhook');
  return { status: 204 };
}
