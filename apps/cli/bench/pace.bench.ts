// Benchmark: the run time of `simlessly ac generate-batch --qr none --concurrency 8` follows
// the platform, as pipelined-script.ts's does: long batch delays, and a request rate limit
// (--rate, applied to both). No bulk client can finish sooner than its last batch is
// submitted plus the batch delay, nor, under a rate, sooner than one submission and one poll
// per batch allow (2 × batches / rate); the table shows that floor beside the measured times.
//
//   node bench/pace.bench.ts [--records N] [--rounds N] [--cases 5000,30000,1000@20]
//                            [--concurrency N] [--poll-wait MS] [--cli-args="…"]
// A case is a sandbox batch delay in ms, optionally @ a rate in requests per second.
// BENCH_PACE_RECORDS (default 20000) and BENCH_PACE_ROUNDS (default 1) set the defaults; at
// 20,000 records (100 batches) the script takes about 6 to 31 s per case. The script and the
// CLI alternate, each against a fresh sandbox process; the table shows medians.
import { parseArgs } from "node:util";
import {
  runCli,
  runScript,
  type SandboxRun,
  type ScriptRun,
  withFlags,
} from "./against-sandbox.ts";
import { sampleCsv } from "./sample-input.ts";
import { median } from "./summary.ts";

const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== "--"),
  options: {
    records: { type: "string", default: process.env.BENCH_PACE_RECORDS ?? "20000" },
    rounds: { type: "string", default: process.env.BENCH_PACE_ROUNDS ?? "1" },
    cases: { type: "string", default: "5000,30000,1000@20" },
    concurrency: { type: "string", default: "8" },
    "poll-wait": { type: "string", default: "200" },
    "cli-args": { type: "string", default: "" },
  },
});
const records = Number(values.records);
const input = sampleCsv(records);
const batches = Math.ceil(records / 200);
const extra = values["cli-args"].split(/\s+/).filter((arg) => arg !== "");
const cliFlags = withFlags(["--qr", "none", "--concurrency", values.concurrency], extra);
const cases = values.cases.split(",").map((text) => {
  const [delay, rate] = text.split("@");
  return { batchDelayMs: Number(delay), rate: rate === undefined ? undefined : Number(rate) };
});

const results = cases.map((pace) => ({ pace, script: [] as ScriptRun[], cli: [] as SandboxRun[] }));
for (let round = 0; round < Number(values.rounds); round += 1) {
  for (const [index, { pace, script, cli }] of results.entries()) {
    const settings = { input, records, batchDelayMs: pace.batchDelayMs };
    const flags = withFlags(cliFlags, pace.rate === undefined ? [] : ["--rate", String(pace.rate)]);
    const knobs = {
      concurrency: Number(values.concurrency),
      pollWaitMs: Number(values["poll-wait"]),
      rate: pace.rate,
    };
    const report = (what: string, run: SandboxRun) =>
      console.log(
        `round ${round + 1}, delay ${pace.batchDelayMs} ms${pace.rate === undefined ? "" : `, ${pace.rate}/s`}, ${what}: ${(run.wallMs / 1000).toFixed(2)} s, CPU ${run.cpuSeconds.toFixed(1)} s, peak RSS ${run.peakRssMiB.toFixed(0)} MiB, load ${run.load.join(" → ")}`,
      );
    // The order alternates from case to case and round to round, so load hits both alike.
    for (const side of (round + index) % 2 === 0 ? ["script", "cli"] : ["cli", "script"]) {
      if (side === "script") {
        script.push(await runScript(settings, knobs));
        report("script", script.at(-1) as ScriptRun);
      } else {
        cli.push(await runCli(settings, flags));
        report(`cli ${flags.join(" ")}`, cli.at(-1) as SandboxRun);
      }
    }
  }
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
console.log(
  `\n${records} records (${batches} batches); script: ${values.concurrency} in flight, asks again after ${values["poll-wait"]} ms; cli ${cliFlags.join(" ")} (+ --rate); medians of ${values.rounds} round(s)\n`,
);
console.log(
  "| batch delay | rate | batches / rate | script's submissions | floor | script | CLI | CLI / script |",
);
console.log("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
for (const { pace, script, cli } of results) {
  const submitted = median(script.map((run) => run.submitMs));
  const byRate = pace.rate === undefined ? undefined : (batches / pace.rate) * 1000;
  const floor =
    byRate === undefined
      ? submitted + pace.batchDelayMs
      : Math.max(2 * byRate, byRate + pace.batchDelayMs);
  const scriptWall = median(script.map((run) => run.wallMs));
  const cliWall = median(cli.map((run) => run.wallMs));
  const cells = [
    seconds(pace.batchDelayMs),
    pace.rate === undefined ? "none" : `${pace.rate}/s`,
    byRate === undefined ? "–" : seconds(byRate),
    seconds(submitted),
    seconds(floor),
    seconds(scriptWall),
    seconds(cliWall),
    `${(cliWall / scriptWall).toFixed(2)}×`,
  ];
  console.log(`| ${cells.join(" | ")} |`);
}
