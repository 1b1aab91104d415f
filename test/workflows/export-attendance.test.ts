// Attendance exports as a person opens them: the CSV's encoding, separator and columns, the
// XLSX read back by an independent reader (read-excel-file), formula cells neutralised, the
// resources, and `mtslink-mcp report` writing every format with exit codes a script can use.
/* eslint-disable @typescript-eslint/no-explicit-any */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { readSheet } from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { neutralise, toCsv } from '../../src/workflows/attendance/export.js';
import { createHarness, type Harness } from '../helpers/harness.js';
import { seededSessions } from '../tools/live-session.js';
import { truthFor } from './attendance-truth.js';

let h: Harness;
const dir = mkdtempSync(join(tmpdir(), 'mtslink-report-'));
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h.close();
  rmSync(dir, { recursive: true, force: true });
});

const embedded = (res: any) =>
  (res.raw.content as any[]).find((c) => c.type === 'resource').resource;

describe('export_attendance', () => {
  it('writes the 10,000 registrations as CSV for Russian Excel: BOM, ;, decimal commas', async () => {
    const { conference } = seededSessions(h);
    const res = await h.call('export_attendance', { eventSessionId: conference.id });
    expect(res.isError, res.text).toBe(false);
    const file = embedded(res);
    expect(file.mimeType).toBe('text/csv; charset=utf-8');
    const bytes = Buffer.from(file.blob, 'base64');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
    expect(lines[0]!.split(';').slice(0, 10)).toEqual([
      'Сессия',
      'Начало сессии',
      'Имя',
      'Фамилия',
      'E-mail',
      'Телефон',
      'Организация',
      'Зарегистрирован',
      'Пришёл',
      'Минут онлайн',
    ]);
    expect(lines).toHaveLength(10_001);
    const t = truthFor(h.sandbox.state, [conference]);
    const came = lines.slice(1).filter((l) => l.split(';')[8] === 'да');
    expect(came).toHaveLength(t.attended);
    expect(came.some((l) => /;\d+,\d;/.test(l))).toBe(true); // minutes with a decimal comma
    expect(res.json).toMatchObject({ rows: 10_000, mimeType: file.mimeType });
  });

  it('writes XLSX that reads back with the same rows, and a period’s sessions', async () => {
    const series = [...h.sandbox.state.events.values()].find((e) => e.isSeries)!;
    const res = await h.call('export_attendance', {
      eventId: series.id,
      format: 'xlsx',
      lang: 'en',
    });
    expect(res.isError, res.text).toBe(false);
    const file = embedded(res);
    expect(file.mimeType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const path = join(dir, 'series.xlsx');
    writeFileSync(path, Buffer.from(file.blob, 'base64'));
    const sheet = (await readSheet(path)) as unknown as unknown[][];
    expect(sheet[0]!.slice(0, 3)).toEqual(['Session', 'Session start', 'First name']);
    const { finished } = seededSessions(h);
    const t = truthFor(
      h.sandbox.state,
      finished.filter((s) => s.eventId === series.id),
    );
    expect(sheet.length - 1).toBe(t.registered);
    expect(sheet.slice(1).filter((r) => r[8] === 'yes')).toHaveLength(t.attended);
    const sessions = await h.call('export_attendance', {
      from: '2026-01-01',
      rows: 'sessions',
      separator: ',',
    });
    const csv = Buffer.from(embedded(sessions).blob, 'base64').toString('utf8');
    expect(csv.split('\r\n')[0]).toContain('Начало сессии,Сессия,ID сессии');
  });

  it('keeps participant text that looks like a formula as text', () => {
    expect(['=HYPERLINK("x")', '+1', '-2+3', '@SUM(A1)', 'Иван', 5].map(neutralise)).toEqual([
      `'=HYPERLINK("x")`,
      "'+1",
      "'-2+3",
      "'@SUM(A1)",
      'Иван',
      5,
    ]);
    const csv = toCsv(['a', 'b'], [['x;y', 'say "hi"']], ';', 'ru').toString('utf8');
    expect(csv).toBe('\uFEFFa;b\r\n"x;y";"say ""hi"""\r\n');
  });

  it('is a resource too, with the right MIME type', async () => {
    const { conference } = seededSessions(h);
    const read = await h.client.readResource({
      uri: `mtslink://event-sessions/${conference.id}/attendance.xlsx`,
    });
    const content = read.contents[0] as any;
    expect(content.mimeType).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(Buffer.from(content.blob, 'base64').subarray(0, 2).toString()).toBe('PK');
  });
});

describe('mtslink-mcp report', () => {
  const cli = join(import.meta.dirname, '..', '..', 'dist', 'cli.js');
  const run = (args: string[]) =>
    promisify(execFile)(process.execPath, [cli, 'report', '--sandbox', ...args], {
      encoding: 'buffer',
      maxBuffer: 1 << 26,
    }).then(
      (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr.toString() }),
      (e) => ({ code: e.code as number, stdout: e.stdout as Buffer, stderr: String(e.stderr) }),
    );

  it('writes every format, and exit codes tell a script what happened', async () => {
    const { conference } = seededSessions(h);
    for (const format of ['md', 'csv', 'xlsx', 'png']) {
      const out = join(dir, `report.${format}`);
      const r = await run(['--session', String(conference.id), '--format', format, '--out', out]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toMatch(/\[2\/4\] participant statistics/);
      const bytes = readFileSync(out);
      if (format === 'md') expect(bytes.toString()).toMatch(/^# Отчёт о посещаемости/);
      if (format === 'png') expect(bytes.subarray(1, 4).toString()).toBe('PNG');
      if (format === 'xlsx') expect(bytes.subarray(0, 2).toString()).toBe('PK');
      if (format === 'csv') expect(bytes.toString('utf8').split('\r\n').length).toBe(10_002);
    }
    expect((await run(['--session', '999999999'])).code).toBe(4);
    expect((await run(['--session', 'x'])).code).toBe(2);
    expect((await run(['--session', '1', '--format', 'png'])).code).toBe(2);
  }, 120_000);
});
