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
// exactly once in results.csv with the code the platform holds for it now, and none may have
// been sent twice except by an explicit --resubmit-unknown (where the platform's
// one-profile-per-ICCID rule refuses the repeat) or --recover-lost-codes.

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

interface PlatformState {
  readonly sent: string[];
  readonly profiles: Record<string, string>;
  readonly deleted?: string[];
}

function platformState(dir: string): PlatformState {
  return JSON.parse(readFileSync(join(dir, "platform.json"), "utf8")) as PlatformState;
}

function sentCounts(dir: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const iccid of platformState(dir).sent) counts.set(iccid, (counts.get(iccid) ?? 0) + 1);
  return counts;
}

/** Every ICCID has one row, a success with the code the platform holds for it now. */
function expectExactlyOnce(dir: string, records: number): void {
  const rows = resultRows(dir);
  const iccids = rows.map((row) => row[0]);
  expect(new Set(iccids).size).toBe(rows.length);
  expect(rows).toHaveLength(records);
  const { profiles } = platformState(dir);
  for (const [iccid, status, code] of rows) {
    expect(status).toBe("success");
    expect(code).toBe(profiles[iccid as string]);
  }
}

/** ICCIDs sent more than once: each was lost, deleted and made again, once per deletion. */
function expectResentOnlyToRecover(dir: string): number {
  const deleted = platformState(dir).deleted ?? [];
  for (const [iccid, count] of sentCounts(dir)) {
    if (count === 1) continue;
    // The batch, its resubmission, then one single generation per deletion.
    const deletions = deleted.filter((each) => each === iccid).length;
    expect(deletions).toBeGreaterThanOrEqual(1);
    expect(count).toBe(2 + deletions);
  }
  return new Set(deleted).size;
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
    const resent = await run(dir, ["--resume", "--resubmit-unknown"]);
    expect(resent.code, resent.stderr).toBe(0);
    // The records the platform had taken come back "already exists": lost codes, no rows.
    const lost = summaryOf(dir);
    expect(lost).toMatchObject({ unknown: 0, failed: 0, succeeded: 200 - lost.lost });
    expect(lost.lost).toBeGreaterThanOrEqual(20);
    expect(lost.lost).toBe([...sentCounts(dir).values()].filter((count) => count === 2).length);
    expect(resultRows(dir)).toHaveLength(200 - lost.lost);

    // Recovery, killed once after the platform made a profile again but before its answer
    // was journaled, then resumed: that profile is deleted and made once more.
    expect(
      (await run(dir, ["--resume", "--recover-lost-codes", "--kill-at", "after-generate-one:3"]))
        .signal,
    ).toBe("SIGKILL");
    const recovered = await run(dir, ["--resume", "--recover-lost-codes"]);
    expect(recovered.code, recovered.stderr).toBe(0);
    expect(summaryOf(dir)).toMatchObject({ unknown: 0, lost: 0, failed: 0, succeeded: 200 });
    expect(expectResentOnlyToRecover(dir)).toBe(lost.lost);
    // The killed one at least, and any other made but not yet journaled (concurrency 4).
    const deletions = platformState(dir).deleted?.length ?? 0;
    expect(deletions).toBeGreaterThanOrEqual(lost.lost + 1);
    expect(deletions).toBeLessThanOrEqual(lost.lost + 4);
    expectExactlyOnce(dir, 200);
  });

  it("a kill before the platform took a batch loses nothing once it is resubmitted", async () => {
    const dir = setUp(200);
    expect((await run(dir, ["--kill-at", "before-submit:2"])).signal).toBe("SIGKILL");
    const resumed = await run(dir, ["--resume", "--recover-lost-codes"]);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(summaryOf(dir)).toMatchObject({ unknown: 0, lost: 0, failed: 0, succeeded: 200 });
    expectResentOnlyToRecover(dir);
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
    const last = await run(dir, ["--resume", "--recover-lost-codes"]);
    expect(last.code, last.stderr).toBe(0);
    expect(summaryOf(dir)).toMatchObject({ unknown: 0, lost: 0, pending: 0, succeeded: 1000 });
    expectResentOnlyToRecover(dir);
    expectExactlyOnce(dir, 1000);
  });
});
