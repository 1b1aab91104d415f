// upload_file reads a local file only inside a folder the user allowed: the client's MCP roots
// (when the client runs on this machine, i.e. over stdio) or the configured upload folder,
// after symlinks are resolved. A missing file and a forbidden one get the same answer.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness, type HarnessOptions } from '../helpers/harness.js';

let base: string;
let shared: string;
let secret: string;
let h: Harness | undefined;
beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'mtslink-local-'));
  shared = join(base, 'shared');
  const private_ = join(base, 'private');
  mkdirSync(shared);
  mkdirSync(private_);
  writeFileSync(join(shared, 'slides.pdf'), Buffer.alloc(1024, 1));
  secret = join(private_, '.env');
  writeFileSync(secret, 'MTSLINK_TOKEN=tok-from-the-server-machine\n');
  symlinkSync(secret, join(shared, 'innocent.pdf'));
});
afterAll(() => rmSync(base, { recursive: true, force: true }));
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** A harness whose client shares `roots` (file URIs) with the server. */
async function withRoots(roots: string[], opts: HarnessOptions = {}) {
  const harness = await createHarness({ capabilities: { roots: {} }, ...opts });
  harness.client.setRequestHandler('roots/list', async () => ({
    roots: roots.map((r) => ({ uri: pathToFileURL(r).href, name: 'project' })),
  }));
  return harness;
}

const upload = (harness: Harness, localPath: string) =>
  harness.call('upload_file', { name: 'x.pdf', localPath });

/** The refusal text without the path itself, to compare a missing and a forbidden file. */
const refusal = (text: string, path: string) => text.replaceAll(path, '<path>');

describe('upload_file localPath over stdio: the client roots', () => {
  it('reads a file inside a root', async () => {
    h = await withRoots([shared], { clientRoots: true });
    const res = await upload(h, join(shared, 'slides.pdf'));
    expect(res.isError, res.text).toBe(false);
    expect(res.json.size).toBe(1024);
  });

  it('refuses a file outside every root, and a missing one, with the same answer', async () => {
    h = await withRoots([shared], { clientRoots: true });
    const mark = h.sandbox.requests.length;
    const forbidden = await upload(h, secret);
    const missing = await upload(h, join(base, 'private', 'nothing-here.env'));
    expect(forbidden.isError).toBe(true);
    expect(missing.isError).toBe(true);
    expect(refusal(forbidden.text, secret)).toBe(
      refusal(missing.text, join(base, 'private', 'nothing-here.env')),
    );
    expect(forbidden.text).toMatch(/roots|MTSLINK_UPLOAD_DIR/);
    expect(h.requestsSince(mark)).toHaveLength(0);
    expect(JSON.stringify(h.sandbox.state.files)).not.toContain('tok-from-the-server-machine');
  });

  it('follows symlinks before deciding, and refuses .. escapes', async () => {
    h = await withRoots([shared], { clientRoots: true });
    const link = await upload(h, join(shared, 'innocent.pdf'));
    expect(link.isError).toBe(true);
    const dots = await upload(h, join(shared, '..', 'private', '.env'));
    expect(dots.isError).toBe(true);
    expect(refusal(link.text, join(shared, 'innocent.pdf'))).toBe(
      refusal(dots.text, join(shared, '..', 'private', '.env')),
    );
  });

  it('reads nothing when the client shares no roots and no upload folder is set', async () => {
    h = await createHarness({ clientRoots: true });
    const res = await upload(h, join(shared, 'slides.pdf'));
    expect(res.isError).toBe(true);
    expect(res.text).toContain('MTSLINK_UPLOAD_DIR');
  });
});

describe('upload_file localPath with a configured upload folder', () => {
  it('reads inside the folder, and ignores client roots where they are not this machine', async () => {
    h = await withRoots([base], { uploadDir: shared, clientRoots: false });
    expect((await upload(h, join(shared, 'slides.pdf'))).isError).toBe(false);
    const outside = await upload(h, secret);
    expect(outside.isError).toBe(true);
  });
});
