// Benchmark: `simlessly ac generate-batch` end to end over HTTP against the sandbox, against
// pipelined-script.ts, the simplest fast script doing the same job (submit every batch with 8
// requests in flight, then collect every batch). Goals, on medians:
//   --qr none --concurrency 8   wall ≤ 1.3× and CPU ≤ 1.5× the script's
//   defaults (PNG images)       wall ≤ 3× the script's
//
//   node bench/e2e.bench.ts [--records N] [--rounds N] [--batch-delay MS] [--concurrency N]
//                           [--poll-wait MS] [--variants script,qr-none,png] [--cli-args="…"]
// BENCH_RECORDS (default 100000) and BENCH_ROUNDS (default 3) set the defaults, so that
// `BENCH_RECORDS=10000 pnpm bench` is a quick run. The batch delay defaults to the sandbox's
// own (1000 ms). --concurrency is the script's and the --qr none run's; --poll-wait the
// script's wait before asking again about a batch still PROCESSING. The CLI gets no
// --poll-interval: finding the pace is its job. --cli-args adds flags to every CLI run (a flag
// named there replaces the variant's own). Each run gets a fresh sandbox process; within a
// round the order alternates, so a change in machine load hits every variant alike.
import { parseArgs } from "node:util";
import { runCli, runScript, type SandboxRun, withFlags } from "./against-sandbox.ts";
import { sampleCsv } from "./sample-input.ts";
import { describeRuns, median } from "./summary.ts";

const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== "--"),
  options: {
    records: { type: "string", default: process.env.BENCH_RECORDS ?? "100000" },
    rounds: { type: "string", default: process.env.BENCH_ROUNDS ?? "3" },
    "batch-delay": { type: "string", default: "1000" },
    concurrency: { type: "string", default: "8" },
    "poll-wait": { type: "string", default: "200" },
    variants: { type: "string", default: "script,qr-none,png" },
    "cli-args": { type: "string", default: "" },
  },
});
const records = Number(values.records);
const settings = {
  input: sampleCsv(records),
  records,
  batchDelayMs: Number(values["batch-delay"]),
};
const knobs = { concurrency: Number(values.concurrency), pollWaitMs: Number(values["poll-wait"]) };
const extra = values["cli-args"].split(/\s+/).filter((arg) => arg !== "");

/** The CLI flags of each CLI variant; the goals, as ratios to the script's medians. */
const cliVariants: Record<string, { flags: string[]; wall: number; cpu?: number }> = {
  "qr-none": {
    flags: withFlags(["--qr", "none", "--concurrency", values.concurrency], extra),
    wall: 1.3,
    cpu: 1.5,
  },
  png: { flags: withFlags([], extra), wall: 3 },
};
const variants = values.variants.split(",").filter((name) => name !== "");
for (const name of variants) {
  if (name !== "script" && cliVariants[name] === undefined)
    throw new Error(`unknown variant ${name}`);
}
const label = (name: string) =>
  name === "script" ? "script" : `cli ${cliVariants[name]?.flags.join(" ") || "(defaults)"}`;

const runs = new Map<string, SandboxRun[]>(variants.map((name) => [name, []]));
for (let round = 0; round < Number(values.rounds); round += 1) {
  const order = round % 2 === 0 ? variants : [...variants].reverse();
  for (const name of order) {
    const flags = cliVariants[name]?.flags;
    const run =
      flags === undefined ? await runScript(settings, knobs) : await runCli(settings, flags);
    runs.get(name)?.push(run);
    console.log(
      `round ${round + 1} ${label(name)}: ${(run.wallMs / 1000).toFixed(2)} s, CPU ${run.cpuSeconds.toFixed(1)} s, peak RSS ${run.peakRssMiB.toFixed(0)} MiB, load ${run.load.join(" → ")}`,
    );
  }
}

const loads = [...runs.values()].flat().flatMap((run) => run.load);
console.log(
  `\n${records} records, batch delay ${settings.batchDelayMs} ms, script: ${knobs.concurrency} in flight, asks again after ${knobs.pollWaitMs} ms; load average ${Math.min(...loads)}–${Math.max(...loads)}`,
);
const script = runs.get("script") ?? [];
const ratio = (list: SandboxRun[], of: (run: SandboxRun) => number) =>
  script.length === 0 ? Number.NaN : median(list.map(of)) / median(script.map(of));
for (const [name, list] of runs) {
  const wall = ratio(list, (run) => run.wallMs);
  const cpu = ratio(list, (run) => run.cpuSeconds);
  const rss = ratio(list, (run) => run.peakRssMiB);
  console.log(`${label(name)}\n  ${describeRuns(list)}`);
  if (name === "script") continue;
  const goal = cliVariants[name];
  const verdict = (value: number, limit: number | undefined) =>
    limit === undefined
      ? ""
      : ` (goal ≤ ${limit.toFixed(1)}: ${value <= limit ? "met" : "missed"})`;
  console.log(
    `  to the script: wall ${wall.toFixed(2)}×${verdict(wall, goal?.wall)}, CPU ${cpu.toFixed(2)}×${verdict(cpu, goal?.cpu)}, peak RSS ${rss.toFixed(2)}×`,
  );
}
