import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { homedir, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { npmSetting } from "./target.ts";

/** A throwaway Verdaccio: its storage, config and npmrc live in one temporary folder. */
export interface LocalRegistry {
  /** `http://127.0.0.1:PORT/`, with the trailing slash npm writes in npmrc keys. */
  readonly url: string;
  /**
   * An npmrc that sends `@simlessly/*` to this registry with a token allowed to publish, and
   * keeps everything else on the machine's usual registry. The token is only in this file.
   */
  readonly npmrc: string;
  readonly folder: string;
  stop(): Promise<void>;
}

export interface RegistryOptions {
  /** Where packages other than `@simlessly/*` come from when asked through this registry. */
  readonly uplink?: string;
  /** The port to listen on; a free one when left out. */
  readonly port?: number;
}

const scope = "@simlessly";

/** The Verdaccio config: the scope is served only from local storage and never proxied, so a
 * rehearsal can't mix in a public package of the same name; the rest goes to the uplink. */
function config(folder: string, uplink: string): string {
  return `storage: ${JSON.stringify(join(folder, "storage"))}
auth:
  htpasswd:
    file: ${JSON.stringify(join(folder, "htpasswd"))}
    max_users: 1
uplinks:
  npmjs:
    url: ${JSON.stringify(uplink)}
    timeout: 60s
packages:
  "${scope}/*":
    access: $all
    publish: $authenticated
    unpublish: $authenticated
  "**":
    access: $all
    proxy: npmjs
web:
  enable: false
publish:
  allow_offline: true
log: { type: stdout, format: pretty, level: warn }
`;
}

/** The npmrc npm reads as the user's: the one npm was told of, else ~/.npmrc. */
function userNpmrc(): string {
  return npmSetting(process.env, "userconfig") ?? join(homedir(), ".npmrc");
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address !== null
          ? resolve(address.port)
          : reject(new Error("no port")),
      );
    });
  });
}

function verdaccioBin(): string {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve("verdaccio/package.json");
  // `bin` is a string (one command) or a map of commands.
  const { bin } = require("verdaccio/package.json") as { bin: string | Record<string, string> };
  const path = typeof bin === "string" ? bin : bin.verdaccio;
  if (path === undefined) throw new Error("verdaccio declares no bin");
  return join(dirname(manifest), path);
}

/** npm's CA file, where one is set, for Verdaccio's requests to the uplink as well. */
function verdaccioEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  const cafile = npmSetting(process.env, "cafile");
  if (cafile && !env.NODE_EXTRA_CA_CERTS) env.NODE_EXTRA_CA_CERTS = cafile;
  return env;
}

/** Waits until Verdaccio answers its ping, or the process ends first. */
async function ready(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`verdaccio exited ${child.exitCode}:\n${log()}`);
    try {
      const response = await fetch(new URL("-/ping", url));
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`verdaccio did not answer within 30 s:\n${log()}`);
}

/** Creates the one user the htpasswd file allows and returns its token (never printed). */
async function createPublisher(url: string): Promise<string> {
  const name = "release";
  const password = crypto.randomUUID();
  const response = await fetch(new URL(`-/user/org.couchdb.user:${name}`, url), {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name, password }),
  });
  const body = (await response.json()) as { token?: unknown };
  if (!response.ok || typeof body.token !== "string")
    throw new Error(`the registry refused the publisher: HTTP ${response.status}`);
  return body.token;
}

export async function startRegistry(options: RegistryOptions = {}): Promise<LocalRegistry> {
  const folder = await mkdtemp(join(tmpdir(), "simlessly-registry-"));
  const configFile = join(folder, "config.yaml");
  await writeFile(configFile, config(folder, options.uplink ?? "https://registry.npmjs.org/"));
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}/`;
  // Verdaccio runs on this process's Node (the pinned one under pnpm), detached from the
  // terminal's signals so that stop() alone decides when it ends.
  const child = spawn(
    process.execPath,
    [verdaccioBin(), "--config", configFile, "--listen", `127.0.0.1:${port}`],
    { cwd: folder, stdio: ["ignore", "pipe", "pipe"], env: verdaccioEnv() },
  );
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString("utf8")).slice(-8000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const ended = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await ended;
    }
    await rm(folder, { recursive: true, force: true });
  };
  try {
    await ready(url, child, () => output);
    const token = await createPublisher(url);
    const npmrc = join(folder, "npmrc");
    const authKey = url.replace(/^https?:/, "");
    // The user's own settings first (CA file, quiet notices), so this file can stand in for it.
    const own = await readFile(userNpmrc(), "utf8").catch(() => "");
    await writeFile(npmrc, `${own}\n${scope}:registry=${url}\n${authKey}:_authToken=${token}\n`, {
      mode: 0o600,
    });
    return { url, npmrc, folder, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
