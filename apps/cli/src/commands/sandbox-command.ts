import { ConfigError } from "../cli/cli-error.ts";
import type { CliContext, Invocation } from "../cli/command-spec.ts";
import { ExitCode } from "../cli/exit-code.ts";

/**
 * `simlessly sandbox`: runs the stateful sandbox of `@simlessly/mock` in this process until
 * Ctrl+C. The mock package is an optional peer: it brings Prism along, which a CLI that only
 * talks to the platform does not need.
 */
export async function run(invocation: Invocation, _context: CliContext): Promise<number> {
  let mock: typeof import("@simlessly/mock");
  try {
    mock = await import("@simlessly/mock");
  } catch (error) {
    throw new ConfigError(
      "`simlessly sandbox` needs the @simlessly/mock package: install it beside @simlessly/cli",
      { cause: error },
    );
  }
  await mock.runSandboxCommand(sandboxArgs(invocation.values));
  // The sandbox runs until a signal stops it (it exits the process then).
  await new Promise<never>(() => {});
  return ExitCode.ok;
}

/** The sandbox's own options, as its command line takes them. */
export function sandboxArgs(values: Invocation["values"]): string[] {
  const args: string[] = [];
  for (const [name, value] of Object.entries(values)) {
    if (globalNames.has(name) || value === undefined || value === false) continue;
    args.push(value === true ? `--${name}` : `--${name}=${value}`);
  }
  return args;
}

const globalNames = new Set([
  "profile",
  "config",
  "json",
  "help",
  "version",
  "log-level",
  "verbose",
]);
