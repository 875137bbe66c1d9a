// A project outside the workspace that installs released packages with plain npm on a chosen
// Node, the way a team would after a release.
import { spawn } from "node:child_process";
import { copyFile, mkdir, writeFile } from "node:fs/promises";
import { delimiter, dirname, join, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { run } from "../src/run.ts";

/** PATH without the workspace's bin folders, whose `node` is the pinned Node 24. */
export const machinePath = (process.env.PATH ?? "")
  .split(delimiter)
  .filter((dir) => dir !== "" && !dir.split(sep).includes("node_modules"))
  .join(delimiter);

/**
 * The environment of a program outside the workspace, with `node` (and so npm, npx and every
 * `#!/usr/bin/env node` bin) taken from `nodeDir` first: without pnpm's and turbo's npm_*
 * settings, whose `npm_config_globalconfig` would hide the machine's npmrc and the CA file
 * the registry needs.
 */
export function outsideEnv(nodeDir: string | null): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (/^(npm|pnpm|turbo|vitest)_|^(PATH|NODE_PATH|INIT_CWD|NODE_OPTIONS)$/i.test(name)) continue;
    env[name] = value;
  }
  env.PATH = nodeDir === null ? machinePath : `${nodeDir}${delimiter}${machinePath}`;
  return env;
}

const consumerDir = join(dirname(fileURLToPath(import.meta.url)), "consumer");

/**
 * Creates the project: the consumer files, a tsconfig, and an npmrc naming the registry. With
 * `denyScarf`, its package.json refuses Scarf's install script as SECURITY.md recommends
 * (`npm install-scripts deny @scarf/scarf` writes the same), which quiets npm 11's warning.
 */
export async function createScratchProject(
  folder: string,
  registry: string,
  denyScarf: boolean,
): Promise<void> {
  await mkdir(folder, { recursive: true });
  const manifest = {
    name: "consumer",
    private: true,
    type: "module",
    ...(denyScarf ? { allowScripts: { "@scarf/scarf": false } } : {}),
  };
  await writeFile(join(folder, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  // Only the scope comes from the release's registry; everything else from the usual one.
  await writeFile(join(folder, ".npmrc"), `@simlessly:registry=${registry}\n`);
  await copyFile(join(consumerDir, "consumer.ts"), join(folder, "consumer.ts"));
  for (const file of ["tsconfig.json", "prism-malformed-json.mjs"])
    await copyFile(join(consumerDir, file), join(folder, file));
}

/** `npm install` as a team would run it, quiet where the flags allow; returns npm's warnings. */
export async function npmInstall(
  folder: string,
  env: NodeJS.ProcessEnv,
  specs: readonly string[],
): Promise<string[]> {
  const { stdout, stderr } = await run(
    "npm",
    ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=warn", ...specs],
    { cwd: folder, env, timeout: 300_000 },
  );
  return `${stderr}\n${stdout}`.split("\n").filter((line) => /^npm (warn|WARN|error)/.test(line));
}

/** A background `npx simlessly sandbox`: the variables of its banner's export block. */
export interface RunningSandbox {
  readonly settings: Record<string, string>;
  stop(): Promise<void>;
}

export function startSandbox(folder: string, env: NodeJS.ProcessEnv): Promise<RunningSandbox> {
  // Its own process group: stop() ends npx and the sandbox under it together.
  const child = spawn("npx", ["--no-install", "simlessly", "sandbox", "--port", "0"], {
    cwd: folder,
    env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const ended = new Promise((resolve) => child.once("exit", resolve));
    if (child.pid !== undefined) process.kill(-child.pid, "SIGINT");
    await ended;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`no sandbox banner within 60 s:\n${output}`));
    }, 60_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString("utf8");
      // The block ends with its last export line; the banner then says how to stop.
      if (!/Press Ctrl\+C/.test(output)) return;
      clearTimeout(timer);
      const settings: Record<string, string> = {};
      for (const [, name, value] of output.matchAll(/^export ([A-Z0-9_]+)=(\S+)$/gm)) {
        if (name !== undefined && value !== undefined) settings[name] = value;
      }
      resolve({ settings, stop });
    };
    child.stdout.on("data", read);
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the sandbox exited ${code} before its banner:\n${output}`));
    });
  });
}
