import { Readable } from "node:stream";
import type { BatchApi } from "../src/batch/batch-api.ts";
import type { CliContext } from "../src/commands/command-module.ts";
import type { RspSettings } from "../src/config/product-settings.ts";
import { runCli } from "../src/main.ts";
import { instantClock, MemorySink } from "./test-io.ts";

/** What a CLI run printed and returned. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** The settings the batch API was created with, if it was. */
  readonly settings: RspSettings | undefined;
}

/** Runs the CLI in-process with captured output and, for generate-batch, a given API. */
export async function runCliForTest(
  args: readonly string[],
  options: {
    stdin?: string;
    env?: Record<string, string | undefined>;
    cwd?: string;
    api?: BatchApi;
    tty?: boolean;
  } = {},
): Promise<CliRun> {
  const stdout = new MemorySink(options.tty ?? false);
  const stderr = new MemorySink(options.tty ?? false);
  let settings: RspSettings | undefined;
  const context: CliContext = {
    stdin: Readable.from([Buffer.from(options.stdin ?? "")]),
    stdout,
    stderr,
    env: options.env ?? { HOME: "/nonexistent-home" },
    cwd: options.cwd ?? process.cwd(),
    clock: instantClock(),
    createBatchApi: async (resolved) => {
      settings = resolved;
      if (options.api === undefined) throw new Error("no API in this test");
      return options.api;
    },
  };
  const code = await runCli(args, context);
  return { code, stdout: stdout.text, stderr: stderr.text, settings };
}
