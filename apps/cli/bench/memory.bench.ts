// Benchmark: peak memory of generate-batch at 1,000,000 records against 100,000 (goal: at
// most 1.3×). Each size runs in a fresh process with the V8 flag the executable re-executes
// with (see src/cli/heap-tuning.ts); the inputs are generated once in the temp folder.
//   node bench/memory.bench.ts [small] [large]
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { boundedYoungGenerationFlag } from "../src/cli/heap-tuning.ts";
import { writeSampleCsv } from "../test/sample-records.ts";

const sizes = [Number(process.argv[2] ?? 100_000), Number(process.argv[3] ?? 1_000_000)];
const runner = join(import.meta.dirname, "memory-run.ts");

const peaks = sizes.map((records) => {
  const input = join(tmpdir(), `simlessly-bench-${records}.csv`);
  if (!existsSync(input)) writeSampleCsv(input, records);
  const result = spawnSync(process.execPath, [boundedYoungGenerationFlag, runner, input], {
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
