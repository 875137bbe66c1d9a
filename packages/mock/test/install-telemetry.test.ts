// No install telemetry for whoever installs @simlessly/mock with npm. Prism depends on
// @scarf/scarf, whose postinstall reports the install to scarf.sh unless a package.json in the
// dependency chain says `"scarfSettings": {"enabled": false}`; ours does. The test packs
// contract, signing, spec and mock with pnpm, installs the tarballs with npm into a scratch
// project outside the workspace, and points Scarf at a loopback server (SCARF_LOCAL_PORT):
// the published manifest must bring no request, and the control (the same installed tree with
// the setting taken out of mock's manifest) must bring one, which proves the server would see
// it.
// The approach (finding npm and pnpm, leaving the workspace's environment behind) follows
// packages/client/test/package-install.test.ts.
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { delimiter, dirname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
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
/** @simlessly/mock and the workspace packages it depends on at run time. */
const packed = ["contract", "signing", "spec", "mock"] as const;

/** PATH without the workspace's bin folders, whose `node` is the pinned Node 24. */
const machinePath = (process.env.PATH ?? "")
  .split(delimiter)
  .filter((dir) => dir !== "" && !dir.split(sep).includes("node_modules"))
  .join(delimiter);

/**
 * The environment of npm outside the workspace, talking to Scarf on the loopback port: without
 * pnpm's npm_* settings (its `npm_config_globalconfig` would hide the machine's npmrc, and with
 * it the CA file the registry needs) and without the opt-outs a machine may export
 * (DO_NOT_TRACK=1 on CI, SCARF_ANALYTICS=false), which would silence the control as well.
 */
function npmEnv(scarfPort: number, tmp: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: machinePath };
  for (const [name, value] of Object.entries(process.env)) {
    if (/^(npm|pnpm|turbo|vitest|scarf)_|^(PATH|NODE_PATH|INIT_CWD|NODE_OPTIONS)$/i.test(name))
      continue;
    if (/^DO_NOT_TRACK$/i.test(name)) continue;
    env[name] = value;
  }
  // Scarf posts to http://localhost:PORT instead of https://scarf.sh and explains its decision.
  env.SCARF_LOCAL_PORT = String(scarfPort);
  env.SCARF_VERBOSE = "true";
  // Scarf keeps a history file in the temporary folder: keep it in the scratch folder.
  env.TMPDIR = tmp;
  return env;
}

/** pnpm as the test was started with it, else the pinned version through npx. */
function pnpm(args: string[]): [string, string[]] {
  const execPath = process.env.npm_execpath;
  if (execPath !== undefined && /pnpm/.test(execPath))
    return [process.execPath, [execPath, ...args]];
  return ["npx", ["-y", "pnpm@10.34.9", ...args]];
}

/** One request that reached the stand-in for scarf.sh. */
interface Report {
  readonly method: string;
  readonly url: string;
  readonly body: string;
}

/** A stand-in for scarf.sh on loopback: IPv4 and, where the machine has it, IPv6 `localhost`. */
interface Collector {
  readonly port: number;
  readonly reports: Report[];
  close(): Promise<void>;
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

async function startCollector(): Promise<Collector> {
  const reports: Report[] = [];
  const handle = (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      reports.push({
        method: request.method ?? "",
        url: request.url ?? "",
        body: Buffer.concat(chunks).toString("utf8"),
      });
      response.writeHead(200).end();
    });
  };
  // Scarf asks for `localhost`, which Node may resolve to ::1 first: listen on both loopbacks.
  for (let attempt = 0; ; attempt++) {
    const v4 = createServer(handle);
    await listen(v4, 0, "127.0.0.1");
    const { port } = v4.address() as AddressInfo;
    const v6 = createServer(handle);
    try {
      await listen(v6, port, "::1");
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "EADDRINUSE" && attempt < 5) {
        await closeServer(v4);
        continue;
      }
      // No IPv6 loopback on this machine: `localhost` can only mean 127.0.0.1.
      if (code !== "EADDRNOTAVAIL" && code !== "EAFNOSUPPORT") throw error;
    }
    return {
      port,
      reports,
      close: async () => {
        await Promise.all([closeServer(v4), closeServer(v6)]);
      },
    };
  }
}

/** What Scarf printed and sent during one install. */
interface Outcome {
  readonly reports: Report[];
  readonly output: string;
}

/** How many times Scarf's postinstall is run again when it came to no decision. */
const scarfReruns = 4;

/** npm flags of every install and rebuild: scripts run, in the foreground, with no noise. */
const npmFlags = ["--foreground-scripts", "--ignore-scripts=false", "--no-audit", "--no-fund"];

/** Scarf's verbose line when a package.json in the chain opts out. */
const declined = "Scarf has been disabled via a package.json in the dependency chain";

describe("installing @simlessly/mock with npm", () => {
  let scratch: string;
  let collector: Collector | undefined;
  let manifest: Record<string, unknown> = {};
  let published: Outcome;
  let control: Outcome;

  /**
   * Runs Scarf's postinstall again (`npm rebuild`) until it comes to a decision, a few times
   * at most, and returns what the collector received since `before`. Scarf decides from
   * `npm ls`, which it kills after 3 s: on a loaded machine it may decide nothing and send
   * nothing either way. npm's hidden lockfile is removed first: once it exists, `npm ls`
   * answers from it, and it keeps no `scarfSettings`, unlike the install Scarf first runs in.
   */
  async function untilScarfDecides(project: string, before: number, output: string) {
    if (collector === undefined) throw new Error("the collector is not running");
    const { reports } = collector;
    const env = npmEnv(collector.port, join(scratch, "tmp"));
    let text = output;
    const decided = () => reports.length !== before || text.includes(declined);
    for (let rerun = 1; rerun <= scarfReruns && !decided(); rerun++) {
      await rm(join(project, "node_modules", ".package-lock.json"), { force: true });
      const again = await run("npm", ["rebuild", "@scarf/scarf", ...npmFlags], {
        cwd: project,
        timeout: 60_000,
        env,
      });
      text += `\n--- npm rebuild @scarf/scarf (${rerun}) ---\n${again.stdout}${again.stderr}`;
    }
    return { reports: reports.slice(before), output: text };
  }

  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), "simlessly-telemetry-"));
    collector = await startCollector();
    const tarballDir = join(scratch, "tarballs");
    await mkdir(tarballDir);
    await mkdir(join(scratch, "tmp"));
    const filters = packed.flatMap((name) => ["--filter", `@simlessly/${name}`]);
    const [command, args] = pnpm([...filters, "pack", "--pack-destination", tarballDir]);
    await run(command, args, { cwd: workspace, timeout: 60_000 });
    const files = await readdir(tarballDir);
    const tarballs: Record<string, string> = {};
    for (const name of packed) {
      const file = files.find((candidate) => candidate.startsWith(`simlessly-${name}-`));
      if (file === undefined) throw new Error(`no tarball for ${name} in ${files.join(", ")}`);
      tarballs[`@simlessly/${name}`] = `file:${join(tarballDir, file)}`;
    }

    // A project outside the workspace that depends on the tarballs, as a consumer's would.
    // The overrides make npm take mock's dependencies on its sibling packages from the
    // tarballs too. allowScripts approves Scarf's postinstall, so that it runs whatever npm's
    // policy on unreviewed install scripts (npm 11 only warns; older npm ignores the field).
    const project = join(scratch, "consumer");
    await mkdir(project);
    const overrides = Object.fromEntries(Object.keys(tarballs).map((pkg) => [pkg, `$${pkg}`]));
    await writeFile(
      join(project, "package.json"),
      JSON.stringify({
        name: "scratch-consumer",
        version: "1.0.0",
        private: true,
        dependencies: tarballs,
        overrides,
        allowScripts: { "@scarf/scarf": true },
      }),
    );
    const { reports } = collector;
    const env = npmEnv(collector.port, join(scratch, "tmp"));
    const installed = await run(
      "npm",
      ["install", ...npmFlags, "--prefer-offline", "--loglevel=error"],
      { cwd: project, timeout: 150_000, env },
    );
    published = await untilScarfDecides(project, 0, installed.stdout + installed.stderr);

    // The control: the same installed tree with the setting taken out of mock's manifest.
    const manifestPath = join(project, "node_modules", "@simlessly", "mock", "package.json");
    manifest = JSON.parse(await readFile(manifestPath, "utf8")) as Record<string, unknown>;
    const { scarfSettings: _, ...withoutSetting } = manifest;
    await writeFile(manifestPath, JSON.stringify(withoutSetting, null, 2));
    control = await untilScarfDecides(project, reports.length, "");
  }, 300_000);

  afterAll(async () => {
    await collector?.close();
    if (scratch !== undefined) await rm(scratch, { recursive: true, force: true });
  });

  it("publishes mock with Scarf turned off for its dependency chain", () => {
    expect(manifest.scarfSettings).toEqual({ enabled: false });
    expect(manifest.dependencies).toHaveProperty("@stoplight/prism-cli");
  });

  it("sends no install report: Scarf runs and declines because of mock's manifest", () => {
    expect(published.reports, published.output.slice(-4000)).toEqual([]);
    expect(published.output.includes(declined), published.output.slice(-4000)).toBe(true);
  });

  it("would have been seen: without the setting Scarf reports the install once", () => {
    expect(control.reports, control.output.slice(-4000)).toHaveLength(1);
    const [report] = control.reports;
    expect(report).toMatchObject({ method: "POST", url: "/package-event/install" });
    const payload = JSON.parse(report?.body ?? "{}") as {
      dependencyInfo?: { parent?: { name?: string }; anyInChainDisabled?: boolean };
    };
    expect(payload.dependencyInfo?.parent?.name).toMatch(/^@stoplight\/prism-/);
    expect(payload.dependencyInfo?.anyInChainDisabled).toBe(false);
  });
});
