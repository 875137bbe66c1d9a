/**
 * The V8 flag generate-batch runs with: a young generation of at most 2 × 32 MiB.
 *
 * Why: the pipeline's live memory is flat (about 20 MiB of heap plus the ICCID table), but
 * V8 grows the young generation with the bytes that have survived scavenges since its last
 * growth, so a long run ends up with the maximum (128 MiB on a 24 GiB machine) and a short one
 * does not. Measured in-process: peak RSS 176 MiB at 100,000 records and 249 MiB at
 * 1,000,000 with V8's defaults; 179 and 194 MiB with this flag.
 */
export const boundedYoungGenerationFlag = "--max-semi-space-size=32";

/**
 * The command line to re-execute with when a long-running command starts without the flag,
 * or undefined to go on as is: not generate-batch, only its help or a dry run, the flag (or
 * another semi-space size) already given, or SIMLESSLY_NO_REEXEC set.
 */
export function reexecArguments(
  args: readonly string[],
  execArgv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): string[] | undefined {
  if (env.SIMLESSLY_NO_REEXEC) return undefined;
  if (!args.includes("generate-batch")) return undefined;
  if (args.some((arg) => arg === "--help" || arg === "-h" || arg === "--dry-run")) return undefined;
  const given = [...execArgv, ...(env.NODE_OPTIONS ?? "").split(/\s+/)];
  if (given.some((arg) => arg.startsWith("--max-semi-space-size"))) return undefined;
  return [...execArgv, boundedYoungGenerationFlag];
}

/**
 * Replaces this process (same pid, same stdio, so kill and resume behave as before) with one
 * that has the flag, where Node offers process.execve (22.15+, POSIX). Elsewhere it returns
 * and the run goes on with V8's defaults.
 */
export function reexecWithBoundedHeap(args: readonly string[]): void {
  const flags = reexecArguments(args, process.execArgv, process.env);
  const script = process.argv[1];
  const execve = (
    process as { execve?: (file: string, args: string[], env: NodeJS.ProcessEnv) => never }
  ).execve;
  if (flags === undefined || script === undefined || typeof execve !== "function") return;
  try {
    execve.call(
      process,
      process.execPath,
      [process.execPath, ...flags, script, ...args],
      process.env,
    );
  } catch {
    // Refused (e.g. a sandbox forbids exec): run with V8's defaults instead.
  }
}
