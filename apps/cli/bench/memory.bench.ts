// Benchmark: peak memory of generate-batch at 1,000,000 records against 100,000 (goal: at
// most 1.3×). Each size runs in a fresh process with the V8 flags the executable re-executes
// with (see src/cli/heap-tuning.ts); the inputs are generated once in the temp folder.
// The goal figure is the one over HTTP (memory-http.bench.ts); this one isolates the pipeline
// and takes seconds instead of minutes.
//   node bench/memory.bench.ts [small] [large]   (defaults: BENCH_RECORDS, BENCH_LARGE, else
//   100000 and 1000000)
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { boundedHeapFlags } from "../src/cli/heap-tuning.ts";
import { sampleCsv } from "./sample-input.ts";

const sizes = [
  Number(process.argv[2] ?? process.env.BENCH_RECORDS ?? 100_000),
  Number(process.argv[3] ?? process.env.BENCH_LARGE ?? 1_000_000),
];
const runner = join(import.meta.dirname, "memory-run.ts");

const peaks = sizes.map((records) => {
  const input = sampleCsv(records);
  const result = spawnSync(process.execPath, [...boundedHeapFlags, runner, input], {
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`memory run failed: ${result.stderr}`);
  const line = JSON.parse(result.stdout.trim().split("\n").at(-1) as string) as {
    peakRssMiB: number;
    seconds: number;
  };
  console.log(`${records} records: peak RSS ${line.peakRssMiB} MiB in ${line.seconds} s`);
  return line.peakRssMiB;
});
const ratio = (peaks[1] as number) / (peaks[0] as number);
console.log(`ratio ${ratio.toFixed(2)} (goal ≤ 1.30)`);
