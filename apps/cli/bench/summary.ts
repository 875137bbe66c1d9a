// Small helpers for reporting repeated runs on a shared, noisy machine.
import { readFileSync } from "node:fs";
import type { MeasuredRun } from "./measured-run.ts";

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** The 1-minute load average, the share of the 2 CPUs others were using. */
export function loadAverage(): number {
  return Number(readFileSync("/proc/loadavg", "utf8").split(" ")[0]);
}

/** "31.20 s (30.80–33.00), CPU 4.1 s (…), peak RSS 180 MiB (…)": medians and ranges. */
export function describeRuns(runs: readonly MeasuredRun[]): string {
  const spread = (values: number[], digits: number) =>
    `${median(values).toFixed(digits)} (${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)})`;
  return [
    `wall ${spread(
      runs.map((run) => run.wallMs / 1000),
      2,
    )} s`,
    `CPU ${spread(
      runs.map((run) => run.cpuSeconds),
      1,
    )} s`,
    `peak RSS ${spread(
      runs.map((run) => run.peakRssMiB),
      0,
    )} MiB`,
  ].join(", ");
}
