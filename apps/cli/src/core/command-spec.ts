import type { CliLogLevel } from "./log-level.ts";

// What the parser and the help know of a command. The command's code is elsewhere and is
// loaded only when it runs (see cli/commands.ts), so none of these types names it.

/** One command-line option as the help shows it and the parser reads it. */
export interface OptionSpec {
  readonly type: "string" | "boolean";
  readonly short?: string;
  /** Placeholder in the help, e.g. `FILE|-`. */
  readonly valueName?: string;
  readonly description: string;
}

/** An extra titled paragraph of a command's help (exit codes, environment, examples). */
export interface HelpSection {
  readonly title: string;
  readonly body: string;
}

/**
 * A command's metadata. It is all the help and the parser need, so `--help` never loads the
 * command's code (which pulls in zod, the contract and the CSV parser).
 */
export interface CommandSpec {
  /** The words that name the command, e.g. `["ac", "generate-batch"]`. */
  readonly path: readonly string[];
  readonly summary: string;
  /** Synopsis after `simlessly <path>`. */
  readonly usage: string;
  readonly description: string;
  readonly options: Readonly<Record<string, OptionSpec>>;
  /** How many positional arguments the command takes at most. */
  readonly maxPositionals: number;
  readonly sections?: readonly HelpSection[];
}

/** A group of commands, e.g. `ac`. */
export interface CommandGroup {
  readonly path: readonly string[];
  readonly summary: string;
}

/** Options every command accepts. */
export interface GlobalOptions {
  readonly json: boolean;
  /** `--quiet`: no target line (errors are still printed). */
  readonly quiet?: boolean | undefined;
  /** `--log-level` (or `-v`, debug); undefined leaves it to $SIMLESSLY_LOG_LEVEL, else warn. */
  readonly logLevel?: CliLogLevel | undefined;
  readonly profile: string | undefined;
  readonly config: string | undefined;
}

/** A parsed command line, ready for a command to run. */
export interface Invocation {
  readonly values: Readonly<Record<string, string | boolean | undefined>>;
  readonly positionals: readonly string[];
  readonly global: GlobalOptions;
}
