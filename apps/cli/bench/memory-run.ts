// One measured run for memory.bench.ts: the whole generate-batch pipeline (both passes,
// journal, results.csv) in this process against a platform stand-in that keeps nothing; prints
// the peak resident set size as JSON. Usage: node bench/memory-run.ts FILE.csv [dry-run]
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BatchApi, BatchInfo } from "../src/batch/batch-api.ts";
import { runGenerateBatch } from "../src/batch/run-generate-batch.ts";
import { createStyle } from "../src/core/terminal.ts";
import { fakeActivationCode } from "../test/fake-platform.ts";

const input = process.argv[2];
const mode = process.argv[3] ?? "run";
if (input === undefined) throw new Error("usage: memory-run.ts FILE.csv [dry-run]");

// Answers every batch as complete at once and forgets it: only the pipeline's memory counts.
const pending = new Map<string, string[]>();
let next = 0;
const api: BatchApi = {
  submitBatch: async (batch) => {
    next += 1;
    const batchCode = `B${next}`;
    pending.set(
      batchCode,
      batch.records.map((record) => record.iccid),
    );
    return { batchCode };
  },
  getBatchInfo: async ({ batchCode }): Promise<BatchInfo> => {
    const iccids = pending.get(batchCode) ?? [];
    pending.delete(batchCode);
    return {
      status: "COMPLETE",
      results: iccids.map((iccid) => ({
        iccid,
        success: true,
        activationCode: fakeActivationCode(iccid),
      })),
    };
  },
};

const out = mkdtempSync(join(tmpdir(), "simlessly-bench-out-"));
const started = performance.now();
const summary = await runGenerateBatch(
  {
    input,
    format: undefined,
    outDir: mode === "dry-run" ? undefined : out,
    configName: "bench",
    needAcLink: false,
    concurrency: 4,
    ratePerSecond: undefined,
    pollTimeoutMs: 60_000,
    qr: "none",
    dryRun: mode === "dry-run",
    skipInvalid: false,
    resume: false,
    resubmitUnknown: false,
    pollBackoff: { initialMs: 0, maxMs: 0, factor: 1 },
  },
  async () => api,
  {
    stdin: process.stdin,
    stderr: { write: () => true },
    style: createStyle(false),
    clock: { now: () => Date.now(), sleep: async () => {}, random: () => 0 },
    cwd: process.cwd(),
    tool: "simlessly bench",
  },
);
const seconds = (performance.now() - started) / 1000;
rmSync(out, { recursive: true, force: true });
const peakMiB = process.resourceUsage().maxRSS / 1024;
console.log(
  JSON.stringify({
    records: summary.records,
    mode,
    succeeded: summary.succeeded,
    valid: summary.valid,
    seconds: Number(seconds.toFixed(1)),
    peakRssMiB: Number(peakMiB.toFixed(1)),
  }),
);
