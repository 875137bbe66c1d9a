// Runs one program to completion and reports its wall time, peak resident set size and CPU
// time.
//
// Peak RSS and CPU come from GNU time (`%M`, the kernel's ru_maxrss of the child, and
// `%U`/`%S`), which also covers the CLI re-executing itself with process.execve (same pid,
// new address space). Without /usr/bin/time, /proc/PID/status VmHWM is polled instead (it can
// miss a peak reached in the last 50 ms) and CPU time is not known.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface MeasuredRun {
  readonly exitCode: number | null;
  readonly wallMs: number;
  readonly peakRssMiB: number;
  /** User plus system CPU seconds, NaN without /usr/bin/time. */
  readonly cpuSeconds: number;
  readonly stdout: string;
  readonly stderr: string;
}

const gnuTime = "/usr/bin/time";

export async function measuredRun(
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<MeasuredRun> {
  const scratch = mkdtempSync(join(tmpdir(), "simlessly-bench-time-"));
  const timeFile = join(scratch, "maxrss");
  const useTime = existsSync(gnuTime);
  const [file, ...rest] = useTime
    ? [gnuTime, "-f", "%M %U %S", "-o", timeFile, process.execPath, ...args]
    : [process.execPath, ...args];
  const started = process.hrtime.bigint();
  const child = spawn(file as string, rest, { env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  let polledKiB = 0;
  const poller = useTime
    ? undefined
    : setInterval(() => {
        try {
          const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
          polledKiB = Math.max(polledKiB, Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0));
        } catch {
          // Exited between two polls.
        }
      }, 50);
  const exitCode = await new Promise<number | null>((resolve) => child.once("close", resolve));
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (poller !== undefined) clearInterval(poller);
  // GNU time puts "Command exited with non-zero status N" before its own line.
  const [peakKiB = polledKiB, user = Number.NaN, system = Number.NaN] = useTime
    ? (readFileSync(timeFile, "utf8").trim().split("\n").at(-1) ?? "").split(" ").map(Number)
    : [];
  rmSync(scratch, { recursive: true, force: true });
  return {
    exitCode,
    wallMs,
    peakRssMiB: peakKiB / 1024,
    cpuSeconds: user + system,
    stdout,
    stderr,
  };
}
