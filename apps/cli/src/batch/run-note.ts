import type { GenerateBatchIo } from "./generate-batch-types.ts";

/** Prints a note on stderr: something the user should know that is not an error. */
export function note(io: GenerateBatchIo, text: string): void {
  io.stderr.write(`${io.style.yellow("note:")} ${text}\n`);
}
