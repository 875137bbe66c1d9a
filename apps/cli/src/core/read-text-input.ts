import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { Readable } from "node:stream";
import { InputError } from "./cli-error.ts";

/** Reads a whole small text input: the file named, or stdin for `-` or no name. */
export async function readTextInput(name: string | undefined, stdin: Readable, cwd: string) {
  if (name !== undefined && name !== "-") {
    try {
      return await readFile(resolve(cwd, name), "utf8");
    } catch (error) {
      throw new InputError(
        `cannot read ${name}: ${(error as NodeJS.ErrnoException).code ?? "error"}`,
      );
    }
  }
  const parts: Buffer[] = [];
  for await (const part of stdin) parts.push(typeof part === "string" ? Buffer.from(part) : part);
  return Buffer.concat(parts).toString("utf8");
}
