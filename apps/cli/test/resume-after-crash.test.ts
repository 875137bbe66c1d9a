import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { GenerateBatchOptions } from "../src/batch/generate-batch-types.ts";
import { runGenerateBatch } from "../src/batch/run-generate-batch.ts";
import { batchOptions } from "./batch-options.ts";
import { FakePlatform, fakeActivationCode } from "./fake-platform.ts";
import { sampleRecords, toCsv } from "./sample-records.ts";
import { tempDir, testIo } from "./test-io.ts";

// Crash drills without a process: a complete run's journal is cut after each of its events
// (and, with results.csv left longer than the journal says, after each row write), the
// platform is put in the state it had at that moment, and the run is resumed.

const records = sampleRecords(11);
const allIccids = records.map((record) => record.iccid).sort();

function options(overrides: Partial<GenerateBatchOptions> = {}): GenerateBatchOptions {
  return batchOptions({ concurrency: 2, chunkSize: 3, ...overrides });
}

interface Event {
  event: string;
  chunk?: number;
  iccids?: string[];
  batchCode?: string;
}

let original: { dir: string; lines: string[]; results: string };

beforeAll(async () => {
  const dir = tempDir();
  writeFileSync(join(dir, "in.csv"), toCsv(records));
  await runGenerateBatch(
    options(),
    async () => new FakePlatform({ pollsUntilComplete: 2 }),
    testIo(dir),
  );
  const lines = readFileSync(join(dir, "out", "journal.jsonl"), "utf8")
    .split("\n")
    .filter((line) => line !== "");
  original = { dir, lines, results: readFileSync(join(dir, "out", "results.csv"), "utf8") };
});

/** The platform as it was when the run died after the journal's first `count` lines. */
function platformAt(events: readonly Event[], receivedUnacknowledged: boolean): FakePlatform {
  const platform = new FakePlatform({ pollsUntilComplete: 0 });
  const submitting = new Map<number, string[]>();
  for (const event of events) {
    if (event.event === "submitting")
      submitting.set(event.chunk as number, event.iccids as string[]);
    if (event.event === "submitted") {
      const iccids = submitting.get(event.chunk as number) as string[];
      submitting.delete(event.chunk as number);
      addBatch(platform, event.batchCode as string, iccids);
    }
    if (event.event === "completed") submitting.delete(event.chunk as number);
  }
  if (receivedUnacknowledged) {
    for (const [chunk, iccids] of submitting) addBatch(platform, `LOST${chunk}`, iccids);
  }
  platform.state.submissions = 100;
  platform.state.sent = [];
  return platform;
}

function addBatch(platform: FakePlatform, batchCode: string, iccids: readonly string[]): void {
  for (const iccid of iccids) platform.state.profiles[iccid] = fakeActivationCode(iccid);
  platform.state.batches[batchCode] = {
    iccids: [...iccids],
    results: iccids.map((iccid) => ({
      iccid,
      success: true,
      activationCode: fakeActivationCode(iccid),
    })),
    polls: 0,
  };
}

function crashedCopy(count: number, fullResults: boolean, tail = ""): string {
  const dir = tempDir();
  cpSync(join(original.dir, "in.csv"), join(dir, "in.csv"));
  mkdirSync(join(dir, "out"), { mode: 0o700 });
  const kept = original.lines.slice(0, count);
  writeFileSync(
    join(dir, "out", "journal.jsonl"),
    kept.map((line) => `${line}\n`).join("") + tail,
    { mode: 0o600 },
  );
  const lastBytes = kept
    .map((line) => JSON.parse(line) as { resultsBytes?: number })
    .reduce<number | undefined>((bytes, event) => event.resultsBytes ?? bytes, undefined);
  const header = original.results.slice(0, original.results.indexOf("\n") + 1);
  const results = fullResults
    ? original.results
    : original.results.slice(0, lastBytes ?? header.length);
  writeFileSync(join(dir, "out", "results.csv"), results, { mode: 0o600 });
  return dir;
}

function resultIccids(dir: string): string[] {
  return readFileSync(join(dir, "out", "results.csv"), "utf8")
    .trimEnd()
    .split("\n")
    .slice(1)
    .map((line) => line.split(",")[0] as string);
}

describe("--resume after a crash", () => {
  it("has a journal of start, three events per chunk and finished", () => {
    expect(original.lines).toHaveLength(1 + 4 * 3 + 1);
    // Every chunk passes through submitting alone: some cut points fall right after it.
    expect((JSON.parse(original.lines[1] as string) as Event).event).toBe("submitting");
  });

  const cases = [];
  for (let count = 1; count <= 13; count += 1) {
    for (const fullResults of [false, true]) {
      for (const received of [false, true]) {
        cases.push({ count, fullResults, received });
      }
    }
  }

  it.each(cases)(
    "after $count journal lines (rows beyond the journal: $fullResults, unacknowledged batch processed: $received) loses nothing and sends nothing twice",
    async ({ count, fullResults, received }) => {
      const events = original.lines.slice(0, count).map((line) => JSON.parse(line) as Event);
      const states = new Map<number, string>();
      const chunkIccids = new Map<number, string[]>();
      for (const event of events) {
        if (event.chunk === undefined) continue;
        states.set(event.chunk, event.event);
        if (event.iccids !== undefined) chunkIccids.set(event.chunk, event.iccids);
      }
      const unknownChunks = [...states]
        .filter(([, state]) => state === "submitting")
        .map(([chunk]) => chunk);
      const alreadySent = new Set(
        [...states]
          .filter(([, state]) => state !== "submitting")
          .flatMap(([chunk]) => chunkIccids.get(chunk) ?? []),
      );
      const unknownIccids = unknownChunks.flatMap((chunk) => chunkIccids.get(chunk) ?? []);

      // First resume: unknown chunks are reported, not sent.
      const dir = crashedCopy(count, fullResults);
      const platform = platformAt(events, received);
      const summary = await runGenerateBatch(
        options({ resume: true }),
        async () => platform,
        testIo(dir),
      );
      expect(summary.unknownChunks).toEqual(unknownChunks.sort());
      expect(summary.unknown).toBe(unknownIccids.length);
      for (const iccid of platform.state.sent) {
        expect(alreadySent.has(iccid)).toBe(false);
        expect(unknownIccids).not.toContain(iccid);
      }
      expect(new Set(platform.state.sent).size).toBe(platform.state.sent.length);
      const afterFirst = resultIccids(dir);
      expect(new Set(afterFirst).size).toBe(afterFirst.length);
      expect([...afterFirst, ...unknownIccids].sort()).toEqual(allIccids);

      // Second resume with --resubmit-unknown: what the unanswered attempt made comes back
      // "already exists": lost codes, without a row; every other ICCID once in results.csv.
      const second = await runGenerateBatch(
        options({ resume: true, resubmitUnknown: true }),
        async () => platform,
        testIo(dir),
      );
      const lost = received ? unknownIccids.length : 0;
      expect(second.unknown).toBe(0);
      expect(second.failed).toBe(0);
      expect(second.lost).toBe(lost);
      expect(second.succeeded).toBe(allIccids.length - lost);
      const lostIccids = allIccids.filter((iccid) => !resultIccids(dir).includes(iccid));
      expect(lostIccids.sort()).toEqual(received ? [...unknownIccids].sort() : []);

      // Third resume with --recover-lost-codes: each lost profile deleted and made again, so
      // every ICCID has one row, with the code the platform holds now.
      const third = await runGenerateBatch(
        options({ resume: true, recoverLostCodes: true }),
        async () => platform,
        testIo(dir),
      );
      expect(third.lost).toBe(0);
      expect(third.succeeded).toBe(allIccids.length);
      expect(platform.state.deleted ?? []).toEqual(lostIccids);
      const rows = readFileSync(join(dir, "out", "results.csv"), "utf8")
        .trimEnd()
        .split("\n")
        .slice(1)
        .map((line) => line.split(","));
      expect(rows.map((row) => row[0]).sort()).toEqual(allIccids);
      for (const [iccid, status, code] of rows) {
        expect(status).toBe("success");
        expect(code).toBe(platform.state.profiles[iccid as string]);
      }
    },
  );

  it("ignores a torn last line with a note and cuts it off the journal", async () => {
    const dir = crashedCopy(5, false, original.lines[5]?.slice(0, 20));
    const events = original.lines.slice(0, 5).map((line) => JSON.parse(line) as Event);
    const io = testIo(dir);
    const summary = await runGenerateBatch(
      options({ resume: true, resubmitUnknown: true }),
      async () => platformAt(events, false),
      io,
    );
    expect(io.stderr.text).toContain(
      "the journal's last line was cut short by a crash; it is ignored",
    );
    expect(summary.unknown).toBe(0);
    expect(resultIccids(dir).sort()).toEqual(allIccids);
    const lines = readFileSync(join(dir, "out", "journal.jsonl"), "utf8").split("\n");
    for (const line of lines.filter((text) => text !== ""))
      expect(() => JSON.parse(line)).not.toThrow();
  });

  it("starts over when the run died while writing its journal's first line", async () => {
    const dir = crashedCopy(0, false, original.lines[0]?.slice(0, 30));
    const platform = new FakePlatform();
    const io = testIo(dir);
    const summary = await runGenerateBatch(options({ resume: true }), async () => platform, io);
    expect(io.stderr.text).toContain(
      "the previous run stopped before it sent anything; starting it over",
    );
    expect(summary).toMatchObject({ resumed: false, succeeded: 11 });
    expect(resultIccids(dir).sort()).toEqual(allIccids);
  });

  it("creates results.csv when the run died right after its journal's first line", async () => {
    const dir = crashedCopy(1, false);
    const { rmSync } = await import("node:fs");
    rmSync(join(dir, "out", "results.csv"));
    const summary = await runGenerateBatch(
      options({ resume: true }),
      async () => new FakePlatform(),
      testIo(dir),
    );
    expect(summary).toMatchObject({ resumed: true, succeeded: 11 });
    expect(resultIccids(dir).sort()).toEqual(allIccids);
  });

  it("refuses a journal with a damaged line that is not the last", async () => {
    const dir = crashedCopy(5, false);
    const lines = readFileSync(join(dir, "out", "journal.jsonl"), "utf8").split("\n");
    lines[2] = "{not json";
    writeFileSync(join(dir, "out", "journal.jsonl"), lines.join("\n"));
    await expect(
      runGenerateBatch(options({ resume: true }), async () => new FakePlatform(), testIo(dir)),
    ).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringMatching(/line 3 is not a journal event/),
    });
  });

  it("refuses to resume when results.csv was made readable by others", async () => {
    const dir = crashedCopy(5, false);
    writeFileSync(
      join(dir, "out", "results.csv"),
      "iccid,status,activationCode,acLink,errorReason\n",
      { mode: 0o644 },
    );
    const { chmodSync } = await import("node:fs");
    chmodSync(join(dir, "out", "results.csv"), 0o644);
    await expect(
      runGenerateBatch(options({ resume: true }), async () => new FakePlatform(), testIo(dir)),
    ).rejects.toThrow(/readable by others.*chmod 600/);
  });
});
