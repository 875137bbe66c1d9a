import type { Readable } from "node:stream";
import type { BatchApi } from "../batch/batch-api.ts";
import type { Clock } from "../batch/clock.ts";
import type { RspSettings } from "../config/product-settings.ts";
import type { ClientLogging } from "../wiring/client-logging.ts";
import type { CliLogLevel } from "./global-options.ts";
import type { OnInterrupt } from "./interrupts.ts";
import type { AnnounceTarget } from "./target-line.ts";
import type { TextSink } from "./terminal.ts";

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
  readonly load: () => Promise<CommandModule>;
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

/** Everything a command may touch, injected so tests need no process. */
export interface CliContext {
  readonly stdin: Readable;
  readonly stdout: TextSink;
  readonly stderr: TextSink;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** Builds the RSP batch API from resolved settings and logging; tests pass a fake. */
  readonly createBatchApi: (settings: RspSettings, logging: ClientLogging) => Promise<BatchApi>;
  /** Time for polling and rate limits; the system clock unless a test passes its own. */
  readonly clock?: Clock;
  /** Where Ctrl+C and SIGTERM reach a command that can stop cleanly; none in tests. */
  readonly onInterrupt?: OnInterrupt;
  /**
   * Called by a command once it knows which platform it talks to, before its first request:
   * the entry point prints the target line and names the target in a failure's `--json`
   * document. Set by runCli (a caller's own is replaced).
   */
  readonly announceTarget?: AnnounceTarget;
}

/** The code behind a command, loaded only when that command runs. */
export interface CommandModule {
  run(invocation: Invocation, context: CliContext): Promise<number>;
}
