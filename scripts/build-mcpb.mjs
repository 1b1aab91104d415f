// `npm run build:mcpb`: packs the built server with its production dependencies into
// mtslink-mcp.mcpb, a one-click bundle for Claude Desktop. Run `npm run build` first.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const stage = join(root, '.mcpb-build');
const out = process.argv[2] ?? join(root, 'mtslink-mcp.mcpb');
const mcpb = join(root, 'node_modules', '@anthropic-ai', 'mcpb', 'dist', 'cli', 'cli.js');
const run = (cmd, args, cwd = root) =>
  execFileSync(cmd, args, { cwd, stdio: ['ignore', 'ignore', 'inherit'] });

if (!existsSync(join(root, 'dist', 'cli.js'))) {
  console.error('build:mcpb: dist/ is missing; run npm run build first');
  process.exit(1);
}
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const manifest = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8'));
if (manifest.version !== pkg.version) {
  console.error(
    `build:mcpb: manifest.json version ${manifest.version} != package.json ${pkg.version}`,
  );
  process.exit(1);
}

rmSync(stage, { recursive: true, force: true });
mkdirSync(stage);
for (const file of ['manifest.json', 'package.json', 'package-lock.json', 'README.md', 'LICENSE']) {
  cpSync(join(root, file), join(stage, file));
}
// What the npm package ships of dist/: the bundled CLI and its chunks (no maps, no dev entries).
cpSync(join(root, 'dist', 'cli.js'), join(stage, 'dist', 'cli.js'));
cpSync(join(root, 'dist', 'chunks'), join(stage, 'dist', 'chunks'), {
  recursive: true,
  filter: (src) => !src.endsWith('.map'),
});
// Production dependencies only, exactly as locked.
run('npm', ['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'], stage);
run(process.execPath, [mcpb, 'validate', join(stage, 'manifest.json')]);
run(process.execPath, [mcpb, 'pack', stage, out]);
rmSync(stage, { recursive: true, force: true });
process.stderr.write(`build:mcpb: wrote ${out}\n`);
