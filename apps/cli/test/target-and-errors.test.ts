import { writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sampleRecords, toCsv } from "./sample-records.ts";
import { credentialSecrets, type SandboxCli, startSandboxCli } from "./sandbox-cli.ts";
import { tempDir } from "./test-io.ts";

// Which platform a command talks to (the target line on stderr, `target` with --json), and
// failures as data with --json, on real commands against the sandbox over loopback HTTP.

let cli: SandboxCli;
let dir: string;

beforeAll(async () => {
  cli = await startSandboxCli({ batchDelayMs: 10 });
  dir = tempDir();
});
afterAll(async () => {
  for (const text of cli.outputs) {
    for (const secret of credentialSecrets(cli.env)) expect(text).not.toContain(secret);
  }
  await cli.stop();
});

const run = (args: string[], env?: Record<string, string | undefined>) =>
  cli.run(args, { cwd: dir, ...(env === undefined ? {} : { env }) });

const fromEnvironment = () => ({
  product: "rsp",
  baseUrl: cli.sandbox.url.replace(/\/+$/, ""),
  profile: null,
  configFile: null,
  ignoredVariables: [],
});

function targetLines(stderr: string): string[] {
  return stderr.split("\n").filter((line) => line.startsWith("simlessly → "));
}

describe("the target line", () => {
  it("names the product, the address and the environment, once, before anything else", async () => {
    const result = await run(["config", "list"]);
    expect(result.code, result.stderr).toBe(0);
    const url = cli.sandbox.url.replace(/\/+$/, "");
    expect(result.stderr).toBe(`simlessly → RSP ${url} (environment)\n`);
  });

  it("names the profile and the config file the settings came from", async () => {
    const config = join(dir, "config.json");
    const { rsp } = cli.sandbox.credentials;
    const profile = {
      baseUrl: cli.sandbox.url,
      accessKey: rsp.accessKey,
      secretKey: rsp.secretKey,
    };
    writeFileSync(config, JSON.stringify({ profiles: { lab: { rsp: profile } } }), {
      mode: 0o600,
    });
    const result = await run(["config", "list", "--config", config, "--profile", "lab"], {
      SIMLESSLY_BASE_URL: undefined,
      SIMLESSLY_ACCESS_KEY: undefined,
      SIMLESSLY_SECRET_KEY: undefined,
    });
    expect(result.code, result.stderr).toBe(0);
    expect(targetLines(result.stderr)).toEqual([
      `simlessly → RSP ${cli.sandbox.url.replace(/\/+$/, "")} (profile "lab" of ${config})`,
    ]);
  });

  it("names eIM and CMP the same way", async () => {
    const url = cli.sandbox.url.replace(/\/+$/, "");
    const eim = await run(["eim", "batch", "info", "999999"]);
    expect(targetLines(eim.stderr)).toEqual([`simlessly → eIM ${url} (environment)`]);
    expect(eim.stderr.indexOf("simlessly →")).toBe(0);
    const cmp = await run(["cmp", "sims", "89860468152080349618"]);
    expect(targetLines(cmp.stderr)).toEqual([`simlessly → CMP ${url} (environment)`]);
  });

  it("is hidden by --quiet and -q, which hide no error", async () => {
    const quiet = await run(["config", "list", "--quiet"]);
    expect(quiet.code, quiet.stderr).toBe(0);
    expect(quiet.stderr).toBe("");
    const failed = await run(["batch", "info", "B0000000000000000000", "-q"]);
    expect(failed.code).toBe(1);
    expect(targetLines(failed.stderr)).toEqual([]);
    expect(failed.stderr).toMatch(/^error: getBatchInfo failed: HTTP 200 code BATCH_NOT_FOUND/);
  });

  it("is not printed by commands that send nothing, nor before settings are found", async () => {
    for (const args of [["config", "list", "--help"], ["--version"]]) {
      expect(targetLines((await run(args)).stderr)).toEqual([]);
    }
    const missing = await run(["config", "list"], { SIMLESSLY_SECRET_KEY: undefined });
    expect(missing.code).toBe(3);
    expect(targetLines(missing.stderr)).toEqual([]);
  });

  it("comes before the configuration check of ac generate-batch --dry-run, and before a resumed run", async () => {
    const input = join(dir, "sims.csv");
    writeFileSync(input, toCsv(sampleRecords(3, 700)));
    const batch = ["ac", "generate-batch", "--config-name", "templateRegular01", "--input", input];
    const url = cli.sandbox.url.replace(/\/+$/, "");
    const line = `simlessly → RSP ${url} (environment)`;

    const dryRun = await run([...batch, "--dry-run"]);
    expect(dryRun.code, dryRun.stderr).toBe(0);
    expect(targetLines(dryRun.stderr)).toEqual([line]);

    const out = join(dir, "out");
    const first = await run([...batch, "--out", out, "--qr", "none", "--poll-interval", "0.05"]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr.startsWith(`${line}\n`)).toBe(true);
    const resumed = await run(["ac", "generate-batch", "--out", out, "--resume", "--qr", "none"]);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(targetLines(resumed.stderr)).toEqual([line]);

    const json = await run([...batch, "--dry-run", "--json"]);
    expect(targetLines(json.stderr)).toEqual([]);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: true, target: fromEnvironment() });
  });
});

describe("--json", () => {
  it("names the target in the document of a success, and prints no target line", async () => {
    const result = await run(["config", "list", "--json"]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe("");
    expect(JSON.parse(result.stdout)).toMatchObject({
      ok: true,
      operation: "listConfigs",
      target: fromEnvironment(),
    });
  });

  it("describes a refusal as data, on stdout only", async () => {
    const result = await run(["batch", "info", "B0000000000000000000", "--json"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe("");
    const document = JSON.parse(result.stdout);
    expect(document).toEqual({
      ok: false,
      exitCode: 1,
      error: {
        message: expect.stringMatching(/^getBatchInfo failed: HTTP 200 code BATCH_NOT_FOUND/),
        kind: "api",
        operation: "getBatchInfo",
        httpStatus: 200,
        code: "BATCH_NOT_FOUND",
        requestId: expect.any(String),
        retryable: false,
      },
      target: fromEnvironment(),
    });
    expect(document.error.message).toContain(document.error.requestId);
  });

  it("says refused credentials are a config problem that a retry does not fix", async () => {
    const secretKey = "wrongsecretkey000000000000000001";
    const result = await run(["config", "list", "--json"], { SIMLESSLY_SECRET_KEY: secretKey });
    expect(result.code).toBe(3);
    expect(result.stdout + result.stderr).not.toContain(secretKey);
    expect(JSON.parse(result.stdout).error).toMatchObject({
      kind: "api",
      operation: "listConfigs",
      code: "AUTH_BAD_SIGNATURE",
      retryable: false,
    });
  });

  it("describes a platform that cannot be reached as a retryable connection failure", async () => {
    const closed = await closedPort();
    const baseUrl = `http://127.0.0.1:${closed}`;
    const result = await run(["config", "list", "--json"], { SIMLESSLY_BASE_URL: baseUrl });
    expect(result.code).toBe(4);
    expect(result.stderr).toBe("");
    expect(JSON.parse(result.stdout)).toEqual({
      ok: false,
      exitCode: 4,
      error: {
        message: expect.stringContaining("could not connect"),
        kind: "connection",
        operation: "listConfigs",
        httpStatus: null,
        code: null,
        requestId: expect.any(String),
        retryable: true,
      },
      target: { ...fromEnvironment(), baseUrl },
    });
  });

  it("leaves the target out of a failure before any platform was named", async () => {
    const result = await run(["config", "list", "--json"], { SIMLESSLY_ACCESS_KEY: undefined });
    expect(result.code).toBe(3);
    expect(result.stderr).toBe("");
    const document = JSON.parse(result.stdout);
    expect(document.target).toBeUndefined();
    expect(document.error).toMatchObject({ kind: "config", operation: null, retryable: false });
  });
});

// A loopback port nothing listens on: taken, then given back.
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
