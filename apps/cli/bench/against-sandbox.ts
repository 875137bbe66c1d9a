// One run of the CLI, or of the baseline script, against a fresh sandbox process (same seed,
// same batch delay every time), measured from spawn to exit. Throws unless every record
// succeeded, so a figure never comes from a run that failed half-way.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type MeasuredRun, measuredRun } from "./measured-run.ts";
import { demoRspCredentials, startSandbox } from "./sandbox-process.ts";
import { loadAverage } from "./summary.ts";

export interface RunSettings {
  /** A CSV of `records` sample records (sample-input.ts). */
  readonly input: string;
  readonly records: number;
  /** How long the sandbox keeps each batch PROCESSING. */
  readonly batchDelayMs: number;
}

/** The baseline's knobs (pipelined-script.ts). */
export interface ScriptSettings {
  readonly concurrency: number;
  readonly pollWaitMs: number;
  /** Requests per second, submissions and polls together; undefined: no limit. */
  readonly rate?: number | undefined;
}

/** A measured run, with the 1-minute load average just before and just after it. */
export interface SandboxRun extends MeasuredRun {
  readonly load: readonly [number, number];
}

/** A run of the script, with the time it took to submit every batch. */
export interface ScriptRun extends SandboxRun {
  readonly submitMs: number;
}

/**
 * The CLI as a user runs it once installed: the build's `dist/bin.js` (it re-executes itself
 * with its V8 flags; `pnpm bench` builds first). BENCH_CLI_BIN names another entry point,
 * e.g. src/bin.ts to measure sources without a build.
 */
const cliBin = process.env.BENCH_CLI_BIN ?? join(import.meta.dirname, "..", "dist", "bin.js");
const script = join(import.meta.dirname, "pipelined-script.ts");

/** `simlessly ac generate-batch` with `flags` (e.g. --qr none --concurrency 8) on top. */
export function runCli(settings: RunSettings, flags: readonly string[]): Promise<SandboxRun> {
  return againstSandbox(settings, async (env, scratch) => {
    const out = join(scratch, "out");
    const run = await measuredRun(
      [
        cliBin,
        ...["ac", "generate-batch", "--config-name", "templateRegular01"],
        ...["--input", settings.input, "--out", out],
        ...flags,
      ],
      env,
    );
    const succeeded = run.exitCode === 0 ? countLines(join(out, "results.csv"), ",success,") : 0;
    if (succeeded !== settings.records) {
      throw new Error(`CLI run exited ${run.exitCode} with ${succeeded} successes: ${run.stderr}`);
    }
    return run;
  });
}

export function runScript(settings: RunSettings, knobs: ScriptSettings): Promise<ScriptRun> {
  return againstSandbox(settings, async (env, scratch) => {
    const results = join(scratch, "results.csv");
    const args = [settings.input, results, String(knobs.concurrency), String(knobs.pollWaitMs)];
    if (knobs.rate !== undefined) args.push(String(knobs.rate));
    const run = await measuredRun([script, ...args], env);
    const succeeded = run.exitCode === 0 ? countLines(results, ",true,") : 0;
    if (succeeded !== settings.records) {
      throw new Error(`script exited ${run.exitCode} with ${succeeded} successes: ${run.stderr}`);
    }
    return { ...run, submitMs: (JSON.parse(run.stdout) as { submitMs: number }).submitMs };
  });
}

/**
 * `base` with `extra` appended; a flag named in `extra` replaces the same flag of `base`
 * (the CLI refuses a flag given twice), so `--cli-args "--concurrency 16"` overrides a default.
 */
export function withFlags(base: readonly string[], extra: readonly string[]): string[] {
  const named = new Set(extra.filter((arg) => arg.startsWith("--")).map(flagName));
  const kept: string[] = [];
  for (let index = 0; index < base.length; index += 1) {
    const arg = base[index] as string;
    const takesValue = !arg.includes("=") && !(base[index + 1] ?? "--").startsWith("--");
    if (named.has(flagName(arg))) index += takesValue ? 1 : 0;
    else kept.push(arg);
  }
  return [...kept, ...extra];
}

function flagName(arg: string): string {
  return arg.split("=")[0] as string;
}

function countLines(path: string, marker: string): number {
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((line) => line.includes(marker)).length;
}

async function againstSandbox<T extends MeasuredRun>(
  settings: RunSettings,
  body: (env: NodeJS.ProcessEnv, scratch: string) => Promise<T>,
): Promise<T & SandboxRun> {
  const sandbox = await startSandbox(settings.batchDelayMs);
  const scratch = mkdtempSync(join(tmpdir(), "simlessly-bench-run-"));
  const env = {
    ...process.env,
    SIMLESSLY_BASE_URL: sandbox.url,
    SIMLESSLY_ACCESS_KEY: demoRspCredentials.accessKey,
    SIMLESSLY_SECRET_KEY: demoRspCredentials.secretKey,
  };
  try {
    const before = loadAverage();
    const run = await body(env, scratch);
    return { ...run, load: [before, loadAverage()] };
  } finally {
    // A run leaves up to 100,000 images behind. They stay until the benchmark ends: on a disk
    // mounted with `discard` (this machine's), deleting 100,000 files made creating the next
    // 100,000 take 22 s instead of 2 s, and the next run would be measuring our own cleanup.
    // Writing back what the run wrote is finished here, for the same reason.
    scratchLeft.push(scratch);
    execFileSync("sync");
    await sandbox.stop();
  }
}

const scratchLeft: string[] = [];

// Synchronous work only runs on "exit"; the folders are plain files, so this is enough.
process.once("exit", () => {
  for (const folder of scratchLeft) rmSync(folder, { recursive: true, force: true });
});
