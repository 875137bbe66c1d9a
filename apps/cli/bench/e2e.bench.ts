// Benchmark: `simlessly ac generate-batch` end to end over HTTP against the sandbox, against
// raw-generate.ts, a minimal hand-written script doing the same job. Goal: the CLI's wall time
// at most 1.5× the script's, with --qr none (the script writes no images); a run with PNG
// images can be added for reference.
//
//   node bench/e2e.bench.ts [--records N] [--rounds N] [--concurrency N] [--batch-delay MS]
//                           [--poll-ms MS] [--qr none,png]
// BENCH_RECORDS (default 100000) and BENCH_ROUNDS (default 3) set the defaults, so that
// `BENCH_RECORDS=10000 pnpm bench` is a quick run. Within a round the order alternates, so a
// change in machine load hits both sides alike.
import { parseArgs } from "node:util";
import { runCli, runRaw, type SandboxRun } from "./against-sandbox.ts";
import { sampleCsv } from "./sample-input.ts";
import { describeRuns, median } from "./summary.ts";

const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== "--"),
  options: {
    records: { type: "string", default: process.env.BENCH_RECORDS ?? "100000" },
    rounds: { type: "string", default: process.env.BENCH_ROUNDS ?? "3" },
    concurrency: { type: "string", default: "4" },
    "batch-delay": { type: "string", default: "200" },
    "poll-ms": { type: "string", default: "200" },
    qr: { type: "string", default: "none" },
  },
});
const records = Number(values.records);
const pollMs = Number(values["poll-ms"]);
const settings = {
  input: sampleCsv(records),
  records,
  concurrency: Number(values.concurrency),
  batchDelayMs: Number(values["batch-delay"]),
  pollMs,
};

const variants = [
  "raw",
  ...values.qr
    .split(",")
    .filter((qr) => qr !== "")
    .map((qr) => `cli --qr ${qr}`),
];
const runs = new Map<string, SandboxRun[]>(variants.map((variant) => [variant, []]));
for (let round = 0; round < Number(values.rounds); round += 1) {
  const order = round % 2 === 0 ? variants : [...variants].reverse();
  for (const variant of order) {
    const run =
      variant === "raw"
        ? await runRaw(settings)
        : await runCli(settings, variant.slice("cli --qr ".length));
    runs.get(variant)?.push(run);
    console.log(
      `round ${round + 1} ${variant}: ${(run.wallMs / 1000).toFixed(2)} s, CPU ${run.cpuSeconds.toFixed(1)} s, peak RSS ${run.peakRssMiB.toFixed(0)} MiB, load ${run.load.join(" → ")}`,
    );
  }
}

const loads = [...runs.values()].flat().flatMap((run) => run.load);
console.log(
  `\n${records} records, concurrency ${settings.concurrency}, batch delay ${settings.batchDelayMs} ms, raw script polls every ${pollMs} ms, the CLI starts at ${pollMs} ms and backs off; load average ${Math.min(...loads)}–${Math.max(...loads)}`,
);
const rawMedian = median((runs.get("raw") ?? []).map((run) => run.wallMs));
for (const [variant, list] of runs) {
  const ratio = median(list.map((run) => run.wallMs)) / rawMedian;
  const goal =
    variant === "cli --qr none" ? ` (goal ≤ 1.50: ${ratio <= 1.5 ? "met" : "missed"})` : "";
  console.log(
    `${variant.padEnd(14)} ${describeRuns(list)}; ratio to raw ${ratio.toFixed(2)}${goal}`,
  );
}
