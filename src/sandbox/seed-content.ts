// Seeded recordings, MP4s, files and tests of the demo organisation, so that the records, files
// and tests tools have real data to show. Draws from its own PRNG stream: other areas' seeded
// data does not move when this changes.
import type { FileRec, TestRec, TestSessionRec } from './content-types.js';
import { createPrng, pick, randInt } from './prng.js';
import { kindOf, extensionOf } from './routes/files.js';
import { syncRecords } from './routes/records-view.js';
import { userIdFor } from './routes/tests.js';
import { grade } from './routes/tests-view.js';
import { nextId, type SandboxState } from './state.js';

const DAY = 86_400_000;
const MINUTE = 60_000;

export function seedContent(state: SandboxState, seed: number, now: number): void {
  const rand = createPrng(seed ^ 0xc0_47e7);
  syncRecords(state);
  const owner = state.organization.ownerId;
  const finished = [...state.sessions.values()]
    .filter((s) => s.status === 'STOP' && s.stoppedAt !== null)
    .sort((a, b) => (b.stoppedAt ?? 0) - (a.stoppedAt ?? 0));

  // Two finished MP4s of the latest recordings.
  const records = [...state.records.values()].sort((a, b) => b.createdAt - a.createdAt);
  records.slice(0, 2).forEach((r, i) => {
    const createdAt = r.createdAt + (30 + i * 15) * MINUTE;
    const id = nextId(state, 'conversion');
    state.conversions.set(id, {
      id,
      recordId: r.id,
      eventSessionId: r.eventSessionId,
      ownerId: owner,
      quality: i === 0 ? 1080 : 720,
      view: 'chat',
      createdAt,
      readyAt: createdAt + 12 * MINUTE,
      finalState: null,
    });
  });

  // The file manager: two folders, a few files, one item in the shared folder.
  const file = (name: string, parentId: number | null, extra: Partial<FileRec> = {}): FileRec => {
    const id = nextId(state, 'file');
    const [typeFile, mimeType] = kindOf(name);
    const f: FileRec = {
      id,
      name,
      type: 'file',
      typeFile,
      format: extensionOf(name),
      mimeType,
      size: randInt(rand, 200, 9000) * 1024,
      parentId,
      ownerId: owner,
      shared: false,
      createdAt: now - randInt(rand, 20, 80) * DAY,
      uploadToken: null,
      deleted: false,
      ...extra,
    };
    state.files.set(id, f);
    return f;
  };
  const folder = (name: string) =>
    file(name, null, { type: 'folder', typeFile: '', format: '', size: 0 });
  const slides = folder('Презентации');
  const intro = file('Введение в продукт.pdf', slides.id);
  file('Тарифы 2026.pptx', slides.id);
  const videos = folder('Видео');
  file('Промо-ролик.mp4', videos.id, { size: 48_000_000 });
  file('Памятка участника.docx', null);
  file('Бренд-бук.pdf', null, { shared: true });

  // Slides attached to the next upcoming session, downloadable by participants.
  const upcoming = [...state.sessions.values()]
    .filter((s) => s.status === 'ACTIVE')
    .sort((a, b) => a.startsAt - b.startsAt)[0];
  if (upcoming) {
    const id = nextId(state, 'fileRef');
    state.fileRefs.set(id, {
      id,
      eventSessionId: upcoming.id,
      eventId: null,
      fileId: intro.id,
      isShared: true,
      createdAt: now - DAY,
    });
  }

  // A knowledge check run in the latest finished session, answered by those who came.
  const test = seedTest(state, owner, now);
  const session = finished.find((s) =>
    [...state.participations.where('session', s.id)].some((p) => p.visited),
  );
  if (!session || session.startedAt === null || session.stoppedAt === null) return;
  const refId = nextId(state, 'fileRef');
  state.fileRefs.set(refId, {
    id: refId,
    eventSessionId: session.id,
    eventId: null,
    fileId: test.id,
    isShared: false,
    createdAt: session.startedAt,
  });
  const startTime = session.startedAt + 40 * MINUTE;
  const ts: TestSessionRec = {
    id: nextId(state, 'testSession'),
    testId: test.id,
    eventSessionId: session.id,
    startTime,
    endTime: Math.min(startTime + 10 * MINUTE, session.stoppedAt),
    complexResultsShared: true,
    individualResultsShared: false,
    passings: [],
  };
  state.testSessions.set(ts.id, ts);
  const free = ['Больше практики', 'Всё понятно, спасибо', 'Нужны примеры из нашей отрасли'];
  for (const p of state.participations.where('session', session.id)) {
    if (!p.visited) continue;
    const answers = test.questions.map((q) => {
      const base = { id: nextId(state, 'userAnswer'), questionId: q.id };
      if (q.allowCustomAnswer) {
        return grade(q, { ...base, answerIds: [], customAnswer: pick(rand, free) });
      }
      const right = q.answers.find((a) => a.isCorrect) ?? q.answers[0];
      const chosen = rand() < 0.7 && right ? right : pick(rand, q.answers);
      return grade(q, { ...base, answerIds: [chosen.id], customAnswer: null });
    });
    ts.passings.push({
      id: nextId(state, 'testPassing'),
      userId: userIdFor(state, p.email),
      email: p.email,
      name: p.name,
      secondName: p.secondName,
      startTime: startTime + randInt(rand, 10, 60) * 1000,
      endTime: startTime + randInt(rand, 90, 400) * 1000,
      answers,
    });
  }
}

function seedTest(state: SandboxState, owner: number, now: number): TestRec {
  const answer = (answerData: string, isCorrect = false, points = 0) => ({
    id: nextId(state, 'testAnswer'),
    answerData,
    isCorrect,
    points,
    order: 0,
    imageUrl: null,
  });
  const question = (
    order: number,
    questionData: string,
    answers: ReturnType<typeof answer>[],
    allowCustomAnswer = false,
  ) => ({
    id: nextId(state, 'testQuestion'),
    questionData,
    allowCustomAnswer,
    order,
    answers: answers.map((a, i) => ({ ...a, order: i + 1 })),
  });
  const test: TestRec = {
    id: nextId(state, 'test'),
    userId: owner,
    name: 'Проверка знаний по продукту',
    type: 'test',
    assessType: 'pointsSum',
    minPoints: 2,
    minAnswers: 0,
    duration: 0,
    questions: [
      question(1, 'Где найти запись вебинара?', [
        answer('В разделе «Записи»', true, 1),
        answer('В чате'),
        answer('Нигде'),
      ]),
      question(2, 'Сколько конвертаций MP4 можно запустить одновременно?', [
        answer('Одну', true, 1),
        answer('Пять'),
      ]),
      question(3, 'Что добавить в следующий вебинар?', [], true),
    ],
    createdAt: now - 30 * DAY,
    deleted: false,
  };
  state.tests.set(test.id, test);
  return test;
}
