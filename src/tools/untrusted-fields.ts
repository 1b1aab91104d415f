// Which values people outside the organisation wrote, decided once per field of each API answer,
// and marked as the answer arrives (untrusted.ts). Every tool, workflow, resource and
// confirmation question reads the API through markUntrustedAnswers(client), so a new tool that
// shows a participant's name is marked without doing anything; a new endpoint that returns
// such text needs one row here (the injection crawl, test/safety/injection.test.ts, fails
// until it has one).
//
// Not marked, on purpose: what the organisation itself wrote (event and session titles and
// descriptions, registration-form labels, test questions and options, recording names, tags,
// the file manager, where members upload) and its employees (members, hosts, event owners);
// numbers, dates, ids and links the platform made; e-mail addresses that are plain addresses
// (identifiers the model passes back; anything else in an e-mail field is marked). Files that
// participants send travel as chat attachments and form answers, which are marked.
import type { ApiClient } from '../api/client.js';
import type { ApiRequest, ApiResponse } from '../api/types.js';
import { PARTICIPANT_DATA_NOTE, untrusted, untrustedEmail } from './untrusted.js';

type Kind = 'text' | 'email';

/**
 * Dotted paths into an answer; arrays are entered wherever they occur, so `user.nickname`
 * covers a bare list of messages and one message alike.
 */
type Fields = Record<string, Kind>;

/** A person as registration, contacts and statistics show them: every field is theirs. */
const PERSON: Fields = {
  name: 'text',
  secondName: 'text',
  patrName: 'text',
  pattrName: 'text',
  nickname: 'text',
  nickName: 'text',
  organization: 'text',
  company: 'text',
  position: 'text',
  phone: 'text',
  phoneMain: 'text',
  description: 'text',
  email: 'email',
};

const under = (prefix: string, fields: Fields): Fields =>
  Object.fromEntries(Object.entries(fields).map(([k, v]) => [`${prefix}.${k}`, v]));

/** An author block (`user` of a message, question or file). */
const AUTHOR = under('user', { nickname: 'text', name: 'text', secondName: 'text' });

/** `{}` stands for one path segment (an id), as in the API reference's paths. */
const PARTICIPANT_FIELDS: { paths: string[]; fields: Fields }[] = [
  {
    // P5/P6 registrations with their form answers (labels are the organisation's).
    paths: ['/eventsessions/{}/participations', '/events/{}/participations'],
    fields: { ...PERSON, 'additionalFieldValues.value': 'text' },
  },
  {
    // P3/P4 answer with the people invited.
    paths: ['/eventsessions/{}/invite', '/events/{}/invite'],
    fields: PERSON,
  },
  {
    // C1/C2 and the contact that create/update answer with.
    paths: ['/contacts/search', '/contacts/{}', '/contacts'],
    fields: { ...PERSON, 'additionalFields.value': 'text' },
  },
  {
    // CH1–CH5: on a private message authorName is the recipient, also a participant.
    paths: ['/eventsessions/{}/chat', '/eventsessions/{}/chat/messages/moderate'],
    fields: { authorName: 'text', text: 'text', ...AUTHOR, 'attachments.name': 'text' },
  },
  {
    // Q1–Q4: questions and the answers under them.
    paths: ['/eventsessions/{}/questions', '/eventsessions/{}/questions/moderate'],
    fields: { text: 'text', ...AUTHOR, 'answers.text': 'text', ...under('answers', AUTHOR) },
  },
  {
    // S2 people with their form answers; a referrer is whatever the visitor's browser sent.
    paths: ['/stats/users'],
    fields: {
      ...PERSON,
      'eventSessions.additionalFieldValues.value': 'text',
      'eventSessions.connections.referrer': 'text',
    },
  },
  {
    // S3 one person's sessions.
    paths: ['/stats/users/visits'],
    fields: {
      'registered.additionalFieldValues.value': 'text',
      'registered.referrer': 'text',
      'visited.referrer': 'text',
      'visited.connections.referrer': 'text',
    },
  },
  {
    // RE1–RE3: who raised a hand, liked or sent an emoji (docs/api.md; `data.items`, or bare).
    paths: [
      '/eventsessions/{}/raising-hands',
      '/eventsessions/{}/likes',
      '/eventsessions/{}/emoji-reactions',
    ],
    fields: { 'data.items.nickname': 'text', 'data.items.name': 'text', nickname: 'text' },
  },
  {
    // T9 results: who took the test.
    paths: ['/tests/{}/results'],
    fields: under('users', PERSON),
  },
  {
    // T10 free-text answers with their authors.
    paths: ['/tests/{}/customanswers'],
    fields: { ...PERSON, answerData: 'text' },
  },
  {
    // T11 one user's attempts: their typed answers.
    paths: ['/users/{}/tests/stats'],
    fields: { 'testPassings.questions.answers.customAnswer': 'text' },
  },
];

/** The fields of one answer as a tree, so that a 10,000-person answer is walked once. */
interface FieldTree {
  kind?: Kind;
  children: Map<string, FieldTree>;
  /** The children as an array: walked for every object of a large answer. */
  entries: [string, FieldTree][];
}

function treeOf(fields: Fields): FieldTree {
  const node = (): FieldTree => ({ children: new Map(), entries: [] });
  const root = node();
  for (const [path, kind] of Object.entries(fields)) {
    let at = root;
    for (const key of path.split('.')) {
      let next = at.children.get(key);
      if (!next) {
        next = node();
        at.children.set(key, next);
        at.entries.push([key, next]);
      }
      at = next;
    }
    at.kind = kind;
  }
  return root;
}

const RULES = PARTICIPANT_FIELDS.flatMap(({ paths, fields }) => {
  const tree = treeOf(fields);
  return paths.map((path) => ({
    // A template (`{eventSessionId}`) or a filled path (`2405019`) both match `{}`.
    pattern: new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{\}/g, '[^/]+')}$`),
    tree,
  }));
});

const markValue = (value: unknown, kind: Kind): unknown => {
  if (Array.isArray(value)) return value.map((v) => markValue(v, kind));
  if (typeof value !== 'string' || value === '') return value;
  return (kind === 'email' ? untrustedEmail(value) : untrusted(value)) ?? value;
};

function markTree(node: unknown, tree: FieldTree): void {
  if (Array.isArray(node)) {
    for (const item of node) markTree(item, tree);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const obj = node as Record<string, unknown>;
  for (const [key, child] of tree.entries) {
    const value = obj[key];
    if (value === undefined || value === null) continue;
    if (child.kind) obj[key] = markValue(value, child.kind);
    else markTree(value, child);
  }
}

/** Marks an answer in place: each answer is freshly parsed and nobody else holds it. */
function markAnswer(path: string, data: unknown): void {
  for (const rule of RULES) if (rule.pattern.test(path)) markTree(data, rule.tree);
}

const marking = new WeakMap<ApiClient, ApiClient>();

/** The client every tool, workflow and resource reads through: answers arrive marked. */
export function markUntrustedAnswers(client: ApiClient): ApiClient {
  const known = marking.get(client);
  if (known) return known;
  const marked: ApiClient = Object.create(client);
  marked.request = async <T>(req: ApiRequest): Promise<ApiResponse<T>> => {
    const res = await client.request<T>(req);
    markAnswer(req.path, res.data);
    return res;
  };
  // Streamed lists (the 10,000-person statistics) are marked element by element.
  marked.streamArray = (req, start) =>
    client.streamArray(req, () => {
      const sink = start();
      return (item) => {
        markAnswer(req.path, item);
        sink(item);
      };
    });
  marking.set(client, marked);
  return marked;
}

/**
 * Prompt arguments that hold lists pasted from elsewhere (a registration export, an e-mail
 * thread): what outsiders wrote. The rest (topic, date, ids) is the user's own request.
 */
const PASTED_PROMPT_ARGS: Record<string, string[]> = {
  plan_webinar: ['audience'],
  register_attendees: ['people'],
};

/** A prompt's arguments with the pasted ones marked, and the note to add when any were. */
export function markPromptArgs<A extends Record<string, unknown>>(
  prompt: string,
  args: A,
): { args: A; note?: string } {
  const pasted = (PASTED_PROMPT_ARGS[prompt] ?? []).filter((k) => typeof args[k] === 'string');
  if (!pasted.length) return { args };
  const marked: Record<string, unknown> = { ...args };
  for (const key of pasted) marked[key] = untrusted(args[key]) ?? args[key];
  return { args: marked as A, note: PARTICIPANT_DATA_NOTE };
}
