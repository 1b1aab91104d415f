// Dependency rules from DESIGN.md §2, checked on the import statements of src/.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '..', 'src');
const files = (readdirSync(SRC, { recursive: true }) as string[])
  .filter((f) => f.endsWith('.ts'))
  .map((f) => join(SRC, f));
const importsOf = (file: string) =>
  [...readFileSync(file, 'utf8').matchAll(/(?:import|export)[^'"]*from\s+'([^']+)'/g)].map(
    (m) => m[1]!,
  );
const area = (file: string) => relative(SRC, file).split(/[\\/]/)[0];

describe('dependency rules', () => {
  it.each(files.map((f) => [relative(SRC, f), f]))('%s', (_rel, file) => {
    const imports = importsOf(file);
    const where = area(file);
    if (where === 'api') {
      expect(imports.filter((i) => i.startsWith('@modelcontextprotocol'))).toEqual([]);
    }
    if (where === 'tools' || where === 'workflows') {
      expect(imports).not.toContain('undici');
    }
    if (where === 'sandbox') {
      expect(imports.filter((i) => /\.\.\/(api|tools|workflows)\//.test(i))).toEqual([]);
      // One package: RFC 5545 recurrence for event series (rrule).
      const packages = imports.filter((i) => !i.startsWith('.') && !i.startsWith('node:'));
      expect(packages.filter((i) => i !== 'rrule')).toEqual([]);
    }
    const sdkAllowed =
      ['server.ts', 'tools/register.ts', 'tools/confirm.ts'].includes(
        relative(SRC, file).replace(/\\/g, '/'),
      ) || ['resources', 'prompts', 'transports'].includes(where ?? '');
    if (!sdkAllowed) {
      expect(imports.filter((i) => i.startsWith('@modelcontextprotocol'))).toEqual([]);
    }
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
