// `pnpm sandbox` (src/sandbox/cli.ts) as a user runs it: it prints the URL and the demo
// credentials, serves signed requests, never prints a secret it was given, and stops on
// SIGTERM.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { demoCredentials } from "../src/index.ts";
import { createTestClients } from "./sandbox-clients.ts";

const cli = fileURLToPath(new URL("../src/sandbox/cli.ts", import.meta.url));
const children: ChildProcess[] = [];

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
});

/** Starts the CLI and resolves with everything it printed once it is ready (or has exited). */
function run(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ child: ChildProcess; output: string; code: number | null }> {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith("SIMLESSLY_")),
  );
  const child = spawn(process.execPath, [cli, ...args], {
    env: { ...clean, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => reject(new Error(`the CLI did not start:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString("utf8");
      if (output.includes("Press Ctrl+C")) {
        clearTimeout(timer);
        resolve({ child, output, code: null });
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve({ child, output, code });
    });
  });
}

function urlIn(output: string): string {
  const url = /Simlessly sandbox on (http:\/\/\S+)/.exec(output)?.[1];
  if (url === undefined) throw new Error(output);
  return url;
}

/** Every product at one sandbox URL. */
function at(url: string) {
  return { rspUrl: url, eimUrl: url, cmpUrl: url };
}

function exited(child: ChildProcess): Promise<number | null> {
  return child.exitCode !== null
    ? Promise.resolve(child.exitCode)
    : new Promise((resolve) => child.once("exit", resolve));
}

describe("pnpm sandbox", () => {
  it("prints its URL and the demo credentials, serves signed requests and stops on SIGTERM", async () => {
    const { child, output } = await run(["--port", "0", "--seed", "42", "--batch-delay", "0"]);
    const url = /Simlessly sandbox on (http:\/\/\S+)/.exec(output)?.[1];
    if (url === undefined) throw new Error(output);
    expect(output).toContain(`\nexport SIMLESSLY_BASE_URL=${url}\n`);
    expect(output).toContain(`\nexport SIMLESSLY_ACCESS_KEY=${demoCredentials.rsp.accessKey}\n`);
    expect(output).toContain(`\nexport SIMLESSLY_SECRET_KEY=${demoCredentials.rsp.secretKey}\n`);
    expect(output).toContain("seed 42");
    const clients = createTestClients({
      rspUrl: url,
      eimUrl: url,
      cmpUrl: url,
      credentials: demoCredentials,
    });
    const listed = await clients.rsp.call("listConfigs", {
      pageParam: { pageNum: 1, pageSize: 10 },
    });
    expect(listed.body).toMatchObject({ success: true });
    child.kill("SIGTERM");
    expect(await exited(child)).toBe(0);
  });

  it("stops with exit 0 on Ctrl+C, which under pnpm arrives twice", async () => {
    const { child } = await run(["--port", "0"]);
    // Once from the terminal and once forwarded by `pnpm run`: a second signal while the
    // sandbox stops must not kill it (pnpm would then report the script as failed).
    child.kill("SIGINT");
    child.kill("SIGINT");
    const exit = new Promise((resolve) =>
      child.once("exit", (code, signal) => resolve({ code, signal })),
    );
    expect(await exit).toEqual({ code: 0, signal: null });
  });

  it("prints a fingerprint, never the value, of secrets from the environment", async () => {
    const secret = "my-own-rsp-secret-4f1c";
    const token = "my-own-eim-token-9a2b";
    const { child, output } = await run(["--port", "0"], {
      SIMLESSLY_SECRET_KEY: secret,
      SIMLESSLY_EIM_TOKEN: token,
    });
    expect(output).not.toContain(secret);
    expect(output).not.toContain(token);
    expect(output).toMatch(/^# SIMLESSLY_SECRET_KEY: yours, not shown \(sha256:[0-9a-f]{12}\)$/m);
    child.kill("SIGTERM");
    await exited(child);
  });

  it("accepts the credentials of the environment over HTTP, and refuses the demo ones then", async () => {
    const rsp = { accessKey: "myownrspaccesskey1", secretKey: "my-own-rsp-secret-4f1c" };
    const { child, output } = await run(["--port", "0"], {
      SIMLESSLY_ACCESS_KEY: rsp.accessKey,
      SIMLESSLY_SECRET_KEY: rsp.secretKey,
    });
    const url = urlIn(output);
    const body = { pageParam: { pageNum: 1, pageSize: 10 } };
    const own = createTestClients({ ...at(url), credentials: { ...demoCredentials, rsp } });
    expect((await own.rsp.call("listConfigs", body)).body).toMatchObject({ success: true });
    const demo = createTestClients({ ...at(url), credentials: demoCredentials });
    expect((await demo.rsp.call("listConfigs", body)).body).toMatchObject({
      success: false,
      code: "AUTH_UNKNOWN_KEY",
    });
    child.kill("SIGTERM");
    await exited(child);
  });

  it("takes faults, the appendix scheme and a state file from its command line", async () => {
    const dataFile = join(mkdtempSync(join(tmpdir(), "simlessly-sandbox-cli-")), "state.jsonl");
    const body = { pageParam: { pageNum: 1, pageSize: 10 } };
    const faulty = await run(["--port", "0", "--error-rate", "1", "--error-status", "503"]);
    const faultyClients = createTestClients({
      ...at(urlIn(faulty.output)),
      credentials: demoCredentials,
    });
    expect(faulty.output).toContain("errorRate5xx=1");
    expect((await faultyClients.rsp.call("listConfigs", body)).status).toBe(503);
    faulty.child.kill("SIGTERM");
    await exited(faulty.child);

    const args = ["--port", "0", "--scheme", "appendix", "--batch-delay", "0", "--data", dataFile];
    const first = await run(args);
    const appendix = createTestClients({
      ...at(urlIn(first.output)),
      credentials: demoCredentials,
      rspScheme: "appendix",
    });
    const generated = await appendix.rsp.call("generateAc", {
      configName: "templateRegular01",
      iccid: "89860468152080349618",
      imsi: "460048867619618",
      ki: "6BE2053E8580B135CD43443380DB7111",
    });
    expect(generated.body).toMatchObject({ success: true });
    first.child.kill("SIGTERM");
    expect(await exited(first.child)).toBe(0);

    // A new process on the same file still knows the profile.
    const second = await run(args);
    expect(second.output).toContain(`state file ${dataFile}`);
    const again = createTestClients({
      ...at(urlIn(second.output)),
      credentials: demoCredentials,
      rspScheme: "appendix",
    });
    const detail = await again.rsp.call("getProfileDetail", { iccid: "89860468152080349618" });
    expect(detail.body).toMatchObject({ success: true, obj: { iccid: "89860468152080349618" } });
    second.child.kill("SIGTERM");
    await exited(second.child);
  });

  it("warns about the forms the docs do not show, and refuses them with --strict", async () => {
    const body = { pageParam: { pageNum: "1", pageSize: 10 } };
    const lenient = await run(["--port", "0"]);
    expect(lenient.output).toContain("accepted with an x-sandbox-warning header");
    const warned = await createTestClients({
      ...at(urlIn(lenient.output)),
      credentials: demoCredentials,
    }).rsp.call("listConfigs", body as never);
    expect(warned.body).toMatchObject({ success: true });
    expect(warned.headers.get("x-sandbox-warning")).toContain("pageParam.pageNum");
    lenient.child.kill("SIGTERM");
    await exited(lenient.child);

    const strict = await run(["--port", "0", "--strict"]);
    expect(strict.output).toContain("refused (--strict)");
    const refused = await createTestClients({
      ...at(urlIn(strict.output)),
      credentials: demoCredentials,
    }).rsp.call("listConfigs", body as never);
    expect(refused.body).toMatchObject({ success: false, code: "INVALID_REQUEST" });
    strict.child.kill("SIGTERM");
    await exited(strict.child);
  });

  it("refuses an option it cannot use, with exit code 2", async () => {
    const { output, code } = await run(["--scheme", "hmac"]);
    expect(code).toBe(2);
    expect(output).toContain("--scheme must be rsp or appendix");
  });
});
