import type { Readable } from "node:stream";
import type { BatchApi } from "../batch/batch-api.ts";
import type { Clock } from "../batch/clock.ts";
import type { RspSettings } from "../config/product-settings.ts";
import type { Invocation } from "../core/command-spec.ts";
import type { OnInterrupt } from "../core/interrupts.ts";
import type { AnnounceTarget } from "../core/target-line.ts";
import type { TextSink } from "../core/terminal.ts";
import type { ClientLogging } from "../wiring/client-logging.ts";

// What a command's code receives and returns. It names the batch API, settings and client
// logging, so it sits above them, beside the commands, and not in core/.

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
