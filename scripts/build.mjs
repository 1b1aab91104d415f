// `npm run build`: esbuild bundles of src/ (type checking is `npm run typecheck`).
// - dist/cli.js + dist/chunks/: the shipped server, one bundle split where the CLI loads code
//   on demand (a toolset, the sandbox, the HTTP transport). The libraries are bundled in, except
//   package.json's `dependencies`, installed with the package: qs (loaded through
//   createRequire), undici (loaded on demand; its CommonJS named exports do not survive a
//   bundled dynamic import), resvg's WebAssembly and the chart's fonts (read as files).
//   gpt-tokenizer stays out too: `mtslink-mcp tools` loads it only where it is installed.
//   The served tools' tools/list entries are computed here, from the tool definitions, and
//   embedded as __TOOL_LISTINGS__ (src/toolsets/index.ts): a start-up then builds no zod schema
//   and no JSON Schema, and loads a toolset only when one of its tools is called.
// - dist/dev/: entry points the benchmarks import (the sandbox, the token report, the chart)
//   and the listings' generator; never shipped.
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';
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

const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));
const external = [...Object.keys(pkg.dependencies), 'gpt-tokenizer', 'gpt-tokenizer/*'];

rmSync(`${root}dist`, { recursive: true, force: true });
await build({
  ...common,
  entryPoints: [
    'src/sandbox/index.ts',
    'src/toolsets/token-report.ts',
    'src/toolsets/listing.ts',
    'src/workflows/attendance/chart.ts',
  ],
  outdir: 'dist/dev',
  outbase: 'src',
});
const { toolsetListings } = await import(`${root}dist/dev/toolsets/listing.js`);
await build({
  ...common,
  entryPoints: ['src/cli.ts'],
  outdir: 'dist',
  entryNames: '[name]',
  packages: undefined,
  external,
  define: { __TOOL_LISTINGS__: JSON.stringify(await toolsetListings()) },
  // Bundled CommonJS libraries call require() for Node's own modules; ESM has none.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
});
