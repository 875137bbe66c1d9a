import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

// Finds secrets in what a run wrote, in any form a message could give them: as written, in
// another case, or grouped with spaces, dashes, colons or quotes. Texts and secrets are both
// reduced to upper-case letters and digits before searching; for 128-bit keys a false match
// is out of the question.

function reduced(text: string): string {
  return text.replace(/[^0-9A-Za-z]/g, "").toUpperCase();
}

/** The secrets of `secrets` found in `text`, each at most once. */
export function leakedSecrets(text: string, secrets: readonly string[]): string[] {
  const haystack = reduced(text);
  return secrets.filter((secret) => haystack.includes(reduced(secret)));
}

/** Every file under `dir`, read as bytes (latin1: one character per byte). */
export function filesUnder(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) files.set(path, readFileSync(path, "latin1"));
    }
  };
  walk(dir);
  return files;
}

/** `value` in groups of `size` characters joined by `separator`: `6BE2 053E …`. */
export function grouped(value: string, size: number, separator: string): string {
  return value.match(new RegExp(`.{1,${size}}`, "g"))?.join(separator) ?? value;
}
