// Local files only where the user allowed them: inside the client's MCP roots (only when the
// client runs on this machine, i.e. over stdio) or inside the configured upload folder
// (MTSLINK_UPLOAD_DIR). Paths are compared after symlinks are resolved, and a file that is
// missing gets the same answer as one that is forbidden, so a caller cannot probe the disk.
import { constants } from 'node:fs';
import { open, realpath, type FileHandle } from 'node:fs/promises';
import { isAbsolute, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface LocalFilePolicy {
  /** A folder the operator allowed (MTSLINK_UPLOAD_DIR). */
  uploadDir?: string;
  /** The client's roots name folders of this machine (stdio); over HTTP they do not. */
  clientRoots?: boolean;
}

type ListRoots = () => Promise<{ roots: { uri: string }[] }>;

/** The folders a local path may be in: the upload folder and, where they count, the roots. */
export async function allowedFolders(
  policy: LocalFilePolicy,
  listRoots: ListRoots | undefined,
): Promise<string[]> {
  const folders = policy.uploadDir ? [policy.uploadDir] : [];
  if (!policy.clientRoots || !listRoots) return folders;
  const roots = await listRoots().catch(() => ({ roots: [] }));
  for (const { uri } of roots.roots) {
    if (!uri.startsWith('file:')) continue;
    try {
      folders.push(fileURLToPath(uri));
    } catch {
      // A malformed root allows nothing.
    }
  }
  return folders;
}

const isInside = (folder: string, file: string) => {
  const rel = relative(folder, file);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
};

/**
 * Opens `path` for reading if, once every symlink is resolved, it is a regular file inside one
 * of `folders` (also resolved); otherwise undefined, whatever the reason. The resolved path is
 * opened without following a final symlink, so a link swapped in after the check is refused.
 */
export async function openAllowedFile(
  path: string,
  folders: string[],
): Promise<FileHandle | undefined> {
  if (!isAbsolute(path) || folders.length === 0) return undefined;
  const real = await realpath(path).catch(() => undefined);
  if (!real) return undefined;
  const realFolders = await Promise.all(folders.map((f) => realpath(f).catch(() => undefined)));
  if (!realFolders.some((folder) => folder !== undefined && isInside(folder, real))) {
    return undefined;
  }
  const handle = await open(real, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0)).catch(
    () => undefined,
  );
  if (!handle) return undefined;
  const info = await handle.stat().catch(() => undefined);
  if (info?.isFile()) return handle;
  await handle.close();
  return undefined;
}
