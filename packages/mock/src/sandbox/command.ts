// `pnpm sandbox` and `simlessly sandbox`: runs the stateful sandbox of the RSP, eIM and CMP
// APIs on one port until interrupted, and prints what a client needs to talk to it. It owns
// the process: it prints, exits on bad options and stops on SIGINT or SIGTERM.
import { parseArgs } from "node:util";
import { isSigningScheme } from "@simlessly/signing";
import { createSandbox, type Sandbox } from "./create-sandbox.ts";
import { exportBlock } from "./credentials/credentials.ts";
import type { FaultSettingsInput } from "./faults/faults.ts";
import { adminHeaderName, adminHeaderValue } from "./http/admin-guard.ts";
import { isWebhookGeneration, webhookGenerations } from "./webhooks/webhook-generations.ts";

const usage = `Usage: pnpm sandbox [options]   (or: simlessly sandbox [options])

  --port N               port to listen on (default 4020; 0 picks a free one)
  --host HOST            interface to listen on (default 127.0.0.1)
  --scheme rsp|appendix  signature scheme RSP requests must use (default rsp)
  --batch-delay MS       how long batches stay PROCESSING (default 1000)
  --seed N               seed of faults and activation codes (default: random, printed)
  --data FILE            keep the state in FILE (JSON lines, owner-only), loaded at start, saved on stop
  --webhook-url URL      POST signed profile status notifications to URL
  --webhook-generation newest|middle|oldest
                         spell them as that docs generation does (default newest)
  --webhook-attempts N   attempts per notification the receiver does not take (default 3)
  --webhook-retry-delay MS
                         wait before retry n is n times MS (default 200)
  --smdp-host HOST       SM-DP+ address in activation codes (default rsp.sandbox.simlessly.test)
  --token-ttl SECONDS    lifetime of CMP tokens (default 3600)
  --latency MS|MIN-MAX   delay before every request
  --error-rate R         share of requests answered with a 5xx (0-1)
  --error-status N       that 5xx status (default 500)
  --rate-429 R           share of requests answered 429
  --retry-after SECONDS  Retry-After of those answers (default 1)
  --reset-before-rate R  share of connections reset before processing
  --reset-after-rate R   share of requests processed, then reset without an answer
  --no-fault-header      ignore the x-sandbox-fault request header
  --strict               refuse the forms the docs do not show (msisdn, "1" for 1, …)
                         instead of accepting them with an x-sandbox-warning header

Credentials come from SIMLESSLY_ACCESS_KEY / SIMLESSLY_SECRET_KEY (RSP),
SIMLESSLY_EIM_ACCESS_KEY / SIMLESSLY_EIM_SECRET_KEY / SIMLESSLY_EIM_TOKEN (eIM) and
SIMLESSLY_CMP_CLIENT_ID / SIMLESSLY_CMP_CLIENT_SECRET (CMP), else from demo values: the
variables the simlessly CLI reads, printed at start as a block to paste into a shell.`;

/** Runs the sandbox command with `args` (the words after `sandbox`) until a signal stops it. */
export async function runSandboxCommand(args: readonly string[]): Promise<void> {
  const { values } = parseArgs({
    // `pnpm <script> -- --flag` passes the `--` along; it separates nothing here.
    args: args.filter((arg) => arg !== "--"),
    options: {
      port: { type: "string", default: "4020" },
      host: { type: "string", default: "127.0.0.1" },
      scheme: { type: "string", default: "rsp" },
      "batch-delay": { type: "string" },
      seed: { type: "string" },
      data: { type: "string" },
      "webhook-url": { type: "string" },
      "webhook-generation": { type: "string" },
      "webhook-attempts": { type: "string" },
      "webhook-retry-delay": { type: "string" },
      "smdp-host": { type: "string" },
      "token-ttl": { type: "string" },
      latency: { type: "string" },
      "error-rate": { type: "string" },
      "error-status": { type: "string" },
      "rate-429": { type: "string" },
      "retry-after": { type: "string" },
      "reset-before-rate": { type: "string" },
      "reset-after-rate": { type: "string" },
      "no-fault-header": { type: "boolean", default: false },
      strict: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });

  if (values.help) {
    console.log(usage);
    process.exit(0);
  }

  function fail(message: string): never {
    console.error(`${message}\n\n${usage}`);
    process.exit(2);
  }

  function integer(
    name: string,
    value: string | undefined,
    min: number,
    max: number,
  ): number | undefined {
    if (value === undefined) return undefined;
    const number = Number(value);
    if (!Number.isInteger(number) || number < min || number > max) {
      fail(`--${name} must be an integer from ${min} to ${max}, got "${value}"`);
    }
    return number;
  }

  function share(name: string, value: string | undefined): number | undefined {
    if (value === undefined) return undefined;
    const number = Number(value);
    if (!Number.isFinite(number) || number < 0 || number > 1)
      fail(`--${name} must be from 0 to 1, got "${value}"`);
    return number;
  }

  function latency(value: string | undefined): FaultSettingsInput["latencyMs"] | undefined {
    if (value === undefined) return undefined;
    const range = /^([0-9]+)-([0-9]+)$/.exec(value);
    if (range?.[1] !== undefined && range[2] !== undefined)
      return [Number(range[1]), Number(range[2])];
    return integer("latency", value, 0, 600_000);
  }

  if (!isSigningScheme(values.scheme))
    fail(`--scheme must be rsp or appendix, got "${values.scheme}"`);
  const webhookGeneration = values["webhook-generation"];
  if (webhookGeneration !== undefined && !isWebhookGeneration(webhookGeneration))
    fail(
      `--webhook-generation must be ${webhookGenerations.join(", ")}, got "${webhookGeneration}"`,
    );

  const faultEntries = {
    latencyMs: latency(values.latency),
    errorRate5xx: share("error-rate", values["error-rate"]),
    errorStatus: integer("error-status", values["error-status"], 500, 599),
    rate429: share("rate-429", values["rate-429"]),
    retryAfterSeconds: integer("retry-after", values["retry-after"], 0, 86_400),
    resetBeforeRate: share("reset-before-rate", values["reset-before-rate"]),
    resetAfterRate: share("reset-after-rate", values["reset-after-rate"]),
  };
  const faults = Object.fromEntries(
    Object.entries(faultEntries).filter(([, value]) => value !== undefined),
  ) as FaultSettingsInput;

  const batchDelayMs = integer("batch-delay", values["batch-delay"], 0, 86_400_000);
  const seed = integer("seed", values.seed, 0, 2 ** 31 - 1);
  const tokenTtlSeconds = integer("token-ttl", values["token-ttl"], 1, 31_536_000);
  const port = integer("port", values.port, 0, 65_535) ?? 4020;
  const webhookRetry = {
    attempts: integer("webhook-attempts", values["webhook-attempts"], 1, 100),
    delayMs: integer("webhook-retry-delay", values["webhook-retry-delay"], 0, 3_600_000),
  };

  let sandbox: Sandbox;
  try {
    sandbox = await createSandbox({
      port,
      host: values.host,
      rspScheme: values.scheme,
      faults,
      allowFaultHeader: !values["no-fault-header"],
      strict: values.strict,
      ...(batchDelayMs === undefined ? {} : { batchDelayMs }),
      ...(seed === undefined ? {} : { seed }),
      ...(tokenTtlSeconds === undefined ? {} : { tokenTtlSeconds }),
      ...(values.data === undefined ? {} : { dataFile: values.data }),
      ...(values["webhook-url"] === undefined ? {} : { webhookUrl: values["webhook-url"] }),
      ...(webhookGeneration === undefined ? {} : { webhookGeneration }),
      webhookRetry: Object.fromEntries(
        Object.entries(webhookRetry).filter(([, value]) => value !== undefined),
      ),
      ...(values["smdp-host"] === undefined ? {} : { smdpHost: values["smdp-host"] }),
    });
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }

  // Ctrl+C under `pnpm sandbox` arrives twice (from the terminal, and forwarded by pnpm): only
  // the first stops the sandbox, and a later one must not kill the process while it saves.
  // Listening starts before the banner: a signal sent on seeing it must find the handler.
  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    await sandbox.stop();
    process.exit(0);
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);

  const activeFaults = Object.entries(sandbox.admin.faults().settings)
    .filter(
      ([name, value]) =>
        (Array.isArray(value) ? value[1] > 0 : value !== 0) &&
        !["errorStatus", "retryAfterSeconds"].includes(name),
    )
    .map(([name, value]) => `${name}=${JSON.stringify(value)}`);

  console.log(`Simlessly sandbox on ${sandbox.url}
  RSP  ${sandbox.url}/api/v1/…, ${sandbox.url}/gsma/rsp2/es2plus/…  (signature scheme ${sandbox.rspScheme})
  eIM  ${sandbox.url}/api/v1/open/esim/…
  CMP  ${sandbox.url}/api/v1/external/…
  admin ${sandbox.url}/__sandbox/ (profiles, state, reset, faults, device-events, webhooks, requests, clock), with the header ${adminHeaderName}: ${adminHeaderValue}
  forms the docs do not show: ${sandbox.strict ? "refused (--strict)" : "accepted with an x-sandbox-warning header"}
  seed ${sandbox.seed}${activeFaults.length > 0 ? `, faults ${activeFaults.join(" ")}` : ", no faults"}${values.data === undefined ? "" : `\n  state file ${values.data}`}

To point the simlessly CLI at it, paste into another shell:
${exportBlock(sandbox.url, sandbox.credentials, sandbox.rspScheme).join("\n")}

Press Ctrl+C to stop.`);
}
