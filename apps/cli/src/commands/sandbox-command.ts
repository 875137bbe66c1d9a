import { ConfigError } from "../core/cli-error.ts";
import type { Invocation } from "../core/command-spec.ts";
import { globalOptions } from "../core/global-options.ts";
import type { CliContext } from "./command-module.ts";

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
  // Never settles: the sandbox runs until a signal stops it, and then exits the process.
  return new Promise<number>(() => {});
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

// The options every command takes are the CLI's own, not the sandbox's.
const globalNames: ReadonlySet<string> = new Set(Object.keys(globalOptions));
