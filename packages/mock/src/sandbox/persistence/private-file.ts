// Files that hold a secret (the state file holds the key every activation code is derived
// from): written readable by the owner only, through a temporary file nobody can plant or
// predict, and never read while others can read them too.
import { randomBytes } from "node:crypto";
import { constants } from "node:fs";
import { type FileHandle, open, rename, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/** The permissions of a private file: read and write for the owner, nothing for anyone else. */
export const privateFileMode = 0o600;

// O_EXCL refuses any existing path, a symlink included, so nothing planted at the temporary
// name is ever written through; O_NOFOLLOW says the same again where the platform has it.
const exclusiveCreate =
  constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);

/**
 * Replaces `file` with `chunks`, atomically and readable by the owner only: a new temporary
 * file with an unpredictable name in the same folder, synced, then renamed over `file`.
 */
export async function writePrivateFile(file: string, chunks: readonly string[]): Promise<void> {
  const directory = dirname(file);
  const temporary = join(directory, `.${basename(file)}.${randomBytes(12).toString("hex")}.tmp`);
  const handle = await open(temporary, exclusiveCreate, privateFileMode);
  let closed = false;
  let renamed = false;
  try {
    for (const chunk of chunks) {
      const bytes = Buffer.from(chunk, "utf8");
      let offset = 0;
      while (offset < bytes.length) {
        const { bytesWritten } = await handle.write(bytes, offset);
        offset += bytesWritten;
      }
    }
    // Synced before the rename, so a crash leaves the old file or the whole new one.
    await handle.sync();
    await handle.close();
    closed = true;
    await rename(temporary, file);
    renamed = true;
  } finally {
    if (!closed) await handle.close().catch(() => {});
    if (!renamed) await unlink(temporary).catch(() => {});
  }
  await syncDirectory(directory);
}

/** Makes the rename itself durable; not every platform can open a folder, which is fine. */
async function syncDirectory(directory: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(directory, "r");
    await handle.sync();
  } catch {
    // Best effort: the data itself was synced before the rename.
  } finally {
    await handle?.close().catch(() => {});
  }
}

/**
 * Opens a private file for reading; undefined when it does not exist. A file that group or
 * others may read (as versions before this one wrote it) is narrowed to owner-only first,
 * with a notice, since the sandbox would write it that way on its next save anyway; one it
 * cannot narrow is refused.
 */
export async function openPrivateFile(file: string): Promise<FileHandle | undefined> {
  let handle: FileHandle;
  try {
    handle = await open(file, constants.O_RDONLY);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  try {
    const { mode } = await handle.stat();
    // Windows has no group or other permission bits to speak of.
    if (process.platform !== "win32" && (mode & 0o077) !== 0) {
      try {
        await handle.chmod(privateFileMode);
      } catch {
        throw new Error(
          `sandbox: ${file} can be read by other users and its permissions could not be narrowed; run chmod 600 on it`,
        );
      }
      console.error(
        `sandbox: ${file} could be read by other users; its permissions are now owner-only (0600)`,
      );
    }
    return handle;
  } catch (error) {
    await handle.close().catch(() => {});
    throw error;
  }
}
