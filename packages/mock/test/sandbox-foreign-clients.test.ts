// Foreign clients against the sandbox, as other teams' code would call it: a Python
// standard-library client (json.dumps with its default separators, http.client) and a POSIX
// sh script with curl and `openssl dgst -hmac`, both in test/foreign/. Neither shares code
// with this repository (no @simlessly/signing), so they check that the sandbox accepts what
// an independent reading of the docs sends (RSP scheme, eIM Appendix 1 scheme, CMP token),
// byte for byte, and refuses a body changed after signing.
import { execFile, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSandbox, type Sandbox, type SandboxCredentials } from "../src/index.ts";

const pythonClient = fileURLToPath(new URL("./foreign/simlessly_client.py", import.meta.url));
const curlClient = fileURLToPath(new URL("./foreign/simlessly-curl.sh", import.meta.url));

// The tools the foreign clients need. They are on every development machine and on the CI
// image (Debian), where a missing one is a failure, not a reason to skip.
const missingTools = ["python3", "curl", "openssl"].filter(
  (tool) => spawnSync("sh", ["-c", `command -v ${tool}`], { stdio: "ignore" }).status !== 0,
);
const inCi = process.env.CI !== undefined && process.env.CI !== "" && process.env.CI !== "false";
const missing = (...tools: string[]) => !inCi && tools.some((tool) => missingTools.includes(tool));
const skipNote = (...tools: string[]) =>
  missing(...tools)
    ? ` (skipped: ${tools.filter((t) => missingTools.includes(t))} not on PATH)`
    : "";

/** The ICCID layout both scripts document: "8988" + series (4 digits) + index (12 digits). */
const iccidOf = (series: number, index: number) =>
  `8988${String(series).padStart(4, "0")}${String(index).padStart(12, "0")}`;

/** Credentials of this run: not the demo set, so the scripts must read them from the environment. */
function freshCredentials(): SandboxCredentials {
  const hex = (bytes: number) => randomBytes(bytes).toString("hex");
  return {
    rsp: {
      accessKey: `foreignrsp${hex(8)}`,
      // A space, a dollar sign and quotes: the shell script must quote the key it signs with.
      secretKey: `rsp secret $HOME "q" '${hex(8)}'`,
    },
    eim: {
      publicKey: `foreigneim${hex(8)}`,
      secretKey: `eim ackey $1 ${hex(8)}`,
      token: hex(16),
    },
    cmp: { clientId: hex(16), clientSecret: hex(16) },
  };
}

/** The child's environment: this process's, minus any SIMLESSLY_*, plus the run's credentials. */
function clientEnvironment(credentials: SandboxCredentials): NodeJS.ProcessEnv {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith("SIMLESSLY_")),
  );
  return {
    ...inherited,
    SIMLESSLY_ACCESS_KEY: credentials.rsp.accessKey,
    SIMLESSLY_SECRET_KEY: credentials.rsp.secretKey,
    SIMLESSLY_EIM_ACCESS_KEY: credentials.eim.publicKey,
    SIMLESSLY_EIM_SECRET_KEY: credentials.eim.secretKey,
    SIMLESSLY_EIM_TOKEN: credentials.eim.token,
    SIMLESSLY_CMP_CLIENT_ID: credentials.cmp.clientId,
    SIMLESSLY_CMP_CLIENT_SECRET: credentials.cmp.clientSecret,
  };
}

interface ScriptRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout, one parsed JSON object per line. */
  readonly lines: Record<string, unknown>[];
}

/**
 * Runs a script and resolves with its output whatever its exit status. Asynchronous on
 * purpose: the sandbox answers from this process's event loop, which a synchronous child
 * would block.
 */
function runScript(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<ScriptRun> {
  return new Promise((resolve) => {
    execFile(command, args, { env, timeout: 20_000 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === "number" ? error.code : null;
      const lines = stdout
        .split("\n")
        .filter((line) => line.trim() !== "")
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      resolve({ code, stdout, stderr, lines });
    });
  });
}

/** Why a run failed, for the assertion message: its output (which holds no secret). */
const explain = (run: ScriptRun) => `exit ${run.code}\n${run.stdout}\n${run.stderr}`;

const flowOps = [
  "generate_v1",
  "generate_v2",
  "batch_generate",
  "batch_info",
  "profile_detail",
  "profile_log",
  "eim_import_ac",
  "eim_batch_info",
  "cmp_token",
  "cmp_sim_details",
];
const rspOps = new Set(flowOps.slice(0, 6));
const eimOps = new Set(flowOps.slice(6, 8));

/** What a successful flow run must show, on its output and in the sandbox's own state. */
function expectFlowSucceeded(
  sandbox: Sandbox,
  credentials: SandboxCredentials,
  run: ScriptRun,
  series: number,
): void {
  expect(run.code, explain(run)).toBe(0);
  expect(run.lines.map((line) => line.op)).toEqual(flowOps);
  for (const line of run.lines) {
    const op = String(line.op);
    expect(line, op).toMatchObject({ http: 200, success: true });
    if (rspOps.has(op)) expect(line.code, op).toBe("00000");
    if (eimOps.has(op)) expect(line.code, op).toBe(200);
  }
  const byOp = new Map(run.lines.map((line) => [line.op, line]));
  expect(byOp.get("generate_v1")).toMatchObject({
    iccid: iccidOf(series, 1),
    hasActivationCode: true,
  });
  expect(byOp.get("generate_v2")).toMatchObject({
    iccid: iccidOf(series, 2),
    hasActivationCode: true,
  });
  expect(byOp.get("batch_info")).toMatchObject({ batchStatus: "COMPLETE", succeeded: 2 });
  expect(byOp.get("profile_detail")).toMatchObject({
    iccid: iccidOf(series, 1),
    profileStatus: "Available",
  });
  expect(byOp.get("profile_log")).toMatchObject({ logs: 1 });
  expect(byOp.get("eim_batch_info")).toMatchObject({ taskStatus: "PROCESSED" });
  expect(byOp.get("cmp_token")).toMatchObject({ tokenType: "Bearer", expireIn: "3600" });

  // The sandbox's own view: four profiles, each submitted once, in the configuration named.
  for (const index of [1, 2, 3, 4]) {
    const listing = sandbox.admin.profiles({ iccid: iccidOf(series, index) });
    expect(listing.profiles, `ICCID index ${index}`).toEqual([
      expect.objectContaining({
        iccid: iccidOf(series, index),
        status: "Available",
        submissions: 1,
        configName: "templateRegular01",
      }),
    ]);
  }

  // Nothing secret on the output: no credential, no 32-hex run (Ki, OPc, tokens, the
  // matching id of an activation code), no activation code.
  const output = run.stdout + run.stderr;
  for (const value of [
    credentials.rsp.secretKey,
    credentials.eim.secretKey,
    credentials.eim.token,
    credentials.cmp.clientSecret,
  ]) {
    expect(output.includes(value)).toBe(false);
  }
  expect(output).not.toMatch(/[0-9A-Fa-f]{32}/);
  expect(output).not.toContain("1$");
}

describe("foreign clients against the sandbox", () => {
  let sandbox: Sandbox;
  const credentials = freshCredentials();
  const env = clientEnvironment(credentials);

  beforeAll(async () => {
    // A short batch delay, so that the clients' polling really sees PROCESSING first.
    sandbox = await createSandbox({ batchDelayMs: 200, seed: 3, env: {}, credentials });
  });
  afterAll(async () => {
    await sandbox?.stop();
  });

  /** Runs `body`, then checks that its requests used only documented forms. */
  async function withRequestLog<T>(body: () => Promise<T>): Promise<T> {
    const before = sandbox.admin.requests().length;
    const result = await body();
    const logged = sandbox.admin.requests().slice(before);
    for (const entry of logged) {
      expect(entry.warnings, entry.operationId).toEqual([]);
      expect(entry.refused).toBe(false);
    }
    return result;
  }

  it.skipIf(missing("python3"))(
    `a Python stdlib client (json.dumps default separators, http.client) completes every call${skipNote("python3")}`,
    async () => {
      const series = 1;
      const summary = sandbox.admin.summary();
      const run = await withRequestLog(() =>
        runScript("python3", [pythonClient, sandbox.url, String(series)], env),
      );
      expectFlowSucceeded(sandbox, credentials, run, series);
      const after = sandbox.admin.summary();
      expect(after.eimAcs).toBe(summary.eimAcs + 1);
      expect(after.cmpTokens).toBe(summary.cmpTokens + 1);
    },
  );

  it.skipIf(missing("curl", "openssl"))(
    `a POSIX sh client (curl, openssl dgst -hmac) completes every call${skipNote("curl", "openssl")}`,
    async () => {
      const series = 2;
      const summary = sandbox.admin.summary();
      const run = await withRequestLog(() =>
        runScript("sh", [curlClient, sandbox.url, String(series)], env),
      );
      expectFlowSucceeded(sandbox, credentials, run, series);
      const after = sandbox.admin.summary();
      expect(after.eimAcs).toBe(summary.eimAcs + 1);
      expect(after.cmpTokens).toBe(summary.cmpTokens + 1);
    },
  );

  it.skipIf(missing("python3"))(
    `a body altered after signing is refused and changes nothing${skipNote("python3")}`,
    async () => {
      const series = 5;
      const summary = sandbox.admin.summary();
      const logged = sandbox.admin.requests().length;
      const run = await runScript(
        "python3",
        [pythonClient, sandbox.url, String(series), "--tamper"],
        env,
      );
      expect(run.code, explain(run)).toBe(0);
      expect(run.lines).toEqual([
        // One digit of the ICCID changed after signing.
        expect.objectContaining({
          op: "generate_v1_value_altered",
          http: 200,
          success: false,
          code: "AUTH_BAD_SIGNATURE",
        }),
        // The same JSON re-serialized without json.dumps's spaces: equal as JSON, other bytes.
        expect.objectContaining({
          op: "generate_v1_whitespace_altered",
          http: 200,
          success: false,
          code: "AUTH_BAD_SIGNATURE",
        }),
        // eIM: the APN changed after signing (401005 is the sandbox's AUTH_BAD_SIGNATURE).
        expect.objectContaining({
          op: "eim_import_ac_value_altered",
          http: 200,
          success: false,
          code: 401005,
        }),
      ]);
      for (const index of [8, 9]) {
        expect(sandbox.admin.profiles({ iccid: iccidOf(series, index) }).total).toBe(0);
      }
      expect(sandbox.admin.summary()).toEqual(summary);
      // A refused request never reaches an operation, so the request log did not grow.
      expect(sandbox.admin.requests().length).toBe(logged);
    },
  );
});
