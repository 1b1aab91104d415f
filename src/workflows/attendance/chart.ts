// The report's chart: people online per minute of one session (the registrations as a line
// above, the peak marked), or registered and came per session for an event or a period. The SVG
// is drawn from d3-scale ticks and d3-shape paths; PNG comes from resvg (WebAssembly, no native
// build, no browser) with PT Sans, a Cyrillic font, so the picture is the same on every machine.
// Both libraries load on the first chart only.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { scaleBand, scaleLinear } from 'd3-scale';
import { area, curveStepAfter } from 'd3-shape';
import { localeFor, type Locale } from './locale.js';
import { clockAt } from './markdown.js';
import type { Report } from './schema.js';

export const CHART_WIDTH = 800;
export const CHART_HEIGHT = 400;
/** Plot area inside the picture; exported so tests can read values back from pixels. */
export const PLOT = { left: 64, right: 776, top: 56, bottom: 348 };
export const COLORS = {
  online: '#2f6fdf',
  registered: '#e0542b',
  attended: '#2f6fdf',
  peak: '#c0162b',
  grid: '#dddddd',
  text: '#222222',
};

export interface Chart {
  kind: 'online-by-minute' | 'attendance-by-session';
  svg: string;
  /** The y value at the top of the plot area (the axis maximum). */
  yMax: number;
}

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function frame(title: string, body: string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CHART_WIDTH}" height="${CHART_HEIGHT}" viewBox="0 0 ${CHART_WIDTH} ${CHART_HEIGHT}" font-family="PT Sans" font-size="13">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="${PLOT.left}" y="28" font-size="17" font-weight="bold" fill="${COLORS.text}">${esc(title)}</text>`,
    ...body,
    '</svg>',
  ].join('\n');
}

function yAxis(l: Locale, y: (v: number) => number, ticks: number[]): string[] {
  return ticks.flatMap((t) => [
    `<line x1="${PLOT.left}" x2="${PLOT.right}" y1="${y(t)}" y2="${y(t)}" stroke="${COLORS.grid}"/>`,
    `<text x="${PLOT.left - 6}" y="${y(t) + 4}" text-anchor="end" fill="${COLORS.text}">${esc(l.num(t))}</text>`,
  ]);
}

/** One session: the area of people online per minute, registrations and the peak marked. */
function onlineChart(r: Report, l: Locale): Chart | undefined {
  const online = r.joinLeave?.onlineByMinute ?? [];
  const session = r.sessions?.[0];
  if (online.length < 2 || !session) return undefined;
  const registered = r.registrations?.total ?? 0;
  const peak = r.joinLeave?.peak ?? { minute: 0, online: 0 };
  const x = scaleLinear().domain([0, online.length]).range([PLOT.left, PLOT.right]);
  const y = scaleLinear()
    .domain([0, Math.max(registered, peak.online, 1) * 1.08])
    .range([PLOT.bottom, PLOT.top])
    .nice();
  const yMax = y.domain()[1] as number;
  // One step per minute: the value holds from minute m to m + 1.
  const points: Array<[number, number]> = online.map((v, m) => [m, v]);
  points.push([online.length, online[online.length - 1] ?? 0]);
  const path = area<[number, number]>()
    .x(([m]) => x(m))
    .y0(PLOT.bottom)
    .y1(([, v]) => y(v))
    .curve(curveStepAfter)(points);
  const step = [5, 10, 15, 30, 60, 120].find((s) => online.length / s <= 10) ?? 240;
  const xTicks: string[] = [];
  for (let m = 0; m <= online.length; m += step) {
    const label = clockAt(session.startsAt, m) || `${m}′`;
    xTicks.push(
      `<line x1="${x(m)}" x2="${x(m)}" y1="${PLOT.bottom}" y2="${PLOT.bottom + 5}" stroke="${COLORS.text}"/>`,
      `<text x="${x(m)}" y="${PLOT.bottom + 20}" text-anchor="middle" fill="${COLORS.text}">${label}</text>`,
    );
  }
  const px = x(peak.minute + 0.5);
  const py = y(peak.online);
  const peakLabel = `${l.w.chartPeak} ${l.num(peak.online)}, ${clockAt(session.startsAt, peak.minute) || `${peak.minute}′`}`;
  const anchor = px > (PLOT.left + PLOT.right) / 2 ? 'end' : 'start';
  const title = `${l.w.chartOnline}: ${session.name ?? ''}, ${l.day(session.startsAt)}`;
  return {
    kind: 'online-by-minute',
    yMax,
    svg: frame(title, [
      ...yAxis(l, y, y.ticks(6)),
      `<path d="${path}" fill="${COLORS.online}" fill-opacity="0.85" data-series="online"/>`,
      `<line x1="${PLOT.left}" x2="${PLOT.right}" y1="${y(registered)}" y2="${y(registered)}" stroke="${COLORS.registered}" stroke-width="2" stroke-dasharray="6 4" data-registered="${registered}"/>`,
      `<text x="${PLOT.right}" y="${y(registered) - 6}" text-anchor="end" fill="${COLORS.registered}">${esc(`${l.w.chartRegistered}: ${l.num(registered)}`)}</text>`,
      `<circle cx="${px}" cy="${py}" r="5" fill="${COLORS.peak}" data-peak-minute="${peak.minute}" data-peak-online="${peak.online}"/>`,
      `<text x="${px + (anchor === 'end' ? -9 : 9)}" y="${py - 8}" text-anchor="${anchor}" font-weight="bold" fill="${COLORS.peak}">${esc(peakLabel)}</text>`,
      `<line x1="${PLOT.left}" x2="${PLOT.right}" y1="${PLOT.bottom}" y2="${PLOT.bottom}" stroke="${COLORS.text}"/>`,
      ...xTicks,
    ]),
  };
}

/** Several sessions: registered (outline) and came (filled) per session, oldest first. */
function sessionsChart(r: Report, l: Locale): Chart | undefined {
  const sessions = r.sessions ?? [];
  if (sessions.length < 2) return undefined;
  const x = scaleBand<number>()
    .domain(sessions.map((_, i) => i))
    .range([PLOT.left, PLOT.right])
    .paddingInner(0.25)
    .paddingOuter(0.1);
  const top = Math.max(1, ...sessions.map((s) => Math.max(s.registered ?? 0, s.attended ?? 0)));
  const y = scaleLinear()
    .domain([0, top * 1.08])
    .range([PLOT.bottom, PLOT.top])
    .nice();
  const bars = sessions.flatMap((s, i) => {
    const left = x(i) ?? 0;
    const w = x.bandwidth();
    const reg = s.registered ?? 0;
    const came = s.attended ?? 0;
    return [
      `<rect x="${left}" y="${y(reg)}" width="${w}" height="${PLOT.bottom - y(reg)}" fill="none" stroke="${COLORS.registered}" stroke-width="2" data-session="${s.eventSessionId}" data-registered="${reg}"/>`,
      `<rect x="${left}" y="${y(came)}" width="${w}" height="${PLOT.bottom - y(came)}" fill="${COLORS.attended}" data-session="${s.eventSessionId}" data-attended="${came}"/>`,
    ];
  });
  const every = Math.ceil(sessions.length / 12);
  const labels = sessions.flatMap((s, i) =>
    i % every === 0
      ? [
          `<text x="${(x(i) ?? 0) + x.bandwidth() / 2}" y="${PLOT.bottom + 20}" text-anchor="middle" fill="${COLORS.text}">${esc(
            l
              .day(s.startsAt)
              .replace(/\.\d{4}$/, '')
              .replace(/ \d{4}$/, ''),
          )}</text>`,
        ]
      : [],
  );
  const legend = [
    `<rect x="${PLOT.right - 230}" y="14" width="14" height="14" fill="none" stroke="${COLORS.registered}" stroke-width="2"/>`,
    `<text x="${PLOT.right - 210}" y="26" fill="${COLORS.text}">${esc(l.w.chartRegistered)}</text>`,
    `<rect x="${PLOT.right - 100}" y="14" width="14" height="14" fill="${COLORS.attended}"/>`,
    `<text x="${PLOT.right - 80}" y="26" fill="${COLORS.text}">${esc(l.w.chartAttended)}</text>`,
  ];
  return {
    kind: 'attendance-by-session',
    yMax: y.domain()[1] as number,
    svg: frame(l.w.chartSessions, [
      ...yAxis(l, y, y.ticks(6)),
      ...bars,
      `<line x1="${PLOT.left}" x2="${PLOT.right}" y1="${PLOT.bottom}" y2="${PLOT.bottom}" stroke="${COLORS.text}"/>`,
      ...labels,
      ...legend,
    ]),
  };
}

export function chartOf(r: Report): Chart | undefined {
  const l = localeFor(r.lang === 'en' ? 'en' : 'ru');
  return r.sessionsTotal === 1 ? onlineChart(r, l) : sessionsChart(r, l);
}

let renderer: Promise<{ toPng: (svg: string) => Uint8Array }> | undefined;

/**
 * resvg's WebAssembly module and the fonts, loaded once per process on the first chart (about
 * 80 MB of RSS once, measured in BENCHMARKS.md; flat afterwards). A worker thread per chart was
 * tried to give that memory back: RSS stayed as high and each chart took 5-20x longer.
 */
function loadRenderer() {
  return (renderer ??= (async () => {
    const require = createRequire(import.meta.url);
    const resvg = await import('@resvg/resvg-wasm');
    const [wasm, regular, bold] = await Promise.all([
      readFile(require.resolve('@resvg/resvg-wasm/index_bg.wasm')),
      readFile(require.resolve('@expo-google-fonts/pt-sans/400Regular/PTSans_400Regular.ttf')),
      readFile(require.resolve('@expo-google-fonts/pt-sans/700Bold/PTSans_700Bold.ttf')),
    ]);
    await resvg.initWasm(wasm);
    const font = {
      fontBuffers: [new Uint8Array(regular), new Uint8Array(bold)],
      defaultFontFamily: 'PT Sans',
      loadSystemFonts: false,
    };
    return {
      toPng: (svg: string) => {
        // Both objects live in WebAssembly memory: free them, or every chart stays there.
        const tree = new resvg.Resvg(svg, { font });
        const image = tree.render();
        try {
          return image.asPng();
        } finally {
          image.free();
          tree.free();
        }
      },
    };
  })());
}

export async function renderPng(svg: string): Promise<Uint8Array> {
  return (await loadRenderer()).toPng(svg);
}
