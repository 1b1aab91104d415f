// docs/api.md is the project's API reference (issue 13.7): every method a tool calls and every
// sandbox route has a row there, and every code a comment in src/ cites (E3a, S2, RE1…) is a row.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildRouter } from '../src/sandbox/routes/index.js';
import { ALL_TOOLS } from '../src/toolsets/all.js';

const ROOT = join(import.meta.dirname, '..');
const doc = readFileSync(join(ROOT, 'docs', 'api.md'), 'utf8');
const rows = doc.split('\n').filter((l) => l.startsWith('| '));
/** Row codes: the first cell of each table row (`| E3a | …`). */
const codes = new Set(rows.map((r) => r.split('|')[1]!.trim()));
const rowFor = (method: string, path: string) =>
  rows.find((r) => r.includes(`\`${method} ${path}\``));

describe('docs/api.md', () => {
  const toolEndpoints = ALL_TOOLS.flatMap(
    (t) =>
      t.kind === 'endpoint'
        ? [t.path, ...Object.values(t.paths ?? {})].map((p) => [t.method, p, t.name] as const)
        : [],
    // attach_file and list_attached_files pick /eventsessions/{id}/files or /events/{id}/files
    // when they run; their `path` is only a label (F3–F6 name them).
  ).filter(([, p]) => !p.startsWith('/eventsessions/files'));

  it.each(ALL_TOOLS.filter((t) => t.kind === 'workflow' && t.uses.length).map((t) => t.name))(
    'names the workflow %s beside the methods it uses',
    (name) => {
      expect(rows.some((r) => r.includes(`\`${name}\``))).toBe(true);
    },
  );

  it.each(toolEndpoints)('has a row for %s %s naming %s', (method, path, tool) => {
    const row = rowFor(method, path);
    expect(row, `${method} ${path}`).toBeDefined();
    expect(row).toContain(`\`${tool}\``);
  });

  const routes = (buildRouter() as unknown as { routes: { method: string; pattern: string }[] })
    .routes;
  it.each(routes.map((r) => [r.method, r.pattern] as const))(
    'has a row for the sandbox route %s %s',
    (method, pattern) => {
      const found = rowFor(method, pattern);
      expect(found, `${method} ${pattern}`).toBeDefined();
    },
  );

  const src = join(ROOT, 'src');
  const cited = new Set(
    (readdirSync(src, { recursive: true }) as string[])
      .filter((f) => f.endsWith('.ts'))
      .flatMap((f) => [
        ...readFileSync(join(src, f), 'utf8').matchAll(
          /\b(E|P|C|R|CH|Q|F|T|S|M|A|W|RE|OA)\d{1,2}[a-z]?\b/g,
        ),
      ])
      .map((m) => m[0]),
  );
  it.each([...cited].sort())('defines the code %s cited in src/', (code) => {
    expect(codes.has(code), code).toBe(true);
  });
});
