// startPrism must answer a malformed JSON body with 400 whatever Prism it runs, including one
// installed from npm as a consumer gets it, without any patch. The test installs the Prism
// version this package pins with plain npm into a folder outside the workspace (kept in the
// temporary folder per version, so only the first run pays for the install), checks that its
// server still has the wait that hangs, shows the hang by starting that Prism directly, and
// then starts it through startPrism.
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, readFile, rename, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { delimiter, join, sep } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { documentPath } from "../src/documents.ts";
import { type RunningPrism, startPrism } from "../src/prism.ts";
import { fixPrismServerSource } from "../src/prism-server-fix.ts";
import { loadOperations } from "./openapi-document.ts";

const execFileAsync = promisify(execFile);

const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
  dependencies: Record<string, string>;
};
const version = manifest.dependencies["@stoplight/prism-cli"] ?? "";

/** The environment of npm outside the workspace: none of pnpm's npm_* settings, no bin folders. */
function npmEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (/^(npm|pnpm|turbo|vitest)_|^(NODE_PATH|INIT_CWD|NODE_OPTIONS)$/i.test(name)) continue;
    env[name] = value;
  }
  env.PATH = (process.env.PATH ?? "")
    .split(delimiter)
    .filter((dir) => dir !== "" && !dir.split(sep).includes("node_modules"))
    .join(delimiter);
  return env;
}

/**
 * Prism from npm in `<tmp>/simlessly-prism-<version>`, installed once: into a fresh folder first,
 * renamed into place, so that a run interrupted halfway, or two at once, leave no half install.
 */
async function npmPrism(): Promise<string> {
  const home = join(tmpdir(), `simlessly-prism-${version}`);
  const cli = join(home, "node_modules", "@stoplight", "prism-cli");
  if (existsSync(join(cli, "package.json"))) return cli;
  const fresh = await mkdtemp(join(tmpdir(), "simlessly-prism-install-"));
  // --ignore-scripts: Scarf's install report stays off, and nothing else needs a script.
  const flags = ["--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error"];
  try {
    await execFileAsync(
      "npm",
      ["install", ...flags, "--prefix", fresh, `@stoplight/prism-cli@${version}`],
      { env: npmEnv(), timeout: 240_000 },
    );
  } catch (error) {
    await rm(fresh, { recursive: true, force: true });
    throw error;
  }
  try {
    await rename(fresh, home);
  } catch (error) {
    // Another run got there first: use its install.
    await rm(fresh, { recursive: true, force: true });
    if (!existsSync(join(cli, "package.json"))) throw error;
  }
  return cli;
}

/** Starts Prism's CLI as it comes, without startPrism, and resolves with its URL. */
function startBarePrism(cli: string): Promise<{ url: string; child: ChildProcess }> {
  const entry = join(cli, "dist", "index.js");
  const child = spawn(
    process.execPath,
    [entry, "mock", "--host", "127.0.0.1", "--port", "0", documentPath("rsp")],
    { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NO_COLOR: "1" } },
  );
  return new Promise((resolve, reject) => {
    let output = "";
    const onData = (chunk: Buffer) => {
      output += chunk.toString("utf8");
      const url = /Prism is listening on (http:\/\/\S+)/.exec(output)?.[1];
      if (url !== undefined) resolve({ url: url.replace(/\/$/, ""), child });
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code) => reject(new Error(`Prism exited (${code}):\n${output}`)));
  });
}

const [operation] = loadOperations("rsp");
if (operation === undefined) throw new Error("the RSP document has no operation");

const post = (url: string, body: string, extra: Record<string, string> = {}, ms = 5_000) =>
  fetch(`${url}${operation.path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...operation.securityHeaders, ...extra },
    body,
    signal: AbortSignal.timeout(ms),
  });

describe(`Prism ${version} as npm installs it, unpatched`, () => {
  let cli: string;
  let prism: RunningPrism | undefined;
  let bare: { url: string; child: ChildProcess } | undefined;

  beforeAll(async () => {
    cli = await npmPrism();
    [prism, bare] = await Promise.all([
      startPrism({ document: "rsp", prismPackage: cli }),
      startBarePrism(cli),
    ]);
  }, 300_000);

  afterAll(async () => {
    bare?.child.kill("SIGKILL");
    await prism?.stop();
  });

  it("still has the wait that hangs, which the fix finds and skips", async () => {
    const serverFile = join(cli, "..", "prism-http-server", "dist", "server.js");
    const source = await readFile(serverFile, "utf8");
    expect(fixPrismServerSource(source)).not.toBe(source);
    expect(fixPrismServerSource(fixPrismServerSource(source))).toBe(fixPrismServerSource(source));
  });

  it("hangs on a malformed JSON body when started directly", async () => {
    if (bare === undefined) throw new Error("Prism did not start");
    await expect(post(bare.url, '{"configName":', {}, 2_000)).rejects.toThrow(/timeout|aborted/i);
  });

  it.each([
    ["malformed JSON", '{"configName":'],
    ["a body of blanks", "   "],
    ["a byte-order mark", '\uFEFF{"configName":"templateRegular01"}'],
  ])("answers %s with 400 at once when started by startPrism", async (_, body) => {
    if (prism === undefined) throw new Error("Prism did not start");
    const started = performance.now();
    const response = await post(prism.url, body);
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({
      error: { code: "invalid_json", message: "Invalid JSON" },
    });
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it("keeps serving the contract after such a request", async () => {
    if (prism === undefined) throw new Error("Prism did not start");
    await post(prism.url, '{"configName":');
    const response = await post(prism.url, JSON.stringify(operation.exampleRequest));
    expect(response.status).toBe(200);
  });
});
