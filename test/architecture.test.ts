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
