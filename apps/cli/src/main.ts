import { parseCommandLine } from "./cli/parse-command-line.ts";
import { renderHelp } from "./cli/render-help.ts";
import type { CliContext } from "./commands/command-module.ts";
import { CliError, ConfigError } from "./core/cli-error.ts";
import { ExitCode } from "./core/exit-code.ts";
import { packageVersion } from "./core/package-version.ts";
import { createTargetAnnouncer, type Target } from "./core/target-line.ts";

/**
 * Runs one `simlessly` command line and returns its exit code. This is the only place that
 * maps errors to exit codes; commands return codes for outcomes and throw for failures.
 */
export async function runCli(args: readonly string[], context: CliContext): Promise<number> {
  const wantsJson = args.includes("--json");
  let target: () => Target | undefined = () => undefined;
  try {
    const parsed = await parseCommandLine(args);
    if (parsed.kind === "version") {
      context.stdout.write(`${packageVersion()}\n`);
      return ExitCode.ok;
    }
    if (parsed.kind === "help") {
      const text = renderHelp(parsed.target, packageVersion());
      // Bare `simlessly` is a usage mistake: help goes to stderr with exit 2.
      if (parsed.target === null && !args.some((arg) => arg === "--help" || arg === "-h")) {
        context.stderr.write(text);
        return ExitCode.invalidInput;
      }
      context.stdout.write(text);
      return ExitCode.ok;
    }
    const module = await parsed.command.load();
    const announcer = createTargetAnnouncer(context.stderr, parsed.invocation.global);
    target = announcer.current;
    return await module.run(parsed.invocation, { ...context, announceTarget: announcer.announce });
  } catch (error) {
    return await reportError(error, context, wantsJson, target());
  }
}

/**
 * Prints a failure once: with --json as the error document on stdout (nothing on stderr, so a
 * script reads it in one place), otherwise as one line on stderr. What it prints with is loaded
 * here, on the way out, so that `--help` and a run that succeeds never load it.
 */
async function reportError(
  error: unknown,
  context: CliContext,
  json: boolean,
  target: Target | undefined,
): Promise<number> {
  const failure = asCliError(error);
  if (json) {
    const { errorDocument } = await import("./core/error-document.ts");
    context.stdout.write(`${JSON.stringify(errorDocument(failure, target), null, 2)}\n`);
    return failure.exitCode;
  }
  const { colorEnabled, createStyle } = await import("./core/terminal.ts");
  const style = createStyle(colorEnabled(context.stderr, context.env));
  // A failure none of ours foresaw says so: it is a bug to report, not a mistake to fix.
  const foreign = !(error instanceof CliError) && failure.details.kind === "internal";
  context.stderr.write(`${style.red(foreign ? "internal error:" : "error:")} ${failure.message}\n`);
  return failure.exitCode;
}

function asCliError(error: unknown): CliError {
  if (error instanceof CliError) return error;
  // The signing package refuses credentials it cannot sign with (the settings check them
  // first; this covers any path that does not): a configuration problem, never a value.
  if (error instanceof Error && error.name === "SigningInputError") {
    return new ConfigError(`the credentials cannot sign requests: ${error.message}`, {
      cause: error,
    });
  }
  // Not ours: its name and message only (a stack trace adds nothing for a user, and
  // third-party messages are not checked for secrets beyond what their authors promise).
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return new CliError(message, ExitCode.recordsFailed, {
    cause: error,
    details: { kind: "internal" },
  });
}
