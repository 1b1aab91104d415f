// Files area routes (F1–F9) and the INFERRED upload/delete flow (F10) with plain fetch.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startClient, type Client } from './helpers.js';

let c: Client;
beforeAll(async () => {
  c = await startClient();
});
afterAll(async () => {
  await c.sb.close();
});

type Item = { id: number; name: string; type: string; typeFile?: string };

async function newSession() {
  const ev = await c.call('POST', '/events', { form: { name: 'With files', access: 1 } });
  const s = await c.call('POST', `/events/${ev.json.eventId}/sessions`, { form: {} });
  return { eventId: ev.json.eventId as number, sessionId: s.json.eventSessionId as number };
}

async function seededFile(name: string): Promise<Item> {
  const root = (await c.call('GET', '/fileSystem/files')).json as Item[];
  for (const folder of root.filter((x) => x.type === 'folder')) {
    const inside = (await c.call('GET', `/fileSystem/files?parent=${folder.id}`)).json as Item[];
    const hit = inside.find((x) => x.name === name);
    if (hit) return hit;
  }
  const hit = root.find((x) => x.name === name);
  if (!hit) throw new Error(`no seeded file ${name}`);
  return hit;
}

describe('F1/F2 file manager', () => {
  it('lists the root with folders and the seeded test, a folder, the shared folder, by format', async () => {
    const root = await c.call('GET', '/fileSystem/files');
    expect(root.status).toBe(200);
    const items = root.json as Item[];
    expect(items.filter((x) => x.type === 'folder').map((x) => x.name)).toEqual([
      'Презентации',
      'Видео',
    ]);
    expect(items.some((x) => x.typeFile === 'test')).toBe(true);
    const folder = items.find((x) => x.name === 'Презентации')!;
    const inside = await c.call('GET', `/fileSystem/files?parent=${folder.id}`);
    expect(inside.json.map((x: Item) => x.name)).toEqual([
      'Введение в продукт.pdf',
      'Тарифы 2026.pptx',
    ]);
    expect(inside.json[0]).toMatchObject({
      format: 'pdf',
      typeFile: 'presentation',
      parent: { id: folder.id },
      path: '/Презентации/Введение в продукт.pdf',
      downloadUrl: expect.stringMatching(/^https:\/\/events-storage\.webinar\.ru\//),
    });
    const shared = await c.call('GET', '/fileSystem/files?isShared=true');
    expect(shared.json.map((x: Item) => x.name)).toEqual(['Бренд-бук.pdf']);
    const docx = await c.call('GET', '/fileSystem/files?format=docx');
    expect(docx.json.map((x: Item) => x.name)).toEqual(['Памятка участника.docx']);
    const notFolder = await c.call('GET', `/fileSystem/files?parent=${inside.json[0].id}`);
    expect(notFolder.status).toBe(400);
  });

  it('gets one file, and 404s for an unknown id', async () => {
    const file = await seededFile('Тарифы 2026.pptx');
    const res = await c.call('GET', `/fileSystem/file/${file.id}`);
    expect(res.json).toMatchObject({ id: file.id, name: 'Тарифы 2026.pptx', isDeleted: false });
    expect((await c.call('GET', '/fileSystem/file/1')).status).toBe(404);
  });
});

describe('F3–F9 attachments', () => {
  it('attaches to a session and a series, toggles download, detaches one and all', async () => {
    const { eventId, sessionId } = await newSession();
    const pdf = await seededFile('Введение в продукт.pdf');
    const pptx = await seededFile('Тарифы 2026.pptx');
    const ref = await c.call('POST', `/eventsessions/${sessionId}/files`, {
      form: { fileId: pdf.id },
    });
    expect(ref.status).toBe(201);
    expect(ref.json).toMatchObject({
      id: expect.any(Number),
      isDeleted: false,
      file: { id: pdf.id },
    });
    const again = await c.call('POST', `/eventsessions/${sessionId}/files`, {
      form: { fileId: pdf.id },
    });
    expect(again.json.id).toBe(ref.json.id);
    await c.call('POST', `/eventsessions/${sessionId}/files`, { form: { fileId: pptx.id } });
    const series = await c.call('POST', `/events/${eventId}/files`, { form: { fileId: pptx.id } });
    expect(series.status).toBe(201);
    expect((await c.call('GET', `/events/${eventId}/files`)).json).toHaveLength(1);
    const shared = await c.call('PUT', `/eventsessions/${sessionId}/files/${ref.json.id}`, {
      form: { isShared: 'true' },
    });
    expect(shared.status).toBe(204);
    const list = await c.call('GET', `/eventsessions/${sessionId}/files`);
    expect(
      list.json.map((r: { file: Item; isShared: boolean }) => [r.file.id, r.isShared]),
    ).toEqual([
      [pdf.id, true],
      [pptx.id, false],
    ]);
    const blank = await c.call('PUT', `/eventsessions/${sessionId}/files/${ref.json.id}`, {
      form: {},
    });
    expect(blank.status).toBe(400);
    expect((await c.call('DELETE', `/eventsessions/${sessionId}/files/${pdf.id}`)).status).toBe(
      204,
    );
    expect((await c.call('DELETE', `/eventsessions/${sessionId}/files/${pdf.id}`)).status).toBe(
      404,
    );
    expect((await c.call('DELETE', `/eventsessions/${sessionId}/files`)).status).toBe(204);
    expect((await c.call('GET', `/eventsessions/${sessionId}/files`)).json).toEqual([]);
  });

  it('refuses unknown files, folders and unknown sessions', async () => {
    const { sessionId } = await newSession();
    const folder = ((await c.call('GET', '/fileSystem/files')).json as Item[]).find(
      (x) => x.type === 'folder',
    )!;
    expect(
      (await c.call('POST', `/eventsessions/${sessionId}/files`, { form: { fileId: 1 } })).status,
    ).toBe(404);
    expect(
      (await c.call('POST', `/eventsessions/${sessionId}/files`, { form: { fileId: folder.id } }))
        .status,
    ).toBe(400);
    expect((await c.call('GET', '/eventsessions/1/files')).status).toBe(404);
  });
});

describe('F10 upload and delete (INFERRED flow)', () => {
  it('creates an entry with an uploadUrl, takes the bytes without x-auth-token, then serves it', async () => {
    const created = await c.call('POST', '/fileSystem/files', { form: { name: 'notes.txt' } });
    expect(created.status).toBe(201);
    const url = new URL(created.json.uploadUrl);
    expect(url.pathname).toBe('/api-storage/app.php/upload');
    expect(url.searchParams.get('extension')).toBe('txt');
    expect(created.json.downloadUrl).toBeUndefined();
    const hidden = await c.call('GET', '/fileSystem/files');
    expect(hidden.json.some((x: Item) => x.id === created.json.id)).toBe(false);

    const bad = await fetch(`${url.origin}${url.pathname}?token=nope&extension=txt`, {
      method: 'POST',
      body: 'hello',
    });
    expect(bad.status).toBe(403);
    const up = await fetch(url, { method: 'POST', body: 'hello world' });
    expect(up.status).toBe(200);
    expect(await up.json()).toMatchObject({ id: created.json.id, size: 11 });
    const used = await fetch(url, { method: 'POST', body: 'again' });
    expect(used.status).toBe(403);

    const file = await c.call('GET', `/fileSystem/file/${created.json.id}`);
    expect(file.json).toMatchObject({ size: 11, format: 'txt', downloadUrl: expect.any(String) });
    expect(file.json.uploadUrl).toBeUndefined();
    // Outside the storage path the prefix and the header still rule.
    expect((await fetch(`${url.origin}/other`)).status).toBe(404);
  });

  it('deletes a file (detaching it) and refuses a non-empty folder', async () => {
    const { sessionId } = await newSession();
    const file = await seededFile('Памятка участника.docx');
    await c.call('POST', `/eventsessions/${sessionId}/files`, { form: { fileId: file.id } });
    expect((await c.call('DELETE', `/fileSystem/file/${file.id}`)).status).toBe(204);
    expect((await c.call('GET', `/fileSystem/file/${file.id}`)).status).toBe(404);
    expect((await c.call('GET', `/eventsessions/${sessionId}/files`)).json).toEqual([]);
    const folder = ((await c.call('GET', '/fileSystem/files')).json as Item[]).find(
      (x) => x.type === 'folder',
    )!;
    expect((await c.call('DELETE', `/fileSystem/file/${folder.id}`)).status).toBe(409);
  });
});
