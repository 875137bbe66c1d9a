import { spawn } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { sandboxArgs } from "../src/commands/sandbox-command.ts";
import { runCliForTest } from "./run-cli.ts";
import { credentialSecrets, startSandboxCli } from "./sandbox-cli.ts";

const bin = join(import.meta.dirname, "..", "src", "bin.ts");

describe("simlessly sandbox", () => {
  it("hands its own options to the sandbox command, and no global one", () => {
    expect(
      sandboxArgs({
        port: "0",
        "error-rate": "0.1",
        "no-fault-header": true,
        strict: true,
        json: true,
        verbose: true,
        "log-level": undefined,
      }),
    ).toEqual(["--port=0", "--error-rate=0.1", "--no-fault-header", "--strict"]);
  });

  it("answers on the port it prints, refuses unsigned calls and stops on SIGTERM", async () => {
    const child = spawn(process.execPath, [bin, "sandbox", "--port", "0", "--seed", "3"], {
      stdio: ["ignore", "pipe", "pipe"],
      env: { PATH: process.env.PATH, HOME: "/nonexistent-home" },
    });
    let output = "";
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on("data", (part: Buffer) => {
        output += part.toString("utf8");
        const match = /Simlessly sandbox on (http:\/\/\S+)/.exec(output);
        if (match?.[1] !== undefined && output.includes("Press Ctrl+C")) resolve(match[1]);
      });
      child.once("exit", (code) => reject(new Error(`exited with ${code}: ${output}`)));
    });
    expect(output).toContain("seed 3");
    const listing = (await (
      await fetch(`${url}/__sandbox/profiles`, { headers: { "x-sandbox-admin": "1" } })
    ).json()) as {
      total: number;
    };
    expect(listing.total).toBe(0);
    // Without signing headers the RSP API refuses, as the platform would.
    const refused = await fetch(`${url}/api/v1/config/list`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ pageParam: { pageNum: 1, pageSize: 10 } }),
    });
    expect(await refused.json()).toMatchObject({ success: false, code: "AUTH_MISSING_HEADER" });
    const exit = new Promise<number | null>((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    expect(await exit).toBe(0);
  });

  it("refuses an option the sandbox does not know, with exit 2", async () => {
    const run = await runCliForTest(["sandbox", "--ports", "1"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--ports");
  });
});

describe("--log-level", () => {
  it("refuses a level it does not know, and --verbose together with it", async () => {
    const unknown = await runCliForTest(["config", "list", "--log-level", "loud"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("--log-level must be one of debug, info, warn, error, silent");
    const both = await runCliForTest(["config", "list", "-v", "--log-level", "info"]);
    expect(both.code).toBe(2);
    const fromEnv = await runCliForTest(["config", "list"], {
      env: { HOME: "/nonexistent-home", SIMLESSLY_LOG_LEVEL: "chatty" },
    });
    expect(fromEnv.code).toBe(2);
    expect(fromEnv.stderr).toContain("SIMLESSLY_LOG_LEVEL must be one of");
  });
});

describe("the client's log on stderr", () => {
  it("repeats no failure the CLI reports itself, unless a level was asked for", async () => {
    const cli = await startSandboxCli();
    try {
      const unknownIccid = ["profile", "detail", "89860468000000000999"];
      const quiet = await cli.run(unknownIccid);
      expect(quiet.code).toBe(1);
      expect(quiet.stderr).toMatch(/^error: getProfileDetail failed/m);
      expect(quiet.stderr).not.toContain("simlessly call failed");
      const asked = await cli.run([...unknownIccid, "--log-level", "error"]);
      expect(asked.code).toBe(1);
      expect(asked.stderr).toMatch(/^error: simlessly call failed \{/m);
      const debug = await cli.run([...unknownIccid, "-v"]);
      expect(debug.stderr).toMatch(/^debug: simlessly request \{/m);
      expect(debug.stderr).not.toContain("simlessly debug:");
      // The same marker as the CLI's own output, where the client hides the signature.
      expect(debug.stderr).toContain('"Signature":"[hidden]"');
      for (const secret of credentialSecrets(cli.env)) {
        expect(debug.stderr).not.toContain(secret);
      }
    } finally {
      await cli.stop();
    }
  });
});
