// Files tools through a real MCP client against the sandbox: request, result and error per
// family, including the (unverified) upload flow and its size limit.
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestRecord } from '../../src/sandbox/types.js';
import { MAX_UPLOAD_BYTES } from '../../src/tools/file-upload.js';
import { createHarness, type Harness } from '../helpers/harness.js';

let h: Harness;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mtslink-files-'));
  // Local files are read only inside an allowed folder (local-files.test.ts).
  h = await createHarness({ uploadDir: dir });
});
afterAll(async () => {
  await h.close();
  rmSync(dir, { recursive: true, force: true });
});

type Item = { id: number; name: string; type: string; typeFile?: string };

async function newSession() {
  const event = await h.call('create_event', {
    name: 'With files',
    startsAt: '2037-12-08T11:00:00+03:00',
  });
  const session = await h.call('create_event_session', { eventId: event.json.eventId });
  return {
    eventId: event.json.eventId as number,
    sessionId: session.json.eventSessionId as number,
  };
}

async function slides(): Promise<Item[]> {
  const root = await h.call('list_files');
  const folder = root.json.items.find((x: Item) => x.name === 'Презентации');
  return (await h.call('list_files', { parentId: folder.id })).json.items;
}

describe('list_files / get_file', () => {
  it('lists the root and a folder, and gets a file with its downloadUrl', async () => {
    const root = await h.call('list_files');
    expect(root.isError, root.text).toBe(false);
    const names = root.json.items.map((x: Item) => x.name);
    expect(names).toEqual(
      expect.arrayContaining(['Презентации', 'Видео', 'Памятка участника.docx']),
    );
    expect(root.json.items.some((x: Item) => x.typeFile === 'test')).toBe(true);
    const mark = h.sandbox.requests.length;
    const inside = await slides();
    expect(h.requestsSince(mark).at(-1)?.query).toEqual({ parent: expect.any(String) });
    expect(inside.map((x) => x.name)).toEqual(['Введение в продукт.pdf', 'Тарифы 2026.pptx']);
    const file = await h.call('get_file', { fileId: inside[0]!.id });
    expect(file.json).toMatchObject({
      name: 'Введение в продукт.pdf',
      format: 'pdf',
      downloadUrl: expect.stringMatching(/^https:\/\//),
    });
    const shared = await h.call('list_files', { shared: true });
    expect(shared.json.items.map((x: Item) => x.name)).toEqual(['Бренд-бук.pdf']);
  });

  it('names list_files when the id is unknown', async () => {
    const res = await h.call('get_file', { fileId: 123 });
    expect(res.isError).toBe(true);
    expect(res.text).toContain('404');
    expect(res.text).toContain('list_files');
  });
});

describe('attach_file / list_attached_files / set_file_download / detach', () => {
  it('attaches to a session, allows download, detaches one and then all', async () => {
    const { sessionId } = await newSession();
    const [pdf, pptx] = await slides();
    const mark = h.sandbox.requests.length;
    const ref = await h.call('attach_file', { fileId: pdf!.id, eventSessionId: sessionId });
    expect(ref.isError, ref.text).toBe(false);
    expect(ref.json).toMatchObject({
      id: expect.any(Number),
      allowDownload: false,
      file: { id: pdf!.id },
    });
    expect(h.requestsSince(mark)[0]).toMatchObject({
      method: 'POST',
      path: `/eventsessions/${sessionId}/files`,
      body: { fileId: String(pdf!.id) },
    });
    await h.call('attach_file', { fileId: pptx!.id, eventSessionId: sessionId });
    // The session itself lists what is attached to it.
    const session = await h.call('get_event_session', { eventSessionId: sessionId });
    expect(session.json.files).toEqual([
      { id: pdf!.id, name: pdf!.name, fileType: 'presentation' },
      { id: pptx!.id, name: pptx!.name, fileType: 'presentation' },
    ]);
    const allow = await h.call('set_file_download', {
      eventSessionId: sessionId,
      fileReferenceId: ref.json.id,
      allowDownload: true,
    });
    expect(allow.isError, allow.text).toBe(false);
    expect(h.sandbox.requests.at(-1)?.body).toEqual({ isShared: 'true' });
    const list = await h.call('list_attached_files', { eventSessionId: sessionId });
    expect(list.json.items.map((r: { allowDownload: boolean }) => r.allowDownload)).toEqual([
      true,
      false,
    ]);

    const refused = await h.call('detach_files', { eventSessionId: sessionId, fileId: pdf!.id });
    expect(refused.isError).toBe(true);
    expect(refused.text).toContain('confirm: true');
    const one = await h.call('detach_files', {
      eventSessionId: sessionId,
      fileId: pdf!.id,
      confirm: true,
    });
    expect(one.isError, one.text).toBe(false);
    const all = await h.call('detach_files', { eventSessionId: sessionId, confirm: true });
    expect(all.isError, all.text).toBe(false);
    expect((await h.call('list_attached_files', { eventSessionId: sessionId })).json).toEqual({
      count: 0,
      items: [],
    });
    const again = await h.call('detach_files', {
      eventSessionId: sessionId,
      fileId: pdf!.id,
      confirm: true,
    });
    expect(again.isError).toBe(true);
    expect(again.text).toContain('404');
  });

  it('attaches to a whole series, and needs exactly one of eventSessionId or eventId', async () => {
    const { eventId, sessionId } = await newSession();
    const [pdf] = await slides();
    const res = await h.call('attach_file', { fileId: pdf!.id, eventId });
    expect(res.isError, res.text).toBe(false);
    expect(h.sandbox.requests.at(-1)?.path).toBe(`/events/${eventId}/files`);
    const listed = await h.call('list_attached_files', { eventId });
    expect(listed.json.items).toHaveLength(1);
    const mark = h.sandbox.requests.length;
    const both = await h.call('attach_file', {
      fileId: pdf!.id,
      eventId,
      eventSessionId: sessionId,
    });
    expect(both.isError).toBe(true);
    expect(both.text).toContain('exactly one');
    expect(h.requestsSince(mark)).toHaveLength(0);
    const unknown = await h.call('attach_file', { fileId: 5, eventSessionId: sessionId });
    expect(unknown.isError).toBe(true);
    expect(unknown.text).toContain('list_files');
  });
});

describe('upload_file / delete_file (unverified flow)', () => {
  it('uploads base64 content via the storage uploadUrl without sending the API token there', async () => {
    const mark = h.sandbox.requests.length;
    const res = await h.call('upload_file', {
      name: 'agenda.txt',
      contentBase64: Buffer.from('Agenda: intro, demo, Q&A').toString('base64'),
    });
    expect(res.isError, res.text).toBe(false);
    expect(res.json).toMatchObject({
      name: 'agenda.txt',
      size: 24,
      downloadUrl: expect.any(String),
    });
    const sent = h.requestsSince(mark).map((r: RequestRecord) => `${r.method} ${r.path}`);
    expect(sent).toEqual([
      'POST /fileSystem/files',
      'POST /api-storage/app.php/upload',
      `GET /fileSystem/file/${res.json.id}`,
    ]);
    const storage = h.requestsSince(mark)[1]!;
    expect(storage.hasAuthHeader).toBe(false);
    expect(storage.query).toMatchObject({ extension: 'txt' });
    const root = await h.call('list_files');
    expect(root.json.items.map((x: Item) => x.name)).toContain('agenda.txt');
  });

  it('uploads a local file into a folder', async () => {
    const path = join(dir, 'handout.pdf');
    writeFileSync(path, Buffer.alloc(2048, 1));
    const folder = (await h.call('list_files')).json.items.find((x: Item) => x.name === 'Видео');
    const res = await h.call('upload_file', {
      name: 'handout.pdf',
      localPath: path,
      parentId: folder.id,
    });
    expect(res.isError, res.text).toBe(false);
    expect(res.json).toMatchObject({ size: 2048, parentId: folder.id, typeFile: 'presentation' });
  });

  it('refuses a file above the limit, a relative path and a missing source before sending', async () => {
    const big = join(dir, 'huge.mp4');
    writeFileSync(big, '');
    truncateSync(big, MAX_UPLOAD_BYTES + 1); // sparse: nothing is really written
    const mark = h.sandbox.requests.length;
    const res = await h.call('upload_file', { name: 'huge.mp4', localPath: big });
    expect(res.isError).toBe(true);
    expect(res.text).toContain('localPath');
    expect(res.text).toContain('above the 20.0 MB upload limit');
    const relative = await h.call('upload_file', { name: 'a.txt', localPath: 'a.txt' });
    expect(relative.text).toContain('absolute path');
    const none = await h.call('upload_file', { name: 'a.txt' });
    expect(none.text).toContain('exactly one of localPath or contentBase64');
    expect(h.requestsSince(mark)).toHaveLength(0);
  });

  it('deletes a file only with confirmation; it is gone afterwards', async () => {
    const res = await h.call('upload_file', {
      name: 'temp.txt',
      contentBase64: Buffer.from('x').toString('base64'),
    });
    const refused = await h.call('delete_file', { fileId: res.json.id });
    expect(refused.isError).toBe(true);
    const ok = await h.call('delete_file', { fileId: res.json.id, confirm: true });
    expect(ok.isError, ok.text).toBe(false);
    expect(h.sandbox.requests.at(-1)).toMatchObject({
      method: 'DELETE',
      path: `/fileSystem/file/${res.json.id}`,
      status: 204,
    });
    expect((await h.call('get_file', { fileId: res.json.id })).isError).toBe(true);
  });
});
