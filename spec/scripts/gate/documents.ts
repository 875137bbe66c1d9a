// Loads the three documents resolved the way `pnpm generate` bundles them (Redocly), from a
// folder or from the spec folder at a git revision. A folder may hold bundled JSON
// (`rsp.json`, as in dist/ or a packed @simlessly/spec) or the YAML sources.
import { execFile, execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { OpenApiNode } from "./change.ts";
import type { Documents } from "./classify.ts";

export const products = ["rsp", "eim", "cmp"] as const;

const redocly = fileURLToPath(new URL("../../node_modules/.bin/redocly", import.meta.url));
const run = promisify(execFile);

/** Each product's document, or `undefined` where the folder has none. */
export async function loadFromDirectory(directory: string): Promise<Documents> {
  const output = mkdtempSync(join(tmpdir(), "contract-gate-"));
  try {
    const loaded = await Promise.all(
      products.map(async (product) => {
        const json = join(directory, `${product}.json`);
        if (existsSync(json)) return [product, JSON.parse(readFileSync(json, "utf8"))] as const;
        if (!existsSync(join(directory, `${product}.yaml`))) return [product, undefined] as const;
        const bundled = join(output, `${product}.json`);
        await run(redocly, ["bundle", `${product}.yaml`, "--output", bundled], { cwd: directory });
        return [product, JSON.parse(readFileSync(bundled, "utf8")) as OpenApiNode] as const;
      }),
    );
    return Object.fromEntries(loaded);
  } finally {
    rmSync(output, { recursive: true, force: true });
  }
}

/** The documents of `specDirectory` as they were at `ref`, read with `git show`. */
export async function loadFromGit(specDirectory: string, ref: string): Promise<Documents> {
  const git = (...args: string[]) =>
    execFileSync("git", ["-C", specDirectory, ...args], { maxBuffer: 64 << 20 });
  // Paths come out relative to the spec folder; only what bundling reads is copied.
  const files = git("ls-tree", "-r", "--name-only", ref, ".")
    .toString("utf8")
    .split("\n")
    .filter((path) => /\.(ya?ml|json)$/.test(path) && !path.startsWith("node_modules/"));
  const copy = mkdtempSync(join(tmpdir(), "contract-gate-base-"));
  try {
    for (const path of files) {
      mkdirSync(dirname(join(copy, path)), { recursive: true });
      writeFileSync(join(copy, path), git("show", `${ref}:./${path}`));
    }
    return await loadFromDirectory(copy);
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}
