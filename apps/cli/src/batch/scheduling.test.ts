import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { batchOptions } from "../../test/batch-options.ts";
import { FakePlatform } from "../../test/fake-platform.ts";
import { sampleRecords, toCsv } from "../../test/sample-records.ts";
import { tempDir, testIo, virtualClock } from "../../test/test-io.ts";
import type { GenerateBatchOptions } from "./generate-batch-types.ts";
import { runGenerateBatch } from "./run-generate-batch.ts";

// How the pipeline paces itself against a platform whose batches take time: submissions go
// out as fast as the slots allow, polls wait for the batch time, and the run takes about one
// batch time plus the time to submit, on a simulated clock.

function options(overrides: Partial<GenerateBatchOptions> = {}): GenerateBatchOptions {
  return batchOptions({ concurrency: 4, pollTimeoutMs: 3_600_000, ...overrides });
}

async function timedRun(records: number, batchMs: number, overrides = {}) {
  const dir = tempDir();
  writeFileSync(join(dir, "in.csv"), toCsv(sampleRecords(records)));
  const io = { ...testIo(dir), clock: virtualClock() };
  const started = io.clock.now();
  const platform = new FakePlatform({ batchTime: { ms: batchMs, now: io.clock.now } });
  let polls = 0;
  let lastSubmission = started;
  const counting = {
    submitBatch: (input: Parameters<FakePlatform["submitBatch"]>[0]) => {
      lastSubmission = io.clock.now();
      return platform.submitBatch(input);
    },
    getBatchInfo: (input: Parameters<FakePlatform["getBatchInfo"]>[0]) => {
      polls += 1;
      return platform.getBatchInfo(input);
    },
  };
  const summary = await runGenerateBatch(options(overrides), async () => counting, io);
  const ended = io.clock.now();
  return {
    dir,
    summary,
    platform,
    polls,
    elapsedMs: ended - started,
    sendingMs: lastSubmission - started,
    afterSendingMs: ended - lastSubmission,
  };
}

describe("scheduling against batches that take time", () => {
  it.each([30_000, 120_000, 600_000])(
    "sends 40 batches before the first completes, and ends about one batch time of %i ms later",
    async (batchMs) => {
      const { summary, sendingMs, afterSendingMs, polls } = await timedRun(160, batchMs);
      expect(summary).toMatchObject({ succeeded: 160, pending: 0, unknown: 0 });
      // Holding and waiting on 2 × 4 chunks at a time would send the last one after four
      // batch times.
      expect(sendingMs).toBeLessThan(batchMs);
      expect(afterSendingMs).toBeLessThan(batchMs * 1.6);
      // Polled near the batch time: about two polls a batch, not one every few seconds.
      expect(polls).toBeLessThan(40 * 3);
    },
  );

  it("keeps at most --max-pending batches waiting, and still finishes", async () => {
    const { summary, platform, elapsedMs } = await timedRun(80, 10_000, { maxPending: 3 });
    expect(summary).toMatchObject({ succeeded: 80, pending: 0 });
    expect(platform.state.maxOpen).toBe(3);
    // 20 batches, 3 at a time: about 7 batch times.
    expect(elapsedMs).toBeGreaterThan(6 * 10_000);
  });

  it("gives each row of results.csv the input line of its record", async () => {
    const { dir } = await timedRun(10, 1_000);
    const rows = readFileSync(join(dir, "out", "results.csv"), "utf8")
      .trimEnd()
      .split("\n");
    const lineOf = new Map(
      sampleRecords(10).map((record, index) => [record.iccid, String(index + 2)]),
    );
    expect(rows[0]?.split(",").at(-1)).toBe("line");
    for (const row of rows.slice(1)) {
      const cells = row.split(",");
      expect(cells.at(-1)).toBe(lineOf.get(cells[0] as string));
    }
  });

  it("stops sending and polling when interrupted, and a resumed run settles every record once", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "in.csv"), toCsv(sampleRecords(200)));
    const clock = virtualClock();
    const platform = new FakePlatform({ batchTime: { ms: 5_000, now: clock.now } });
    const interrupt = new AbortController();
    const stopping = {
      submitBatch: async (input: Parameters<FakePlatform["submitBatch"]>[0]) => {
        if (platform.state.submissions === 10) interrupt.abort();
        return platform.submitBatch(input);
      },
      getBatchInfo: platform.getBatchInfo.bind(platform),
    };
    const first = await runGenerateBatch(options({ concurrency: 2 }), async () => stopping, {
      ...testIo(dir),
      clock,
      interrupt: interrupt.signal,
    });
    expect(first.outcome).toBe("interrupted");
    expect(first.unknown).toBe(0);
    expect(first.pending).toBeGreaterThan(0);
    expect(first.succeeded + first.pending).toBe(200);
    expect(platform.state.submissions).toBeLessThanOrEqual(12);
    const resumed = await runGenerateBatch(options({ resume: true }), async () => platform, {
      ...testIo(dir),
      clock,
    });
    expect(resumed).toMatchObject({ outcome: "finished", succeeded: 200, pending: 0, unknown: 0 });
    expect(new Set(platform.state.sent).size).toBe(platform.state.sent.length);
  });
});
