// Dependency rules from DESIGN.md §2, checked on the import statements of src/ (dynamic imports
// included), and no import cycles: none between files, none between areas.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '..', 'src');
const files = (readdirSync(SRC, { recursive: true }) as string[])
  .filter((f) => f.endsWith('.ts'))
  .map((f) => join(SRC, f));

interface Import {
  spec: string;
  /** `import type` / `export type`: erased, so it orders no module evaluation. */
  typeOnly: boolean;
}

// `import x from 'm'`, `import type {…} from 'm'`, `export {…} from 'm'`, `import 'm'`, `import('m')`.
const IMPORT =
  /\b(?:import|export)(\s+type\b)?[^'"`;]*?\bfrom\s+'([^']+)'|\bimport\s+'([^']+)'|\bimport\(\s*['`]([^'`$]+)['`]\s*\)/g;

const importsOf = (file: string): Import[] =>
  [...readFileSync(file, 'utf8').matchAll(IMPORT)].map((m) => ({
    spec: (m[2] ?? m[3] ?? m[4])!,
    typeOnly: Boolean(m[1]),
  }));
const rel = (file: string) => relative(SRC, file).replace(/\\/g, '/');
/** The top-level folder of src/, or the file itself for files at the root. */
const area = (file: string) => rel(file).split('/')[0]!;
/** The src/ file a relative import names, if it is one. */
const target = (from: string, spec: string) =>
  spec.startsWith('.') ? resolve(dirname(from), spec.replace(/\.js$/, '.ts')) : undefined;

/** Strongly connected components with more than one node (or a self-loop): the cycles. */
function cycles(graph: Map<string, Set<string>>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (stack.includes(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || graph.get(v)?.has(v)) found.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

function graphOf(keep: (i: Import) => boolean, node: (file: string) => string) {
  const graph = new Map<string, Set<string>>();
  for (const file of files) {
    const from = node(file);
    const edges = graph.get(from) ?? new Set<string>();
    graph.set(from, edges);
    for (const i of importsOf(file).filter(keep)) {
      const to = target(file, i.spec);
      if (to && files.includes(to) && node(to) !== from) edges.add(node(to));
    }
  }
  return graph;
}

describe('dependency rules', () => {
  it.each(files.map((f) => [rel(f), f]))('%s', (_rel, file) => {
    const imports = importsOf(file).map((i) => i.spec);
    const where = area(file);
    if (where === 'api') {
      expect(imports.filter((i) => i.startsWith('@modelcontextprotocol'))).toEqual([]);
    }
    if (where === 'tools' || where === 'workflows') {
      expect(imports).not.toContain('undici');
    }
    if (where === 'sandbox') {
      expect(imports.filter((i) => /\.\.\/(api|tools|workflows|toolsets)\//.test(i))).toEqual([]);
      // One package: RFC 5545 recurrence for event series (rrule).
      const packages = imports.filter((i) => !i.startsWith('.') && !i.startsWith('node:'));
      expect(packages.filter((i) => i !== 'rrule')).toEqual([]);
    }
    const sdkAllowed =
      ['server.ts', 'tools/register.ts', 'tools/confirm.ts', 'tools/missing-tool.ts'].includes(
        rel(file),
      ) || ['resources', 'prompts', 'transports'].includes(where);
    if (!sdkAllowed) {
      expect(imports.filter((i) => i.startsWith('@modelcontextprotocol'))).toEqual([]);
    }
  });

  it('sees static, type-only, re-export and dynamic imports', () => {
    const cli = importsOf(join(SRC, 'cli.ts'));
    expect(cli).toContainEqual({ spec: './sandbox/index.js', typeOnly: false }); // import()
    expect(cli).toContainEqual({ spec: './server.js', typeOnly: false });
    expect(cli).toContainEqual({ spec: './tools/listed.js', typeOnly: true });
    // A graph with a cycle is reported as one.
    const loop = new Map([
      ['a', new Set(['b'])],
      ['b', new Set(['c'])],
      ['c', new Set(['a'])],
      ['d', new Set(['a'])],
    ]);
    expect(cycles(loop)).toEqual([['a', 'b', 'c']]);
  });

  it('no module imports itself back at run time (static and dynamic imports)', () => {
    // Type-only imports are erased by the compiler and order no evaluation, so they may loop.
    expect(cycles(graphOf((i) => !i.typeOnly, rel))).toEqual([]);
  });

  it('no two areas depend on each other (tools ↔ workflows, config ↔ tools, …)', () => {
    expect(cycles(graphOf(() => true, area))).toEqual([]);
  });
});

describe('typed end to end', () => {
  it('no double cast (as unknown as) in the tools and workflows', () => {
    const casts = files
      .filter((f) => ['tools', 'workflows'].includes(area(f)))
      .filter((f) => readFileSync(f, 'utf8').includes('as unknown as'))
      .map(rel);
    expect(casts).toEqual([]);
  });
});

describe('Redis is loaded only with MTSLINK_REDIS_URL', () => {
  const staticImports = (file: string) =>
    [
      ...readFileSync(file, 'utf8').matchAll(
        /^(?:import|export)(?!\s+type)[^'"]*from\s+'([^']+)'/gm,
      ),
    ].map((m) => m[1]!);
  it('only shared-state/redis.ts loads @redis/client, and nothing imports it statically', () => {
    for (const file of files) {
      const rel = relative(SRC, file).replace(/\\/g, '/');
      const imports = staticImports(file);
      if (rel !== 'shared-state/redis.ts') expect(imports, rel).not.toContain('@redis/client');
      const resolved = imports.map((i) => relative(SRC, join(file, '..', i)).replace(/\\/g, '/'));
      expect(
        resolved.filter((i) => i === 'shared-state/redis.js'),
        rel,
      ).toEqual([]);
    }
  });
  it('the built entry reaches it only through a dynamic import', () => {
    const DIST = join(import.meta.dirname, '..', 'dist');
    const seen = new Set<string>();
    const walk = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const code = readFileSync(file, 'utf8');
      expect(code, relative(DIST, file)).not.toMatch(/^import[^;]*from\s*["']@redis\/client["']/m);
      for (const m of code.matchAll(/^import\s*(?:[^;]*?from\s*)?["'](\.[^"']+)["']/gm)) {
        walk(join(file, '..', m[1]!));
      }
    };
    walk(join(DIST, 'cli.js'));
    expect(seen.size).toBeGreaterThan(1);
    // …and the dynamic path does reach it (so this test can fail).
    const all = (readdirSync(join(DIST, 'chunks')) as string[]).map((f) =>
      readFileSync(join(DIST, 'chunks', f), 'utf8'),
    );
    expect(all.some((c) => /from\s*["']@redis\/client["']/.test(c))).toBe(true);
  });
});
