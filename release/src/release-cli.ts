// `pnpm release`: cuts a release of every public package to the configured registry, or to a
// local throwaway Verdaccio when none is configured (see target.ts), in which case the
// registry stays up until Ctrl+C so the release can be installed from it.
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { startRegistry } from "./registry.ts";
import { release } from "./release.ts";
import { run } from "./run.ts";
import { configuredRegistry } from "./target.ts";

const { values } = parseArgs({
  options: {
    "no-build": { type: "boolean", default: false },
    "allow-dirty": { type: "boolean", default: false },
  },
});
const root = resolve(import.meta.dirname, "../..");
const log = (line: string) => console.error(`release: ${line}`);

// The release commits what `changeset version` changed: anything else in the tree would be
// swept into that commit.
const { stdout: dirty } = await run("git", ["status", "--porcelain"], { cwd: root });
if (dirty.trim() !== "" && !values["allow-dirty"]) {
  log("the work tree has uncommitted changes; commit them first (or pass --allow-dirty)");
  process.exit(1);
}

const target = await configuredRegistry(root);
const local = target === null ? await startRegistry() : null;
const registry = target?.registry ?? local?.url ?? "";
log(`publishing to ${registry} (${target?.source ?? "a local registry: none is configured"})`);
try {
  const published = await release({
    root,
    registry,
    ...(local !== null ? { npmrc: local.npmrc } : {}),
    build: !values["no-build"],
    log,
  });
  if (published.length === 0) log("nothing new to publish");
  for (const { name, version } of published) console.log(`${name}@${version}`);
  if (published.length > 0) log("push the commit and its tags: git push --follow-tags");
  if (local !== null) {
    log(
      `install from it in another shell: npm install --@simlessly:registry=${registry} @simlessly/client`,
    );
    log("Ctrl+C stops the local registry and deletes what was published to it");
    await new Promise<void>((done) => process.once("SIGINT", () => done()));
  }
} finally {
  await local?.stop();
}
