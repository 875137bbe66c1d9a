// The published shape, end to end: pack contract, signing and client with pnpm, install the
// tarballs with npm into a scratch project outside the workspace (zod and openapi-fetch come
// from the registry), then sign a known-answer vector and call Prism from it under the
// machine's plain Node, not the workspace's pinned Node 24.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { delimiter, dirname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { type RunningPrism, startPrism } from "@simlessly/mock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const execFileAsync = promisify(execFile);

/** Runs a command; a failure reports the end of its output, which execFile's error omits. */
async function run(
  command: string,
  args: readonly string[],
  options: { cwd?: string; timeout?: number; env?: NodeJS.ProcessEnv } = {},
): Promise<{ stdout: string; stderr: string }> {
  try {
    return await execFileAsync(command, args, { ...options, maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const {
      stdout = "",
      stderr = "",
      killed,
      signal,
    } = error as {
      stdout?: string;
      stderr?: string;
      killed?: boolean;
      signal?: string;
    };
    throw new Error(
      `${command} ${args.join(" ")} failed${killed ? ` (killed, ${signal})` : ""}:\n${String(stderr).slice(-2000)}\n${String(stdout).slice(-1000)}`,
    );
  }
}
const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const workspace = resolve(packageDir, "../..");
const packed = ["contract", "signing", "client"] as const;

/** PATH without the workspace's bin folders, whose `node` is the pinned Node 24. */
const machinePath = (process.env.PATH ?? "")
  .split(delimiter)
  .filter((dir) => dir !== "" && !dir.split(sep).includes("node_modules"))
  .join(delimiter);

/**
 * The environment of a program outside the workspace: without pnpm's npm_* settings (its
 * `npm_config_globalconfig` would hide the machine's npmrc, and with it the CA file the
 * registry needs) and with the machine's PATH.
 */
function outsideEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: machinePath };
  for (const [name, value] of Object.entries(process.env)) {
    if (/^(npm|pnpm|turbo|vitest)_|^(PATH|NODE_PATH|INIT_CWD|NODE_OPTIONS)$/i.test(name)) continue;
    env[name] = value;
  }
  return env;
}

/** The first `node` on the machine's PATH: the machine's own Node. */
function machineNode(): string {
  for (const dir of machinePath.split(delimiter)) {
    const candidate = join(dir, "node");
    if (existsSync(candidate)) return candidate;
  }
  for (const candidate of ["/usr/local/bin/node", "/usr/bin/node"]) {
    if (existsSync(candidate)) return candidate;
  }
  throw new Error("no Node found outside node_modules");
}

/** pnpm as the test was started with it, else the pinned version through npx. */
function pnpm(args: string[]): [string, string[]] {
  const execPath = process.env.npm_execpath;
  if (execPath !== undefined && /pnpm/.test(execPath))
    return [process.execPath, [execPath, ...args]];
  return ["npx", ["-y", "pnpm@10.34.9", ...args]];
}

// Runs from the scratch project with the installed packages only.
const script = `
import { createRequire } from "node:module";
import { signRequest } from "@simlessly/signing";
import { createRspClient, SimlesslyApiError } from "@simlessly/client";
import { rspValidator } from "@simlessly/client/validation";

const require = createRequire(import.meta.url);
const { vectors } = require("@simlessly/signing/vectors.json");
const vector = vectors.find((entry) => entry.scheme === "rsp" && entry.body !== undefined);
const headers = await signRequest({
  scheme: "rsp",
  key: vector.key,
  secret: vector.secret,
  timestamp: vector.timestamp,
  requestId: vector.requestId,
  body: vector.body,
});

const client = createRspClient({
  baseUrl: process.argv[2],
  accessKey: "c934e1de7e2153366539c1c03b2bce09",
  secretKey: "scratch-project-secret",
  validator: rspValidator,
  validation: "strict",
});
const data = await client.generateAcByBatch({
  configName: "templateRegular01",
  metaDatas: [{ iccid: "89860468152080349618", imsi: "460048867619618", ki: "6BE2053E8580B135CD43443380DB7111" }],
});
const refusal = await client
  .getBatchInfo({ batchCode: "B1" }, { headers: { prefer: "example=failure" } })
  .catch((error) => error);
console.log(JSON.stringify({
  node: process.version,
  vectorMatches: headers.Signature.toLowerCase() === vector.signature,
  data,
  refusal: refusal instanceof SimlesslyApiError ? refusal.code : String(refusal),
}));
`;

describe("the packed packages in a scratch project", () => {
  let scratch: string;
  let prism: RunningPrism;
  // Kept so that afterAll stops Prism even when a step of beforeAll failed after starting it.
  let prismStarting: Promise<RunningPrism> | undefined;
  const manifests: Record<string, string> = {};

  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), "simlessly-scratch-"));
    const tarballs = join(scratch, "tarballs");
    await mkdir(tarballs);
    prismStarting = startPrism({ document: "rsp" });
    for (const name of packed) {
      const [command, args] = pnpm(["pack", "--pack-destination", tarballs]);
      await run(command, args, { cwd: join(workspace, "packages", name), timeout: 60_000 });
    }
    const files = await readdir(tarballs);
    const dependencies: Record<string, string> = {};
    for (const name of packed) {
      const file = files.find((candidate) => candidate.startsWith(`simlessly-${name}-`));
      if (file === undefined) throw new Error(`no tarball for ${name} in ${files.join(", ")}`);
      const { stdout } = await run("tar", ["-xzOf", join(tarballs, file), "package/package.json"]);
      manifests[name] = stdout;
      dependencies[`@simlessly/${name}`] = `file:./tarballs/${file}`;
    }
    // The overrides make npm take the client's own dependencies on contract and signing from
    // the tarballs too, instead of asking the registry for them.
    const overrides = Object.fromEntries(
      Object.keys(dependencies).map((name) => [name, `$${name}`]),
    );
    await writeFile(
      join(scratch, "package.json"),
      JSON.stringify({ name: "scratch", private: true, type: "module", dependencies, overrides }),
    );
    await writeFile(join(scratch, "main.mjs"), script);
    await run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error"], {
      cwd: scratch,
      timeout: 120_000,
      env: outsideEnv(),
    });
    prism = await prismStarting;
  }, 180_000);

  afterAll(async () => {
    await (await prismStarting?.catch(() => undefined))?.stop();
    if (scratch !== undefined) await rm(scratch, { recursive: true, force: true });
  });

  it("lies outside the workspace", () => {
    expect(scratch.startsWith(workspace)).toBe(false);
  });

  it.each(packed)("packs %s without the workspace: protocol", (name) => {
    expect(manifests[name]).toBeDefined();
    expect(manifests[name]).not.toContain("workspace:");
  });

  it("pins the client's dependencies on its sibling packages to their versions", () => {
    const client = JSON.parse(manifests.client ?? "{}") as { dependencies: Record<string, string> };
    const contract = JSON.parse(manifests.contract ?? "{}") as { version: string };
    const signing = JSON.parse(manifests.signing ?? "{}") as { version: string };
    expect(client.dependencies["@simlessly/contract"]).toBe(contract.version);
    expect(client.dependencies["@simlessly/signing"]).toBe(signing.version);
  });

  it("signs and calls Prism from the installed packages under the machine's plain Node", async () => {
    const node = machineNode();
    const env = outsideEnv();
    const { stdout } = await run(node, ["main.mjs", prism.url], {
      cwd: scratch,
      timeout: 60_000,
      env,
    });
    const { stdout: version } = await run(node, ["--version"], { env });
    const result = JSON.parse(stdout.trim().split("\n").pop() ?? "{}") as Record<string, unknown>;
    expect(result.node).toBe(version.trim());
    expect(Number(/^v(\d+)/.exec(String(result.node))?.[1])).toBeGreaterThanOrEqual(20);
    expect(result).toMatchObject({
      vectorMatches: true,
      data: { batchCode: "B202303071234223" },
      refusal: "10001",
    });
  });
});
