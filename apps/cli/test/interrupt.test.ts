import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createSandbox, type Sandbox } from "@simlessly/mock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeSampleCsv } from "./sample-records.ts";
import { tempDir } from "./test-io.ts";

// Ctrl+C and an early stop on the real executable, against the sandbox over loopback HTTP:
// the first SIGINT stops sending, lets what is in flight be journaled, releases the lock and
// says how to resume (exit 4); a second one quits at once, still resumable.

const bin = join(import.meta.dirname, "..", "src", "bin.ts");

let sandbox: Sandbox;
beforeAll(async () => {
  // Batches take two seconds: a run of 40 batches is still busy when it is interrupted.
  sandbox = await createSandbox({ env: {}, seed: 9, batchDelayMs: 2000 });
});
afterAll(() => sandbox.stop());

interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

function journalEvents(out: string): string[] {
  const path = join(out, "journal.jsonl");
  if (!existsSync(path)) return [];
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => (JSON.parse(line) as { event: string }).event);
}

/**
 * Runs the CLI; sends a SIGINT once the journal holds `after` submissions and, when `signals`
 * is 2, a second one as soon as the CLI says it is stopping.
 */
function run(args: readonly string[], signals: number, after = 5): Promise<Exit> {
  const { accessKey, secretKey } = sandbox.credentials.rsp;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        PATH: process.env.PATH,
        HOME: "/nonexistent-home",
        SIMLESSLY_BASE_URL: sandbox.url,
        SIMLESSLY_ACCESS_KEY: accessKey,
        SIMLESSLY_SECRET_KEY: secretKey,
      },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (part: Buffer) => (stdout += part.toString("utf8")));
    child.stderr.on("data", (part: Buffer) => {
      stderr += part.toString("utf8");
      if (signals === 2 && sent === 1 && stderr.includes("stopping:")) {
        child.kill("SIGINT");
        sent += 1;
      }
    });
    const out = args[args.indexOf("--out") + 1] as string;
    let sent = 0;
    const watcher = setInterval(() => {
      if (sent >= Math.min(signals, 1)) return;
      const submitted = journalEvents(out).filter((event) => event === "submitted").length;
      if (submitted < after) return;
      child.kill("SIGINT");
      sent += 1;
    }, 50);
    child.once("error", reject);
    child.once("close", (code, signal) => {
      clearInterval(watcher);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

describe("interrupting ac generate-batch", () => {
  it("stops cleanly on Ctrl+C, says how to resume, and the resumed run settles every record", async () => {
    const dir = tempDir();
    const input = join(dir, "sims.csv");
    writeSampleCsv(input, 8000);
    const out = join(dir, "out");
    const args = [
      ...["ac", "generate-batch", "--config-name", "templateRegular01"],
      ...["--input", input, "--out", out, "--qr", "none", "--rate", "20"],
    ];
    const stopped = await run(args, 1);
    expect(stopped.code, stopped.stderr).toBe(4);
    expect(stopped.stderr).toContain("stopping: nothing more is sent");
    expect(stopped.stdout).toContain("Run interrupted");
    expect(stopped.stdout).toMatch(/pending +\d+ not finished/);
    const resume = /Continue with: (simlessly ac generate-batch .*--resume.*)$/m.exec(
      stopped.stdout,
    );
    expect(resume?.[1]).toContain(`--out ${out} --resume`);
    expect(resume?.[1]).toContain("--rate 20");
    expect(resume?.[1]).not.toContain("--input");
    // The lock is released, the journal ends with the run's own end, and nothing is unknown.
    expect(readdirSync(out).filter((name) => name.startsWith(".lock"))).toEqual([]);
    const events = journalEvents(out);
    expect(events.at(-1)).toBe("finished");
    expect(events.filter((event) => event === "unknown")).toEqual([]);
    expect(events.filter((event) => event === "submitted").length).toBeLessThan(40);

    const resumed = await run(
      [...args.filter((arg) => arg !== "--rate" && arg !== "20"), "--resume", "--json"],
      0,
    );
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).not.toContain("ended without cleaning up");
    expect(JSON.parse(resumed.stdout)).toMatchObject({ succeeded: 8000, pending: 0, unknown: 0 });
    const rows = readFileSync(join(out, "results.csv"), "utf8").trimEnd().split("\n").slice(1);
    expect(new Set(rows.map((row) => row.split(",")[0])).size).toBe(8000);
    expect(rows).toHaveLength(8000);
  });

  it("quits at once on a second Ctrl+C, and the folder can still be resumed", async () => {
    const dir = tempDir();
    const input = join(dir, "sims.csv");
    writeSampleCsv(input, 8000, 20_000);
    const out = join(dir, "out");
    const args = [
      ...["ac", "generate-batch", "--config-name", "templateRegular01"],
      ...["--input", input, "--out", out, "--qr", "none"],
    ];
    // Every answer takes two seconds, so the first Ctrl+C is still waiting for the requests
    // out when the second one comes.
    sandbox.admin.setFaults({ latencyMs: [2000, 2000] });
    let killed: Exit;
    try {
      killed = await run([...args, "--rate", "20"], 2);
    } finally {
      sandbox.admin.setFaults({});
    }
    expect(killed.code).toBe(130);
    // Without the rate: recovering a lost code takes three calls.
    const resumed = await run([...args, "--resume", "--recover-lost-codes", "--json"], 0);
    // Batches the second Ctrl+C cut off between sending and journaling the answer are sent
    // again; the records the platform had already taken are recovered: made again, with codes.
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(JSON.parse(resumed.stdout)).toMatchObject({ pending: 0, unknown: 0, lost: 0 });
    const rows = readFileSync(join(out, "results.csv"), "utf8").trimEnd().split("\n").slice(1);
    expect(rows).toHaveLength(8000);
    expect(new Set(rows.map((row) => row.split(",")[0])).size).toBe(8000);
    expect(rows.filter((row) => !row.includes(",success,1$"))).toEqual([]);
    // Three runs of 8,000 records, two of them waiting two seconds an answer: about 12 s idle.
  }, 90_000);
});
