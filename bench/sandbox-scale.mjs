// The sandbox at scale (DESIGN.md §5, issue 16): one `mtslink-mcp sandbox` process per
// organisation size, filled to N participations through the API (invites of 50 into webinars of
// up to 5,000 people); then invites of 50 new people timed against a fresh webinar, taking turns
// across the processes, and each process's resident memory. Figures only; nothing here asserts.
// Needs `npm run build` first (runs dist/cli.js).
// Run alone: node bench/sandbox-scale.mjs [--write]   (--write updates its BENCHMARKS.md section)
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Pool } from 'undici';
import { startSandbox } from '../dist/dev/sandbox/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = `${root}dist/cli.js`;
const TOKEN = 'bench-token';
const PER_INVITE = 50;
const PER_WEBINAR = 5_000;
const FILL_CONCURRENCY = 4;
/** Invites every process serves (into a webinar deleted afterwards) before it is filled. */
const WARMUP_INVITES = 200;
const WARMUP = 5;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round1 = (n) => Math.round(n * 10) / 10;

/** The simulator alone, as `npm run bench` and users run it, with no environment knobs. */
async function sandboxProcess() {
  const child = spawn(process.execPath, [cli, 'sandbox', '--port', '0', '--token', TOKEN], {
    env: { PATH: process.env.PATH },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const url = await new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`sandbox exited with ${code}`)));
    child.stderr.on('data', (d) => {
      const m = /(http:\/\/\S+)\/v3/.exec(String(d));
      if (m) resolve(m[1]);
    });
  });
  const pool = new Pool(url, { connections: FILL_CONCURRENCY + 1 });
  const call = async (method, path, form) => {
    const res = await pool.request({
      method,
      path: `/v3${path}`,
      headers: { 'x-auth-token': TOKEN, 'content-type': 'application/x-www-form-urlencoded' },
      body: form ? new URLSearchParams(form).toString() : undefined,
    });
    const text = await res.body.text();
    if (res.statusCode >= 300) throw new Error(`${method} ${path}: ${res.statusCode} ${text}`);
    return text ? JSON.parse(text) : undefined;
  };
  const memory = () => {
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    const mb = (key) => round1(Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1]) / 1024);
    return { rssMb: mb('VmRSS'), peakRssMb: mb('VmHWM') };
  };
  const close = async () => {
    await pool.close();
    child.kill();
  };
  return { call, memory, close };
}

/** A new single webinar in the future; returns its session id. */
async function newWebinar(call, name, day) {
  const { eventId } = await call('POST', '/events', {
    name,
    'accessSettings[isPasswordRequired]': '0',
    'accessSettings[isRegistrationRequired]': '1',
    'accessSettings[isModerationRequired]': '0',
  });
  const { eventSessionId } = await call('POST', `/events/${eventId}/sessions`, {
    'startsAt[date][year]': '2030',
    'startsAt[date][month]': String(1 + (day % 12)),
    'startsAt[date][day]': String(1 + (day % 28)),
    'startsAt[time][hour]': '11',
    'startsAt[time][minute]': '0',
  });
  return eventSessionId;
}

function inviteForm(tag, from) {
  const form = {};
  for (let i = 0; i < PER_INVITE; i++) {
    const n = from + i;
    form[`users[${i}][email]`] = `${tag}.${n}@scale.example`;
    form[`users[${i}][name]`] = `Имя${n}`;
    form[`users[${i}][secondName]`] = `Фамилия${n}`;
  }
  return form;
}

/** Registrations the seeded demo organisation already holds (seed 1, as the CLI's default). */
async function seededParticipations() {
  const seeded = await startSandbox({ seed: 1 });
  const size = seeded.state.participations.size;
  await seeded.close();
  return size;
}

/** Invites of 50 from `jobs` ({ sessionId, tag, from }), a few requests in flight. */
async function inviteAll(call, jobs) {
  const queue = [...jobs];
  await Promise.all(
    Array.from({ length: FILL_CONCURRENCY }, async () => {
      for (let job = queue.shift(); job; job = queue.shift()) {
        await call('POST', `/eventsessions/${job.sessionId}/invite`, inviteForm(job.tag, job.from));
      }
    }),
  );
}

/**
 * A sandbox process holding `size` registrations (or the seeded ones, when more), warmed up
 * like every other: the same invites into a scratch webinar that is then deleted, so that JIT
 * and heap are in the same state whatever the size.
 */
async function prepare(size, seeded) {
  const sandbox = await sandboxProcess();
  const { call } = sandbox;
  const scratch = await newWebinar(call, 'Warm-up', 0);
  const warm = Array.from({ length: WARMUP_INVITES }, (_, k) => ({
    sessionId: scratch,
    tag: 'warm',
    from: k * PER_INVITE,
  }));
  await inviteAll(call, warm);
  await call('DELETE', `/eventsessions/${scratch}`);
  const invites = Math.ceil(Math.max(0, size - seeded) / PER_INVITE);
  const jobs = [];
  let sessionId = 0;
  for (let k = 0; k < invites; k++) {
    if ((k * PER_INVITE) % PER_WEBINAR === 0) {
      sessionId = await newWebinar(call, `Fill ${k}`, k / (PER_WEBINAR / PER_INVITE));
    }
    jobs.push({ sessionId, tag: 'fill', from: k * PER_INVITE });
  }
  const started = performance.now();
  await inviteAll(call, jobs);
  const fillSeconds = round1((performance.now() - started) / 1000);
  const target = await newWebinar(call, 'Timed', 0);
  return { sandbox, participations: seeded + invites * PER_INVITE, fillSeconds, target };
}

/** One timed invite of 50 new people into the process's fresh webinar, in ms. */
async function timedInvite(prepared, round) {
  const form = inviteForm('timed', round * PER_INVITE);
  const started = performance.now();
  const added = await prepared.sandbox.call(
    'POST',
    `/eventsessions/${prepared.target}/invite`,
    form,
  );
  const ms = performance.now() - started;
  if (added.length !== PER_INVITE) throw new Error(`invite added ${added.length} people`);
  return ms;
}

/**
 * `{ rounds, seeded, sizes: [{ participations, inviteMs, inviteMsRange, fillSeconds, rssMb,
 * peakRssMb }] }`. The timed invites take turns across the sizes' processes, so that the
 * machine's noise falls on every size alike.
 */
export async function benchSandboxScale({
  sizes = [10_000, 50_000, 100_000],
  rounds = Number(process.env.BENCH_SCALE_ROUNDS ?? 25),
} = {}) {
  const seeded = await seededParticipations();
  const prepared = [];
  try {
    for (const size of sizes) prepared.push(await prepare(size, seeded));
    const times = prepared.map(() => []);
    for (let r = 0; r < WARMUP + rounds; r++) {
      for (const [i, p] of prepared.entries()) {
        const ms = await timedInvite(p, r);
        if (r >= WARMUP) times[i].push(ms);
      }
    }
    const out = prepared.map((p, i) => ({
      participations: p.participations,
      inviteMs: Math.round(median(times[i]) * 100) / 100,
      inviteMsRange: [Math.min(...times[i]), Math.max(...times[i])].map(round1),
      fillSeconds: p.fillSeconds,
      ...p.sandbox.memory(),
    }));
    return { rounds, seeded, sizes: out };
  } finally {
    for (const p of prepared) await p.sandbox.close();
  }
}

const HEADING = '## Sandbox at scale';

/** The BENCHMARKS.md section for these figures (run.mjs appends it to the page). */
export function sandboxScaleSection({ rounds, seeded, sizes }) {
  const first = sizes[0];
  const last = sizes.at(-1);
  const rows = sizes.map(
    (s) =>
      `| ${s.participations.toLocaleString('en-US')} | ${s.inviteMs} ms (${s.inviteMsRange.join('–')}) | ${fmt(s.inviteMs / first.inviteMs)}x | ${s.rssMb} MB | ${s.peakRssMb} MB | ${s.fillSeconds} s |`,
  );
  return `${HEADING}

Command: \`npm run build && node bench/sandbox-scale.mjs --write\` (also part of \`npm run bench\`).
One \`mtslink-mcp sandbox\` process per size, all running at once. Each is warmed up alike
(${WARMUP_INVITES} invites of 50 into a webinar that is then deleted), then the seeded demo organisation
(${seeded.toLocaleString('en-US')} registrations) is filled through the API with invites of 50 (webinars of up to
${PER_WEBINAR.toLocaleString('en-US')} people, ${FILL_CONCURRENCY} requests in flight). Timed: invites of 50 new people into a fresh webinar,
taking turns across the processes so that machine noise falls on every size alike; median of
${rounds} after ${WARMUP} untimed turns (fastest–slowest in brackets), over loopback HTTP. Memory is read
from \`/proc\` at the end: resident now, and the process's peak.

| participations in the organisation | invite of 50 | vs smallest | RSS | peak RSS | fill time |
| --- | --- | --- | --- | --- | --- |
${rows.join('\n')}

Targets (issue 16): invite time flat within 1.5x from 10k to 100k (here ${fmt(last.inviteMs / first.inviteMs)}x);
RSS at 100k ≤ 250 MB (here ${last.rssMb} MB, peak ${last.peakRssMb} MB).
`;
}

const fmt = (n) => n.toFixed(2);

/** Replaces (or appends) this section of BENCHMARKS.md, leaving the rest of the page alone. */
function writeSection(section) {
  const file = `${root}BENCHMARKS.md`;
  const page = readFileSync(file, 'utf8');
  const start = page.indexOf(HEADING);
  if (start < 0) {
    writeFileSync(file, `${page.trimEnd()}\n\n${section}`);
    return;
  }
  const next = page.indexOf('\n## ', start + HEADING.length);
  const rest = next < 0 ? '' : page.slice(next + 1);
  writeFileSync(file, `${page.slice(0, start)}${section}${rest ? `\n${rest}` : ''}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const figures = await benchSandboxScale();
  const section = sandboxScaleSection(figures);
  process.stderr.write(`${JSON.stringify(figures, null, 2)}\n`);
  process.stdout.write(section);
  if (process.argv.includes('--write')) writeSection(section);
}
