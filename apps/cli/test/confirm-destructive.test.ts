import { Readable } from "node:stream";
import { createRspClient } from "@simlessly/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CliContext } from "../src/commands/command-module.ts";
import { runCli } from "../src/main.ts";
import { createRspBatchApi } from "../src/wiring/create-rsp-batch-api.ts";
import { type SandboxCli, startSandboxCli } from "./sandbox-cli.ts";
import { MemorySink, tempDir } from "./test-io.ts";

// Commands that destroy or irreversibly change platform state ask first, over real HTTP
// against the sandbox: without a yes nothing reaches it, which its request log shows.

let cli: SandboxCli;
let dir: string;
let serial = 0;

beforeAll(async () => {
  cli = await startSandboxCli();
  dir = tempDir();
});
afterAll(() => cli.stop());

/** A fresh Available profile, generated straight through the client; returns its ICCID. */
async function profile(): Promise<string> {
  serial += 1;
  const iccid = `898604681520${String(7_000_000 + serial).padStart(8, "0")}`;
  const { accessKey, secretKey } = cli.sandbox.credentials.rsp;
  const client = createRspClient({ baseUrl: cli.sandbox.url, accessKey, secretKey });
  const ki = "0123456789ABCDEF0123456789ABCDEF";
  await client.generateAc({
    configName: "templateRegular01",
    iccid,
    imsi: `46004${iccid.slice(-10)}`,
    ki,
    opc: ki,
  });
  return iccid;
}

const statusOf = (iccid: string) => cli.sandbox.admin.profiles({ iccid }).profiles[0]?.status;

/** The operations the sandbox answered since `before` requests were logged. */
function sentSince(before: number): string[] {
  return cli.sandbox.admin
    .requests()
    .slice(before)
    .map((request) => request.operationId);
}

/** Runs the CLI as a person at a terminal would, typing `typed` when asked. */
async function runOnTerminal(args: readonly string[], typed: string, env = cli.env) {
  const stdout = new MemorySink(true);
  const stderr = new MemorySink(true);
  const context: CliContext = {
    stdin: Object.assign(Readable.from([Buffer.from(typed)]), { isTTY: true }),
    stdout,
    stderr,
    env,
    cwd: dir,
    createBatchApi: createRspBatchApi,
  };
  const code = await runCli(args, context);
  return { code, stdout: stdout.text, stderr: stderr.text };
}

describe("profile delete", () => {
  it("without --yes and without a terminal sends nothing and exits 2", async () => {
    const iccid = await profile();
    const before = cli.sandbox.admin.requests().length;
    const refused = await cli.run(["profile", "delete", iccid], { cwd: dir });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`Delete profile ${iccid} on ${cli.sandbox.url}`);
    expect(refused.stderr).toContain("pass --yes (-y)");
    expect(refused.stdout).toBe("");
    const asJson = await cli.run(["profile", "delete", iccid, "--json"], { cwd: dir });
    expect(asJson.code).toBe(2);
    expect(JSON.parse(asJson.stdout)).toMatchObject({ ok: false, exitCode: 2 });
    expect(asJson.stdout).toContain("pass --yes (-y)");
    expect(sentSince(before)).toEqual([]);
    expect(statusOf(iccid)).toBe("Available");
  });

  it("with --yes (or -y) deletes without asking", async () => {
    const iccid = await profile();
    const before = cli.sandbox.admin.requests().length;
    const deleted = await cli.run(["profile", "delete", iccid, "--yes"], { cwd: dir });
    expect(deleted.code, deleted.stderr).toBe(0);
    expect(deleted.stdout).toContain(`Profile ${iccid} deleted`);
    expect(deleted.stderr).not.toContain("[y/N]");
    expect(sentSince(before)).toEqual(["deleteProfile"]);
    expect(statusOf(iccid)).toBe("Deleted");
    const short = await profile();
    expect((await cli.run(["profile", "delete", "-y", short], { cwd: dir })).code).toBe(0);
    expect(statusOf(short)).toBe("Deleted");
  });

  it("on a terminal asks, and an answer of n sends nothing", async () => {
    const iccid = await profile();
    const before = cli.sandbox.admin.requests().length;
    const declined = await runOnTerminal(["profile", "delete", iccid], "n\n");
    expect(declined.code).toBe(2);
    expect(declined.stderr).toContain(
      `Delete profile ${iccid} on ${cli.sandbox.url}? This cannot be undone. [y/N] `,
    );
    expect(declined.stderr).toContain("not confirmed");
    expect(declined.stdout).toBe("");
    expect(sentSince(before)).toEqual([]);
    expect(statusOf(iccid)).toBe("Available");
  });

  it("on a terminal deletes after an answer of y", async () => {
    const iccid = await profile();
    const before = cli.sandbox.admin.requests().length;
    const confirmed = await runOnTerminal(["profile", "delete", iccid, "--force"], "y\n");
    expect(confirmed.code, confirmed.stderr).toBe(0);
    expect(confirmed.stderr).toContain(`Delete profile ${iccid} with force`);
    expect(sentSince(before)).toEqual(["deleteProfile"]);
    expect(statusOf(iccid)).toBe("Deleted");
  });

  it("reports missing credentials and invalid input before asking", async () => {
    const iccid = await profile();
    const before = cli.sandbox.admin.requests().length;
    const noKeys = await runOnTerminal(["profile", "delete", iccid], "y\n", {
      ...cli.env,
      SIMLESSLY_SECRET_KEY: "",
    });
    expect(noKeys.code).toBe(3);
    expect(noKeys.stderr).not.toContain("[y/N]");
    const badIccid = await runOnTerminal(["profile", "delete", "12"], "y\n");
    expect(badIccid.code).toBe(2);
    expect(badIccid.stderr).toContain("iccid: must be 19 or 20 digits");
    expect(badIccid.stderr).not.toContain("[y/N]");
    expect(sentSince(before)).toEqual([]);
  });
});

describe("the other commands that ask", () => {
  it("order cancel and expire refuse without --yes; cancel reading --input - needs --yes", async () => {
    const iccid = await profile();
    await cli.run(["order", "download", iccid], { cwd: dir });
    const before = cli.sandbox.admin.requests().length;
    const cancel = await cli.run(["order", "cancel", iccid], { cwd: dir });
    expect(cancel.code).toBe(2);
    expect(cancel.stderr).toContain(`Cancel the order for profile ${iccid}`);
    const expire = await cli.run(["order", "expire", iccid], { cwd: dir });
    expect(expire.code).toBe(2);
    expect(expire.stderr).toContain("pass --yes");
    const fromStdin = await runOnTerminal(["order", "cancel", iccid, "--input", "-"], "{}");
    expect(fromStdin.code).toBe(2);
    expect(fromStdin.stderr).toContain("stdin holds the input: pass --yes");
    expect(sentSince(before)).toEqual([]);
    expect(statusOf(iccid)).toBe("Allocated");
  });

  it("cmp sim status asks before deactivating, not before activating", async () => {
    const iccid = await profile();
    const before = cli.sandbox.admin.requests().length;
    const deactivate = await runOnTerminal(
      ["cmp", "sim", "status", "--deactivate", iccid, "89860468152080349626"],
      "no\n",
    );
    expect(deactivate.code).toBe(2);
    expect(deactivate.stderr).toContain(
      `Deactivate 2 SIMs with ICCID ${iccid}, 89860468152080349626 on ${cli.sandbox.url}? They lose service until activated again. [y/N] `,
    );
    expect(sentSince(before)).toEqual([]);
    const activate = await cli.run(["cmp", "sim", "status", "--activate", iccid], { cwd: dir });
    expect(activate.stderr).not.toContain("pass --yes");
    expect(sentSince(before)).toContain("changeSimStatus");
  });
});
