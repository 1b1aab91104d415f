// `npm run bench:package`: what a user downloads and installs. Packs the package, installs the
// tarball into an empty folder without dev dependencies, measures node_modules, builds the MCPB
// bundle, and rewrites the "Package size" section of BENCHMARKS.md (bench/run.mjs keeps it).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'mtslink-size-'));
const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: 'pipe' });
const mb = (bytes) => (bytes / 1e6).toFixed(1);

try {
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
  const [packed] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', work], root));
  const app = join(work, 'app');
  mkdirSync(app);
  run('npm', ['init', '-y'], app);
  run(
    'npm',
    ['install', '--omit=dev', '--no-audit', '--no-fund', join(work, packed.filename)],
    app,
  );
  // Disk use as `du` counts it (1 KiB blocks), as a user would see it.
  const installed =
    Number(run('du', ['-sk', join(app, 'node_modules')], app).split('\t')[0]) * 1024;
  const mcpb = join(work, 'mtslink-mcp.mcpb');
  execFileSync(process.execPath, [join(root, 'scripts', 'build-mcpb.mjs'), mcpb], {
    cwd: root,
    stdio: 'inherit',
  });
  const now = new Date().toISOString().slice(0, 10);
  const section = `## Package size

Produced by \`npm run bench:package\` (\`node scripts/package-size.mjs\`) on ${now}, Node ${process.version}.
Targets: DESIGN.md §5.

| what | measured | target | how |
| --- | --- | --- | --- |
| npm tarball | ${mb(packed.size)} MB, ${packed.entryCount} files (${mb(packed.unpackedSize)} MB unpacked) | | \`npm pack\` |
| installed, production dependencies | ${mb(installed)} MB | ≤ 30 MB | \`npm install --omit=dev <tarball>\` into an empty folder, \`du -sk node_modules\` |
| MCPB bundle | ${mb(statSync(mcpb).size)} MB | ≤ 6 MB | \`npm run build:mcpb\` |

Before issue 17 (same commands, 2026-11-29): installed 86.7 MB (57 MB of it \`gpt-tokenizer\`, used
only by the \`tools\` report), MCPB 17.2 MB, tarball 0.6 MB with 300 files (228 of them per-module
compiler output that nothing loaded). Now the tokenizer is a development dependency (the report
counts where it is installed, as in a clone), only the bundled CLI ships, and the libraries are
bundled into it except the four in \`dependencies\` (qs, undici, resvg's WebAssembly, the chart's
fonts). With the libraries left in node_modules the install was 36.2 MB after the chart and
export libraries (about 9 MB) came in.
`;
  const file = join(root, 'BENCHMARKS.md');
  const text = readFileSync(file, 'utf8');
  // Replaces its own section, wherever it is; the others stay.
  const start = text.indexOf('## Package size');
  const end = start < 0 ? -1 : text.indexOf('\n## ', start);
  const before = (start < 0 ? text : text.slice(0, start)).trimEnd();
  const after = end < 0 ? '' : `\n${text.slice(end + 1)}`;
  writeFileSync(file, `${before}\n\n${section}${after}`);
  process.stdout.write(section);
} finally {
  rmSync(work, { recursive: true, force: true });
}
