import { Readable } from "node:stream";
import { createSandbox, type Sandbox } from "@simlessly/mock";
import type { Clock } from "../src/batch/clock.ts";
import type { CliContext } from "../src/commands/command-module.ts";
import { runCli } from "../src/main.ts";
import { createRspBatchApi } from "../src/wiring/create-rsp-batch-api.ts";
import { MemorySink } from "./test-io.ts";

/** What one CLI run printed and returned. */
export interface SandboxRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** A sandbox on loopback and a way to run the CLI against it over real HTTP. */
export interface SandboxCli {
  readonly sandbox: Sandbox;
  /** The environment the CLI runs with: the sandbox's URL and demo credentials. */
  readonly env: Readonly<Record<string, string>>;
  /** Every output of every run so far, to check that no secret ever reached it. */
  readonly outputs: string[];
  run(
    args: readonly string[],
    options?: { stdin?: string; cwd?: string; env?: Record<string, string | undefined> },
  ): Promise<SandboxRun>;
  stop(): Promise<void>;
}

/**
 * Starts a sandbox (port 0, demo credentials) whose clock is shared with the CLI's: the CLI's
 * poll waits return at once and move both clocks forward, so `--wait` sees a batch finish
 * without the test waiting for it. Signature timestamps stay real (within the sandbox's ten
 * minutes as long as a test sleeps less than that in total).
 */
export async function startSandboxCli(
  options: { batchDelayMs?: number; webhookUrl?: string } = {},
): Promise<SandboxCli> {
  let advancedMs = 0;
  const clock: Clock = {
    now: () => Date.now() + advancedMs,
    sleep: async (ms) => {
      advancedMs += ms;
      await new Promise((resolve) => setImmediate(resolve));
    },
    random: () => 0.5,
  };
  const sandbox = await createSandbox({
    env: {},
    seed: 7,
    batchDelayMs: options.batchDelayMs ?? 1000,
    now: clock.now,
    ...(options.webhookUrl === undefined ? {} : { webhookUrl: options.webhookUrl }),
  });
  const { rsp, eim, cmp } = sandbox.credentials;
  const env = {
    HOME: "/nonexistent-home",
    SIMLESSLY_BASE_URL: sandbox.url,
    SIMLESSLY_ACCESS_KEY: rsp.accessKey,
    SIMLESSLY_SECRET_KEY: rsp.secretKey,
    SIMLESSLY_EIM_BASE_URL: sandbox.url,
    SIMLESSLY_EIM_ACCESS_KEY: eim.publicKey,
    SIMLESSLY_EIM_SECRET_KEY: eim.secretKey,
    SIMLESSLY_EIM_TOKEN: eim.token,
    SIMLESSLY_CMP_BASE_URL: sandbox.url,
    SIMLESSLY_CMP_CLIENT_ID: cmp.clientId,
    SIMLESSLY_CMP_CLIENT_SECRET: cmp.clientSecret,
  };
  const outputs: string[] = [];
  return {
    sandbox,
    env,
    outputs,
    async run(args, runOptions = {}) {
      const stdout = new MemorySink();
      const stderr = new MemorySink();
      const context: CliContext = {
        stdin: Readable.from([Buffer.from(runOptions.stdin ?? "")]),
        stdout,
        stderr,
        env: { ...env, ...runOptions.env },
        cwd: runOptions.cwd ?? process.cwd(),
        clock,
        createBatchApi: createRspBatchApi,
      };
      const code = await runCli(args, context);
      outputs.push(stdout.text, stderr.text);
      return { code, stdout: stdout.text, stderr: stderr.text };
    },
    stop: () => sandbox.stop(),
  };
}

/** The secrets every run with `env` holds: none of them may ever be printed. */
export function credentialSecrets(env: Readonly<Record<string, string>>): string[] {
  return [
    env.SIMLESSLY_SECRET_KEY,
    env.SIMLESSLY_EIM_SECRET_KEY,
    env.SIMLESSLY_EIM_TOKEN,
    env.SIMLESSLY_CMP_CLIENT_SECRET,
  ].filter((value): value is string => value !== undefined);
}
