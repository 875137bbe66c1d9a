/**
 * The V8 flags generate-batch runs with: a young generation of at most 2 × 32 MiB, and an old
 * generation that may grow by 10 % over what survived its last full collection.
 *
 * Why: the pipeline's live memory is flat (about 20 MiB of heap plus the ICCID table), but
 * V8 sizes both generations by what the program did so far, so a long run ends with more
 * memory than a short one for the same live data:
 * - the young generation grows with the bytes that survive scavenges, up to 128 MiB on a
 *   24 GiB machine. In-process: peak RSS 176 MiB at 100,000 records and 249 MiB at 1,000,000
 *   with V8's defaults; 179 and 194 MiB with the first flag.
 * - over HTTP, chunks live for seconds while their batches are polled, so their records are
 *   promoted and die in the old generation, which V8 lets fill to several times the live heap
 *   before a full collection (heap used swinging between 17 and 80 MiB). Peak RSS 195 MiB at
 *   100,000 records and 265 MiB from about 300,000 on (the same at 1,000,000); with the
 *   second flag 186 and 208 MiB, and no more CPU over the whole run.
 */
export const boundedHeapFlags: readonly string[] = [
  "--max-semi-space-size=32",
  "--heap-growing-percent=10",
];

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
  return [...execArgv, ...boundedHeapFlags];
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
