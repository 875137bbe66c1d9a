import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { run } from "./run.ts";
import { changeset, pnpm } from "./tools.ts";

export interface ReleaseOptions {
  /** The workspace root: its package.json files and CHANGELOGs are changed in place. */
  readonly root: string;
  /** The registry every public package is published to. */
  readonly registry: string;
  /** An npmrc with the registry's token, used instead of the user's own (a local registry). */
  readonly npmrc?: string;
  /** Compile the packages first; off only where dist/ is known to be current. */
  readonly build: boolean;
  readonly env?: NodeJS.ProcessEnv;
  readonly log?: (line: string) => void;
}

export interface Published {
  readonly name: string;
  readonly version: string;
}

/**
 * Cuts a release: `changeset version` (versions, internal ranges, CHANGELOG.md), a build, then
 * `pnpm publish -r`, which writes real versions in place of `workspace:` and `catalog:` ranges
 * and skips versions the registry already has; last, one commit with the new versions and one
 * git tag per published package, so each tag points at the code it was built from.
 */
export async function release(options: ReleaseOptions): Promise<Published[]> {
  const { root, registry } = options;
  const log = options.log ?? (() => {});
  const env: NodeJS.ProcessEnv = { ...(options.env ?? process.env) };
  // A local registry's token lives only in its own npmrc; the user's npmrc is left alone.
  if (options.npmrc !== undefined) env.npm_config_userconfig = options.npmrc;
  const at = { cwd: root, env, timeout: 600_000 };
  const [pnpmCommand, pnpmArgs] = pnpm();

  log("changeset version");
  const [changesetCommand, changesetArgs] = changeset(root);
  await run(changesetCommand, [...changesetArgs, "version"], at);

  if (options.build) {
    log("build");
    await run(pnpmCommand, [...pnpmArgs, "run", "build"], at);
  }

  log(`publish to ${registry}`);
  await run(
    pnpmCommand,
    [
      ...pnpmArgs,
      "publish",
      "-r",
      "--access=public",
      "--no-git-checks",
      "--report-summary",
      `--registry=${registry}`,
      // A scope registry set anywhere would win over --registry for @simlessly/* names.
      `--@simlessly:registry=${registry}`,
    ],
    at,
  );
  const summaryFile = join(root, "pnpm-publish-summary.json");
  const summary = JSON.parse(await readFile(summaryFile, "utf8")) as {
    publishedPackages: Published[];
  };
  await rm(summaryFile);
  const published = summary.publishedPackages.map(({ name, version }) => ({ name, version }));

  if (published.length > 0) {
    log("commit and tag");
    const names = published.map(({ name, version }) => `${name}@${version}`);
    await run("git", ["add", "-A"], at);
    await run(
      "git",
      ["commit", "--quiet", "--allow-empty", "-m", `Release ${names.join(", ")}`],
      at,
    );
    for (const name of names) await run("git", ["tag", name], at);
  }
  return published;
}
