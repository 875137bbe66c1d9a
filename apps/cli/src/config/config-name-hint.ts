import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { CliError } from "../core/cli-error.ts";
import type { Invocation } from "../core/command-spec.ts";
import { ExitCode } from "../core/exit-code.ts";
import { isShowableName } from "../input/safe-to-show.ts";

// `--config` (a settings file of this CLI) and `--config-name` (a configuration of the
// platform, e.g. templateRegular01) differ by five letters, and both are called "config" in
// the platform's and this CLI's words. The mix-up shows as a missing file or a missing
// --config-name; these hints name the likely intent.

/**
 * Whether a `--config` value reads like a platform configuration name rather than a file:
 * no folder separator, no `.json`, and no file of that name in `cwd`.
 */
export function readsLikeConfigName(value: string, cwd: string): boolean {
  return !/[\\/]/.test(value) && !/\.json$/i.test(value) && !existsSync(resolve(cwd, value));
}

/**
 * The hint for a `--config` value that reads like a configuration name. The value is
 * repeated only when it has the shape of a name: a pasted secret stays unseen.
 */
export function configNameHint(value: string): string {
  const suggestion = isShowableName(value) ? `--config-name ${value}` : "--config-name";
  return `did you mean ${suggestion}? (--config names a settings file)`;
}

/**
 * A command's code as the hint sees it: only the working directory of its context matters
 * here, so settings know nothing of the commands' own context.
 */
export interface HintableCommand<Context extends { readonly cwd: string }> {
  run(invocation: Invocation, context: Context): Promise<number>;
}

/**
 * Wraps a command that takes `--config-name` so that a usage or input error (exit 2) of a
 * run given `--config NAME` but no `--config-name` ends with {@link configNameHint}.
 */
export function withConfigNameHint<Context extends { readonly cwd: string }>(
  module: HintableCommand<Context>,
): HintableCommand<Context> {
  return {
    run: (invocation, context) =>
      module.run(invocation, context).catch((error: unknown) => {
        throw hinted(error, invocation, context.cwd);
      }),
  };
}

function hinted(error: unknown, invocation: Invocation, cwd: string): unknown {
  const config = invocation.global.config;
  if (
    !(error instanceof CliError) ||
    error.exitCode !== ExitCode.invalidInput ||
    config === undefined ||
    invocation.values["config-name"] !== undefined ||
    !readsLikeConfigName(config, cwd)
  ) {
    return error;
  }
  return new CliError(`${error.message}; ${configNameHint(config)}`, error.exitCode, {
    cause: error,
  });
}
