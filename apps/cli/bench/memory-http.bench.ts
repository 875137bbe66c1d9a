// Benchmark: peak memory of `simlessly ac generate-batch` at 1,000,000 records against
// 100,000 (goal: at most 1.3×), the CLI running as a user runs it, over HTTP against a fresh
// sandbox process each time, --qr none and otherwise the CLI's defaults (it finds its polling
// pace itself). memory.bench.ts measures the same pipeline in-process against a stand-in that
// keeps nothing; this one includes the HTTP client and real waits.
//
//   node bench/memory-http.bench.ts [--small N] [--large N] [--rounds N] [--batch-delay MS]
//                                   [--cli-args="…"]
// BENCH_RECORDS (100000), BENCH_LARGE (1000000) and BENCH_MEMORY_ROUNDS (1) set the defaults;
// the batch delay is the sandbox's own (1000 ms); --cli-args adds flags to both runs. The large
// run takes minutes: the CLI is paced by the platform's batch delay, not by its CPU.
import { parseArgs } from "node:util";
import { runCli, type SandboxRun, withFlags } from "./against-sandbox.ts";
import { sampleCsv } from "./sample-input.ts";
import { describeRuns, median } from "./summary.ts";

const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== "--"),
  options: {
    small: { type: "string", default: process.env.BENCH_RECORDS ?? "100000" },
    large: { type: "string", default: process.env.BENCH_LARGE ?? "1000000" },
    rounds: { type: "string", default: process.env.BENCH_MEMORY_ROUNDS ?? "1" },
    "batch-delay": { type: "string", default: "1000" },
    "cli-args": { type: "string", default: "" },
  },
});
const flags = withFlags(
  ["--qr", "none"],
  values["cli-args"].split(/\s+/).filter((arg) => arg !== ""),
);
const sizes = [Number(values.small), Number(values.large)];
const runs = new Map<number, SandboxRun[]>(sizes.map((records) => [records, []]));
for (let round = 0; round < Number(values.rounds); round += 1) {
  for (const records of sizes) {
    const settings = {
      input: sampleCsv(records),
      records,
      batchDelayMs: Number(values["batch-delay"]),
    };
    const run = await runCli(settings, flags);
    runs.get(records)?.push(run);
    console.log(
      `round ${round + 1}, ${records} records: peak RSS ${run.peakRssMiB.toFixed(1)} MiB in ${(run.wallMs / 1000).toFixed(1)} s, load ${run.load.join(" → ")}`,
    );
  }
}
const [small, large] = sizes.map((records) => runs.get(records) ?? []) as [
  SandboxRun[],
  SandboxRun[],
];
console.log(`\n${sizes[0]} records: ${describeRuns(small)}`);
console.log(`${sizes[1]} records: ${describeRuns(large)}`);
const ratio =
  median(large.map((run) => run.peakRssMiB)) / median(small.map((run) => run.peakRssMiB));
console.log(`peak RSS ratio ${ratio.toFixed(2)} (goal ≤ 1.30: ${ratio <= 1.3 ? "met" : "missed"})`);
