// `npm run build`: esbuild bundles of src/ (type checking is `npm run typecheck`).
// - dist/cli.js + dist/chunks/: the shipped server, one bundle split where the CLI loads code
//   on demand (a toolset, the sandbox, the HTTP transport), dependencies left to node_modules.
// - dist/dev/: entry points the benchmarks import (the sandbox, the token report); never shipped.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  splitting: true,
  packages: 'external',
  sourcemap: 'external',
  chunkNames: 'chunks/[name]-[hash]',
  logLevel: 'warning',
};

rmSync(`${root}dist`, { recursive: true, force: true });
await Promise.all([
  build({ ...common, entryPoints: ['src/cli.ts'], outdir: 'dist', entryNames: '[name]' }),
  build({
    ...common,
    entryPoints: ['src/sandbox/index.ts', 'src/toolsets/token-report.ts'],
    outdir: 'dist/dev',
    outbase: 'src',
  }),
]);
