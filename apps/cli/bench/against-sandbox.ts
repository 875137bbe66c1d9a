// One run of the CLI, or of the raw script, against a fresh sandbox process (same seed, same
// batch delay every time), measured from spawn to exit. Throws unless every record succeeded,
// so a figure never comes from a run that failed half-way.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type MeasuredRun, measuredRun } from "./measured-run.ts";
import { demoRspCredentials, startSandbox } from "./sandbox-process.ts";
import { loadAverage } from "./summary.ts";

export interface RunSettings {
  readonly input: string;
  readonly records: number;
  readonly concurrency: number;
  readonly batchDelayMs: number;
  /** The first poll wait of both sides: the raw script polls at this pace, the CLI starts at it. */
  readonly pollMs: number;
}

/** A measured run, with the 1-minute load average just before and just after it. */
export interface SandboxRun extends MeasuredRun {
  readonly load: readonly [number, number];
}

/**
 * The CLI as a user runs it: `node src/bin.ts ac generate-batch …` (it re-executes itself with
 * its V8 flag). BENCH_CLI_BIN names another entry point, e.g. the build's dist/bin.js.
 */
const cliBin = process.env.BENCH_CLI_BIN ?? join(import.meta.dirname, "..", "src", "bin.ts");
const rawScript = join(import.meta.dirname, "raw-generate.ts");

export function runCli(settings: RunSettings, qr: string): Promise<SandboxRun> {
  return againstSandbox(settings, async (env, scratch) => {
    const out = join(scratch, "out");
    const run = await measuredRun(
      [
        cliBin,
        ...["ac", "generate-batch", "--config-name", "templateRegular01"],
        ...["--input", settings.input, "--out", out],
        ...["--concurrency", String(settings.concurrency), "--qr", qr],
        ...["--poll-interval", String(settings.pollMs / 1000)],
      ],
      env,
    );
    const results = run.exitCode === 0 ? readFileSync(join(out, "results.csv"), "utf8") : "";
    const succeeded = results.split("\n").filter((line) => line.includes(",success,")).length;
    if (succeeded !== settings.records) {
      throw new Error(`CLI run exited ${run.exitCode} with ${succeeded} successes: ${run.stderr}`);
    }
    return run;
  });
}

export function runRaw(settings: RunSettings): Promise<SandboxRun> {
  return againstSandbox(settings, async (env, scratch) => {
    const results = join(scratch, "results.csv");
    const run = await measuredRun(
      [rawScript, settings.input, results, String(settings.concurrency), String(settings.pollMs)],
      env,
    );
    const done = run.exitCode === 0 ? (JSON.parse(run.stdout) as { records: number }) : undefined;
    if (done?.records !== settings.records) throw new Error(`raw run failed: ${run.stderr}`);
    return run;
  });
}

async function againstSandbox(
  settings: RunSettings,
  body: (env: NodeJS.ProcessEnv, scratch: string) => Promise<MeasuredRun>,
): Promise<SandboxRun> {
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
    rmSync(scratch, { recursive: true, force: true });
    await sandbox.stop();
  }
}
