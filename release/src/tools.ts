import { createRequire } from "node:module";
import { join } from "node:path";

/**
 * pnpm as this process was started with it (`pnpm release`, or turbo's `pnpm run test`), else
 * the pinned version through npx; returned as a command and its leading arguments.
 */
export function pnpm(): [string, string[]] {
  const execPath = process.env.npm_execpath;
  if (execPath !== undefined && /pnpm/.test(execPath)) return [process.execPath, [execPath]];
  return ["npx", ["-y", "pnpm@10.34.9"]];
}

/** The changesets CLI of the workspace at `root`, run on this process's Node. */
export function changeset(root: string): [string, string[]] {
  const require = createRequire(join(root, "package.json"));
  return [process.execPath, [require.resolve("@changesets/cli/bin.js")]];
}
