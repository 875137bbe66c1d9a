// A child process for the kill -9 drills: runs generate-batch against a fake platform that
// keeps its state in a file (so it outlives the kill), optionally killing itself at a given
// step. Run with Node's type stripping:
//   node drill-child.ts DIR [--resume] [--resubmit-unknown] [--recover-lost-codes]
//     [--kill-at before-submit|after-submit|before-info|while-polling|after-generate-one:N]
import { renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { systemClock } from "../src/batch/clock.ts";
import { runGenerateBatch } from "../src/batch/run-generate-batch.ts";
import { createStyle } from "../src/core/terminal.ts";
import { FakePlatform } from "./fake-platform.ts";

const [dir, ...flags] = process.argv.slice(2);
if (dir === undefined) throw new Error("usage: drill-child.ts DIR [flags]");
const killAt = flags.includes("--kill-at") ? flags[flags.indexOf("--kill-at") + 1] : undefined;
const [killStep, killNumber] = killAt === undefined ? [] : killAt.split(":");

// 200 records in chunks of 20: `while-polling:N` kills at the N-th poll made once every
// submission has been answered, so nothing is in flight but polls.
const chunks = 10;
let answered = 0;
let pollsAfterSending = 0;

function killHere(step: string, number: number): void {
  if (step === killStep && number === Number(killNumber)) process.kill(process.pid, "SIGKILL");
}

const pause = () => new Promise((resolve) => setTimeout(resolve, 2));
let infoCalls = 0;
let generated = 0;
const platform = new FakePlatform({
  statePath: join(dir, "platform.json"),
  pollsUntilComplete: 1,
  beforeSubmit: async (n) => {
    await pause();
    killHere("before-submit", n);
  },
  afterSubmit: async (n) => {
    killHere("after-submit", n);
    await pause();
    answered += 1;
  },
  afterGenerateOne: async () => {
    generated += 1;
    killHere("after-generate-one", generated);
    await pause();
  },
  beforeInfo: async () => {
    infoCalls += 1;
    killHere("before-info", infoCalls);
    if (answered >= chunks) {
      pollsAfterSending += 1;
      killHere("while-polling", pollsAfterSending);
    }
    await pause();
  },
});

const summary = await runGenerateBatch(
  {
    input: "in.csv",
    format: undefined,
    outDir: "out",
    configName: "templateRegular01",
    needAcLink: false,
    concurrency: 4,
    ratePerSecond: undefined,
    pollTimeoutMs: 60_000,
    qr: "none",
    dryRun: false,
    skipInvalid: false,
    resume: flags.includes("--resume"),
    resubmitUnknown: flags.includes("--resubmit-unknown"),
    recoverLostCodes: flags.includes("--recover-lost-codes"),
    chunkSize: 20,
    pollBackoff: { initialMs: 2, maxMs: 10, factor: 2 },
  },
  async () => platform,
  {
    stdin: process.stdin,
    stderr: { write: () => true },
    style: createStyle(false),
    clock: systemClock,
    cwd: dir,
    tool: "simlessly drill",
  },
);
// Written atomically so the parent never reads half a summary.
writeFileSync(join(dir, "summary.tmp"), JSON.stringify(summary));
renameSync(join(dir, "summary.tmp"), join(dir, "summary.json"));
