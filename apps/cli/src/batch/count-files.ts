import { opendirSync } from "node:fs";

/**
 * The regular files in `folder`, counted while reading it entry by entry: a folder of a
 * million QR images is never held as one list.
 */
export function countFiles(folder: string): number {
  const dir = opendirSync(folder);
  let count = 0;
  try {
    for (let entry = dir.readSync(); entry !== null; entry = dir.readSync()) {
      if (entry.isFile()) count += 1;
    }
  } finally {
    dir.closeSync();
  }
  return count;
}
