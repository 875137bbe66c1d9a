import { CliError } from "./cli/cli-error.ts";
import type { CliContext } from "./cli/command-spec.ts";
import { ExitCode } from "./cli/exit-code.ts";
import { packageVersion } from "./cli/package-version.ts";
import { parseCommandLine } from "./cli/parse-command-line.ts";
import { renderHelp } from "./cli/render-help.ts";
import { colorEnabled, createStyle } from "./cli/terminal.ts";

/**
 * Runs one `simlessly` command line and returns its exit code. This is the only place that
 * maps errors to exit codes; commands return codes for outcomes and throw for failures.
 */
export async function runCli(args: readonly string[], context: CliContext): Promise<number> {
  const wantsJson = args.includes("--json");
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
    return await module.run(parsed.invocation, context);
  } catch (error) {
    return reportError(error, context, wantsJson);
  }
}

function reportError(error: unknown, context: CliContext, json: boolean): number {
  const style = createStyle(colorEnabled(context.stderr, context.env));
  if (error instanceof CliError) {
    context.stderr.write(`${style.red("error:")} ${error.message}\n`);
    if (json) writeJsonError(context, error.message, error.exitCode);
    return error.exitCode;
  }
  // The signing package refuses credentials it cannot sign with (the settings check them
  // first; this covers any path that does not): a configuration problem, never a value.
  if (error instanceof Error && error.name === "SigningInputError") {
    const message = `the credentials cannot sign requests: ${error.message}`;
    context.stderr.write(`${style.red("error:")} ${message}\n`);
    if (json) writeJsonError(context, message, ExitCode.config);
    return ExitCode.config;
  }
  // Not ours: print its name and message only (a stack trace adds nothing for a user, and
  // third-party messages are not checked for secrets beyond what their authors promise).
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  context.stderr.write(`${style.red("internal error:")} ${message}\n`);
  if (json) writeJsonError(context, `internal error: ${message}`, ExitCode.recordsFailed);
  return ExitCode.recordsFailed;
}

function writeJsonError(context: CliContext, message: string, exitCode: number): void {
  context.stdout.write(`${JSON.stringify({ ok: false, exitCode, error: message }, null, 2)}\n`);
}
