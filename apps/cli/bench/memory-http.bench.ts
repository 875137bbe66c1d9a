// Benchmark: peak memory of `simlessly ac generate-batch` at 1,000,000 records against
// 100,000 (goal: at most 1.3×), the CLI running as a user runs it, over HTTP against a fresh
// sandbox process each time, --qr none. memory.bench.ts measures the same pipeline in-process
// against a stand-in that keeps nothing; this one includes the HTTP client and real waits.
//
//   node bench/memory-http.bench.ts [--small N] [--large N] [--rounds N] [--batch-delay MS]
// BENCH_RECORDS (100000), BENCH_LARGE (1000000) and BENCH_MEMORY_ROUNDS (1) set the defaults.
// The large run takes minutes: the CLI paces itself by its polling, not by its CPU.
import { parseArgs } from "node:util";
import { runCli, type SandboxRun } from "./against-sandbox.ts";
import { sampleCsv } from "./sample-input.ts";
import { describeRuns, median } from "./summary.ts";

const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== "--"),
  options: {
    small: { type: "string", default: process.env.BENCH_RECORDS ?? "100000" },
    large: { type: "string", default: process.env.BENCH_LARGE ?? "1000000" },
    rounds: { type: "string", default: process.env.BENCH_MEMORY_ROUNDS ?? "1" },
    "batch-delay": { type: "string", default: "200" },
  },
});
const sizes = [Number(values.small), Number(values.large)];
const runs = new Map<number, SandboxRun[]>(sizes.map((records) => [records, []]));
for (let round = 0; round < Number(values.rounds); round += 1) {
  for (const records of sizes) {
    const settings = {
      input: sampleCsv(records),
      records,
      concurrency: 4,
      batchDelayMs: Number(values["batch-delay"]),
      pollMs: 200,
    };
    const run = await runCli(settings, "none");
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
