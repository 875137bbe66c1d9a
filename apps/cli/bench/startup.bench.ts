// Benchmark: cold start of `simlessly --help` against `node -e 0` (goal: at most 2.5×).
// Needs the build (dist/). Median of 30 runs each, alternating so load affects both alike.
import { spawnSync } from "node:child_process";
import { join } from "node:path";

const bin = join(import.meta.dirname, "..", "dist", "bin.js");
const runs = 30;

function timeOnce(args: readonly string[]): number {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { stdio: "ignore" });
  if (result.status !== 0) throw new Error(`${args.join(" ")} exited ${result.status}`);
  return Number(process.hrtime.bigint() - started) / 1e6;
}

const bare: number[] = [];
const help: number[] = [];
for (let index = 0; index < runs; index += 1) {
  bare.push(timeOnce(["-e", "0"]));
  help.push(timeOnce([bin, "--help"]));
}
const median = (values: number[]) =>
  values.sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
const ratio = median(help) / median(bare);
console.log(
  `node -e 0: ${median(bare).toFixed(1)} ms; simlessly --help: ${median(help).toFixed(1)} ms; ratio ${ratio.toFixed(2)} (goal ≤ 2.50)`,
);
