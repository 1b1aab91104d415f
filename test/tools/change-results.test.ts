// Changes answer with the state the user would check next (issue 14): how many messages,
// questions or files are left, what a setting now does, what to read next. Each figure is
// checked against the sandbox's own state, not against another tool of ours.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../helpers/harness.js';
import { liveSession, type LiveSession } from './live-session.js';

let h: Harness;
let live: LiveSession;
beforeAll(async () => {
  h = await createHarness();
  live = await liveSession(h, 'Change results webinar');
});
afterAll(async () => {
  await h.close();
});

const chatOf = (sessionId: number) =>
  [...h.sandbox.state.chatMessages.values()].filter((m) => m.eventSessionId === sessionId);

describe('chat and questions', () => {
  it('set_chat_moderation says what the setting now does', async () => {
    const on = await h.call('set_chat_moderation', {
      eventSessionId: live.sessionId,
      preModeration: true,
    });
    expect(on.isError, on.text).toBe(false);
    expect(on.json).toMatchObject({ eventSessionId: live.sessionId, preModeration: true });
    expect(on.json.effect).toMatch(/hidden until moderate_chat_messages/);
    const off = await h.call('set_chat_moderation', {
      eventSessionId: live.sessionId,
      preModeration: false,
    });
    expect(off.json.effect).toMatch(/posted at once/);
  });

  it('delete_chat_messages says what went and how many messages are left', async () => {
    for (const text of ['one', 'two', 'three']) {
      await h.call('send_chat_message', { eventSessionId: live.sessionId, text });
    }
    await h.call('send_chat_message', {
      eventSessionId: live.sessionId,
      text: 'mine',
      fromUserId: live.participantUserId,
    });
    const res = await h.call('delete_chat_messages', {
      eventSessionId: live.sessionId,
      userId: live.participantUserId,
      confirm: true,
    });
    expect(res.isError, res.text).toBe(false);
    expect(res.json.deleted).toBe(`every message of user ${live.participantUserId}`);
    const left = chatOf(live.sessionId);
    expect(left.length).toBe(3);
    expect(res.json.messagesLeft).toEqual({
      published: left.filter((m) => m.isModerated).length,
      hidden: left.filter((m) => !m.isModerated).length,
    });
  });

  it('delete_questions says how many questions are left', async () => {
    const asked = [];
    for (const text of ['Q one?', 'Q two?']) {
      asked.push((await h.call('ask_question', { eventSessionId: live.sessionId, text })).json);
    }
    const res = await h.call('delete_questions', {
      eventSessionId: live.sessionId,
      questionId: asked[0].id,
      confirm: true,
    });
    expect(res.isError, res.text).toBe(false);
    expect(res.json.deleted).toBe(`question ${asked[0].id}`);
    const truth = [...h.sandbox.state.questions.values()].filter(
      (q) => q.eventSessionId === live.sessionId,
    ).length;
    expect(res.json.questionsLeft).toBe(truth);
    expect(truth).toBe(1);
  });
});

describe('files and tests', () => {
  it('set_file_download and detach_files say the resulting state', async () => {
    const root = await h.call('list_files');
    const folder = root.json.items.find((x: { name: string }) => x.name === 'Презентации');
    const files = (await h.call('list_files', { parentId: folder.id })).json.items;
    const refs = [];
    for (const file of files.slice(0, 2)) {
      refs.push(
        (await h.call('attach_file', { fileId: file.id, eventSessionId: live.sessionId })).json,
      );
    }
    const allow = await h.call('set_file_download', {
      eventSessionId: live.sessionId,
      fileReferenceId: refs[0].id,
      allowDownload: true,
    });
    expect(allow.json).toMatchObject({
      fileReferenceId: refs[0].id,
      participantsMayDownload: true,
    });
    const one = await h.call('detach_files', {
      eventSessionId: live.sessionId,
      fileId: files[0].id,
      confirm: true,
    });
    expect(one.isError, one.text).toBe(false);
    expect(one.json).toMatchObject({ detached: `file ${files[0].id}`, stillAttached: 1 });
    expect(one.json.note).toMatch(/stay in the file manager/);
  });

  it('stop_test says the run is over and where its results are', async () => {
    const quiz = await h.call('create_test', {
      name: 'Pulse',
      questions: [{ text: 'Useful?', answers: [{ text: 'Yes' }, { text: 'No' }] }],
    });
    const run = await h.call('start_test', {
      testId: quiz.json.testId,
      eventSessionId: live.sessionId,
    });
    expect(run.isError, run.text).toBe(false);
    const res = await h.call('stop_test', { testSessionId: run.json.testSessionId, confirm: true });
    expect(res.isError, res.text).toBe(false);
    expect(res.json).toMatchObject({ testSessionId: run.json.testSessionId, running: false });
    expect(res.json.next).toMatch(/get_test_results/);
  });
});
