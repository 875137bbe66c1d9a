// Reads the pending changesets (.changeset/*.md): the front matter of each names packages
// and their bump (`"@simlessly/contract": minor`).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export const bumps = ["none", "patch", "minor", "major"] as const;
export type Bump = (typeof bumps)[number];

export interface PendingBump {
  readonly bump: Bump;
  /** The changeset files that ask for this package's largest bump. */
  readonly files: readonly string[];
}

export function atLeast(bump: Bump, required: Bump): boolean {
  return bumps.indexOf(bump) >= bumps.indexOf(required);
}

/** Each package's largest pending bump, from the front matter of every changeset. */
export function readPendingBumps(directory: string): Map<string, PendingBump> {
  const pending = new Map<string, PendingBump>();
  const files = readdirSync(directory).filter(
    (name) => name.endsWith(".md") && name !== "README.md",
  );
  for (const file of files.sort()) {
    for (const [name, bump] of parseFrontMatter(
      readFileSync(join(directory, file), "utf8"),
      file,
    )) {
      const known = pending.get(name);
      if (known === undefined || !atLeast(known.bump, bump))
        pending.set(name, { bump, files: [file] });
      else if (known.bump === bump) pending.set(name, { bump, files: [...known.files, file] });
    }
  }
  return pending;
}

export function parseFrontMatter(text: string, file: string): Map<string, Bump> {
  const match = /^---\r?\n([\s\S]*?)\r?\n?---/.exec(text);
  if (match === null)
    throw new Error(`${file}: no front matter (--- … ---) naming packages and bumps`);
  const entries = new Map<string, Bump>();
  for (const line of (match[1] ?? "").split(/\r?\n/)) {
    if (line.trim() === "" || line.trim().startsWith("#")) continue;
    const entry = /^\s*(["']?)([^"':]+)\1\s*:\s*(\w+)\s*$/.exec(line);
    const bump = entry?.[3];
    if (entry === null || !bumps.includes(bump as Bump) || bump === "none") {
      throw new Error(`${file}: cannot read the front matter line ${JSON.stringify(line)}`);
    }
    entries.set(entry[2] as string, bump as Bump);
  }
  return entries;
}
