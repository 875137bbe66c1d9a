import { cp, mkdir, mkdtemp, readFile, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, dirname, join, relative, sep } from "node:path";
import { run } from "./run.ts";
import { pnpm } from "./tools.ts";

/** Folders that are the machine's, not the workspace's: never copied. */
const skipped = new Set(["node_modules", ".git", ".turbo", "coverage"]);

const dependencyFields = [
  "dependencies",
  "devDependencies",
  "peerDependencies",
  "optionalDependencies",
] as const;

/**
 * Copies the workspace as it is on disk (uncommitted edits and built dist/ included) into a
 * new git repository in a temporary folder, so that a rehearsed release can bump versions,
 * commit and tag there while the real tree and its history stay untouched.
 */
export async function copyWorkspace(root: string): Promise<string> {
  const copy = await mkdtemp(join(tmpdir(), "simlessly-release-"));
  await cp(root, copy, {
    recursive: true,
    filter: (source) => {
      const path = relative(root, source);
      return !path.split(sep).some((part) => skipped.has(part)) && basename(path) !== ".env";
    },
  });
  await linkForRelease(root, copy);
  const git = (...args: string[]) => run("git", args, { cwd: copy });
  await git("init", "--quiet", "--initial-branch=main");
  await git("config", "user.name", "Simlessly release rehearsal");
  await git("config", "user.email", "release-rehearsal@localhost");
  await git("add", "-A");
  await git("commit", "--quiet", "-m", "Workspace before the release");
  return copy;
}

/**
 * Gives the copy the node_modules a release reads, in a second instead of a full install:
 * the root's tools (changesets and its changelog module) by a link to the real root's
 * node_modules, which nothing here writes to; and, in each package, a link per `workspace:`
 * dependency to the copy's own package, which is where `pnpm publish` reads the version that
 * replaces the range. Packages are published from their dist/, so nothing else is needed.
 */
async function linkForRelease(root: string, copy: string): Promise<void> {
  await symlink(join(root, "node_modules"), join(copy, "node_modules"), "dir");
  const [command, args] = pnpm();
  const { stdout } = await run(command, [...args, "ls", "-r", "--depth=-1", "--json"], {
    cwd: copy,
  });
  const projects = (JSON.parse(stdout) as { name: string; path: string }[]).filter(
    ({ path }) => path !== copy,
  );
  const where = new Map(projects.map(({ name, path }) => [name, path]));
  for (const { path } of projects) {
    const manifest = JSON.parse(await readFile(join(path, "package.json"), "utf8")) as Record<
      string,
      Record<string, string> | undefined
    >;
    const internal = new Set(
      dependencyFields.flatMap((field) =>
        Object.entries(manifest[field] ?? {})
          .filter(([, range]) => range.startsWith("workspace:"))
          .map(([name]) => name),
      ),
    );
    for (const name of internal) {
      const target = where.get(name);
      if (target === undefined) throw new Error(`${name} is not a package of the workspace`);
      const link = join(path, "node_modules", name);
      await mkdir(dirname(link), { recursive: true });
      await symlink(relative(dirname(link), target), link, "dir");
    }
  }
}
