import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { GenerateBatchSummary } from "../src/batch/generate-batch-types.ts";
import { writeSampleCsv } from "./sample-records.ts";
import { tempDir } from "./test-io.ts";

// Real kill -9 drills: a child process runs generate-batch against a fake platform whose
// state survives in a file, is killed (by itself at a chosen step, or from here at a moment
// picked by the journal's length), and is resumed until done. Then every ICCID must appear
// exactly once in results.csv, and none may have been sent twice except by an explicit
// --resubmit-unknown (where the platform's one-profile-per-ICCID rule refuses the repeat).

const child = join(import.meta.dirname, "drill-child.ts");

interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stderr: string;
}

function run(dir: string, flags: readonly string[], killAfterLines?: number): Promise<Exit> {
  return new Promise((resolve, reject) => {
    const process_ = spawn(process.execPath, [child, dir, ...flags], {
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    process_.stderr.on("data", (part: Buffer) => {
      stderr += part.toString();
    });
    let watcher: NodeJS.Timeout | undefined;
    if (killAfterLines !== undefined) {
      watcher = setInterval(() => {
        if (journalLines(dir) >= killAfterLines) process_.kill("SIGKILL");
      }, 2);
    }
    process_.on("error", reject);
    process_.on("exit", (code, signal) => {
      if (watcher !== undefined) clearInterval(watcher);
      resolve({ code, signal, stderr });
    });
  });
}

function journalLines(dir: string): number {
  const path = join(dir, "out", "journal.jsonl");
  if (!existsSync(path)) return 0;
  return readFileSync(path, "utf8").split("\n").length - 1;
}

function setUp(records: number): string {
  const dir = tempDir();
  mkdirSync(dir, { recursive: true });
  writeSampleCsv(join(dir, "in.csv"), records);
  return dir;
}

function summaryOf(dir: string): GenerateBatchSummary {
  return JSON.parse(readFileSync(join(dir, "summary.json"), "utf8")) as GenerateBatchSummary;
}

function resultRows(dir: string): string[][] {
  return readFileSync(join(dir, "out", "results.csv"), "utf8")
    .trimEnd()
    .split("\n")
    .slice(1)
    .map((line) => line.split(","));
}

function sentCounts(dir: string): Map<string, number> {
  const state = JSON.parse(readFileSync(join(dir, "platform.json"), "utf8")) as { sent: string[] };
  const counts = new Map<string, number>();
  for (const iccid of state.sent) counts.set(iccid, (counts.get(iccid) ?? 0) + 1);
  return counts;
}

function expectExactlyOnce(dir: string, records: number): void {
  const rows = resultRows(dir);
  const iccids = rows.map((row) => row[0]);
  expect(new Set(iccids).size).toBe(rows.length);
  expect(rows).toHaveLength(records);
  const byIccid = new Map(rows.map((row) => [row[0] as string, row]));
  for (const [iccid, count] of sentCounts(dir)) {
    if (count === 1) continue;
    // Sent twice only through --resubmit-unknown, and then refused by the platform.
    expect(count).toBe(2);
    expect(byIccid.get(iccid)?.[1]).toBe("failed");
    expect(byIccid.get(iccid)?.join(",")).toContain("already exists");
  }
}

describe("kill -9 drills", () => {
  it("a kill after the platform took a batch but before its code was journaled leaves an unknown chunk", async () => {
    const dir = setUp(200);
    expect((await run(dir, ["--kill-at", "after-submit:3"])).signal).toBe("SIGKILL");
    const resumed = await run(dir, ["--resume"]);
    expect(resumed.code, resumed.stderr).toBe(0);
    // Submission 3 at least; others that were in flight (concurrency 4) too.
    const unknown = summaryOf(dir);
    expect(unknown.unknown).toBeGreaterThanOrEqual(20);
    expect(unknown.unknown).toBe(unknown.unknownChunks.length * 20);
    await run(dir, ["--resume", "--resubmit-unknown"]);
    const final = summaryOf(dir);
    expect(final).toMatchObject({ unknown: 0, succeeded: 200 - final.failed });
    // The records the platform had taken are refused when resent, and only those.
    expect(final.failed).toBeGreaterThanOrEqual(20);
    expect(final.failed).toBe([...sentCounts(dir).values()].filter((count) => count === 2).length);
    expectExactlyOnce(dir, 200);
  });

  it("a kill before the platform took a batch loses nothing once it is resubmitted", async () => {
    const dir = setUp(200);
    expect((await run(dir, ["--kill-at", "before-submit:2"])).signal).toBe("SIGKILL");
    await run(dir, ["--resume", "--resubmit-unknown"]);
    const final = summaryOf(dir);
    expect(final).toMatchObject({ unknown: 0, succeeded: 200 - final.failed });
    expect(final.failed).toBe([...sentCounts(dir).values()].filter((count) => count === 2).length);
    expectExactlyOnce(dir, 200);
  });

  it("a kill while polling resumes by polling, sending nothing again", async () => {
    const dir = setUp(200);
    expect((await run(dir, ["--kill-at", "while-polling:4"])).signal).toBe("SIGKILL");
    await run(dir, ["--resume"]);
    expect(summaryOf(dir)).toMatchObject({ unknown: 0, failed: 0, succeeded: 200 });
    expect([...sentCounts(dir).values()].every((count) => count === 1)).toBe(true);
    expectExactlyOnce(dir, 200);
  });

  it("repeated kills at moments picked from outside end with every ICCID exactly once", async () => {
    const dir = setUp(1000);
    let kills = 0;
    for (const lines of [4, 30, 80, 120]) {
      const exit = await run(dir, journalLines(dir) === 0 ? [] : ["--resume"], lines);
      if (exit.signal !== "SIGKILL") break;
      kills += 1;
    }
    expect(kills).toBeGreaterThanOrEqual(2);
    const last = await run(dir, ["--resume", "--resubmit-unknown"]);
    expect(last.code, last.stderr).toBe(0);
    expect(summaryOf(dir)).toMatchObject({ unknown: 0, pending: 0 });
    expectExactlyOnce(dir, 1000);
  });
});
