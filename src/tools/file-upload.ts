// Upload into the file manager. UNVERIFIED: the API reference found no upload endpoint (api §8
// F10). This is the most plausible flow from its notes, kept in this one file so a correction
// stays small:
//   1. POST /fileSystem/files {name, parent?}  → a file object with `uploadUrl` on the storage
//      host (`…/api-storage/app.php/upload?token=…&extension=…`, SEEN ONCE on file objects);
//   2. POST the raw bytes to that uploadUrl (never with the API token: the URL carries its own);
//   3. GET /fileSystem/file/{id} → the stored file with its downloadUrl.
import { isAbsolute } from 'node:path';
import { z } from 'zod';
import { MAX_ID } from './fields.js';
import { uploadToStorage } from '../api/storage.js';
import type { ToolContext } from './define.js';
import { InputError } from './errors.js';
import { openAllowedFile } from './local-files.js';
import { type Row } from './rows.js';

/** Files above this are refused before anything is read or sent. */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
const MAX_BASE64_CHARS = Math.ceil(MAX_UPLOAD_BYTES / 3) * 4;
const MB = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

export const uploadInput = {
  name: z
    .string()
    .min(1)
    .max(255)
    .refine((s) => !/[/\\]/.test(s), 'no slashes')
    .describe('Name with extension, e.g. slides.pdf.'),
  localPath: z
    .string()
    .min(1)
    .max(4096)
    .optional()
    .describe(
      "Absolute path of a file in a folder the user shared: the client's roots, or MTSLINK_UPLOAD_DIR.",
    ),
  contentBase64: z
    .string()
    .min(1)
    .max(MAX_BASE64_CHARS)
    .optional()
    .describe('Or the content, base64.'),
  parentId: z
    .number()
    .int()
    .min(1)
    .max(MAX_ID)
    .optional()
    .describe('Folder id (list_files); default root.'),
};

interface UploadArgs {
  name: string;
  localPath?: string;
  contentBase64?: string;
  parentId?: number;
}

const tooBig = (field: string, size: number) =>
  new InputError(
    field,
    `the file is ${MB(size)}, above the ${MB(MAX_UPLOAD_BYTES)} upload limit of this server; upload it in the MTS Link web interface instead`,
  );

/** The bytes to send, checked against the limit before they are read into memory. */
async function readUploadBytes(args: UploadArgs, ctx: ToolContext): Promise<Uint8Array> {
  if ((args.localPath === undefined) === (args.contentBase64 === undefined)) {
    throw new InputError('localPath', 'give exactly one of localPath or contentBase64');
  }
  if (args.contentBase64 !== undefined) {
    const text = args.contentBase64.replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(text)) {
      throw new InputError('contentBase64', 'is not base64');
    }
    const bytes = Buffer.from(text, 'base64');
    if (bytes.length === 0) throw new InputError('contentBase64', 'decodes to an empty file');
    if (bytes.length > MAX_UPLOAD_BYTES) throw tooBig('contentBase64', bytes.length);
    return bytes;
  }
  const path = args.localPath as string;
  if (!isAbsolute(path)) throw new InputError('localPath', 'must be an absolute path');
  // Missing and forbidden read the same, so that nobody can learn what exists on this machine.
  const file = await openAllowedFile(path, (await ctx.allowedFolders?.()) ?? []);
  if (!file) {
    throw new InputError(
      'localPath',
      `no file this server may read at ${path}. Local files are read only inside the folders the user shared: the client's MCP roots (stdio) or the upload folder MTSLINK_UPLOAD_DIR. Otherwise send the content as contentBase64`,
    );
  }
  try {
    const { size } = await file.stat();
    if (size > MAX_UPLOAD_BYTES) throw tooBig('localPath', size);
    if (size === 0) throw new InputError('localPath', 'the file is empty');
    return await file.readFile();
  } finally {
    await file.close();
  }
}

export async function uploadFile(args: UploadArgs, ctx: ToolContext): Promise<Row> {
  const bytes = await readUploadBytes(args, ctx);
  const created = await ctx.client.request({
    method: 'POST',
    path: '/fileSystem/files',
    params: { name: args.name, parent: args.parentId },
    signal: ctx.signal,
  });
  const entry = (created.data ?? {}) as Row;
  const id = Number(entry.id);
  if (typeof entry.uploadUrl !== 'string' || !Number.isSafeInteger(id)) {
    throw new Error(
      'the API did not return an uploadUrl for the new file (upload flow unverified)',
    );
  }
  const dot = args.name.lastIndexOf('.');
  const extension = dot > 0 ? args.name.slice(dot + 1).toLowerCase() : '';
  const url = entry.uploadUrl.replace('{extension}', encodeURIComponent(extension));
  await uploadToStorage({ url, bytes, signal: ctx.signal });
  const stored = await ctx.client.request({
    method: 'GET',
    path: '/fileSystem/file/{fileId}',
    params: { fileId: id },
    signal: ctx.signal,
  });
  return (stored.data ?? { id }) as Row;
}
