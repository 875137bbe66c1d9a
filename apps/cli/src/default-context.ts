import type { CliContext } from "./commands/command-module.ts";
import { processInterrupts } from "./core/interrupts.ts";

/** The real process: stdio, environment, working directory and the wired RSP client. */
export function defaultContext(): CliContext {
  return {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
    onInterrupt: processInterrupts,
    createBatchApi: async (settings, logging) => {
      const { createRspBatchApi } = await import("./wiring/create-rsp-batch-api.ts");
      return createRspBatchApi(settings, logging);
    },
  };
}
