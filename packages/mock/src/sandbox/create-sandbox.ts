// createSandbox(): the stateful, signature-checking sandbox of the RSP, eIM and CMP APIs on
// one HTTP server (their paths do not collide; the route table checks it).
import { randomInt } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { SigningScheme } from "@simlessly/signing";
import { createSandboxAdmin, type SandboxAdmin } from "./admin/admin.ts";
import { createRequestLog } from "./admin/request-log.ts";
import { createAuthenticator } from "./auth/authenticate.ts";
import {
  resolveCredentials,
  type SandboxCredentials,
  type SandboxCredentialsInput,
} from "./credentials/credentials.ts";
import { defaultConfigs, type SandboxConfig } from "./engine/engine-context.ts";
import { createSandboxEngine } from "./engine/sandbox-engine.ts";
import {
  createFaultPlanner,
  type FaultSettingsInput,
  faultSettingsSchema,
} from "./faults/faults.ts";
import { adminHosts } from "./http/admin-guard.ts";
import { createBodyBudget } from "./http/body-budget.ts";
import { createRequestListener } from "./http/http-edge.ts";
import { loadState, saveState } from "./persistence/persistence.ts";
import { createRouteTable } from "./router/routes.ts";
import type { WebhookGeneration } from "./webhooks/webhook-generations.ts";
import { createWebhookSender } from "./webhooks/webhooks.ts";

/** How to run a sandbox. Every field is optional. */
export interface SandboxOptions {
  /** Port to listen on; 0 (the default) picks a free one. */
  readonly port?: number;
  /** Interface to listen on; loopback by default. */
  readonly host?: string;
  /** The signature scheme RSP requests must use: `rsp` (default) or `appendix`. */
  readonly rspScheme?: SigningScheme;
  /** Accepted credentials; fields left out come from the environment, then the demo set. */
  readonly credentials?: SandboxCredentialsInput;
  /** The environment to read credentials from; `process.env` by default. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** How long batches stay PROCESSING (and CMP changes pending); 1000 ms by default. */
  readonly batchDelayMs?: number;
  /** SM-DP+ address in activation codes; `rsp.sandbox.simlessly.test` by default. */
  readonly smdpHost?: string;
  /** Seed of the fault schedule and of the activation codes; random (and reported) by default. */
  readonly seed?: number;
  /** Faults from the start (see the README); none by default. */
  readonly faults?: FaultSettingsInput;
  /** Whether the `x-sandbox-fault` header is honoured; true by default. */
  readonly allowFaultHeader?: boolean;
  /**
   * Refuse the forms the docs do not show (`msisdn`, numeric strings, …; see the README)
   * instead of accepting them with an `x-sandbox-warning` header; false by default.
   */
  readonly strict?: boolean;
  /** Keep the state in this file (JSON lines): loaded at start, saved on an interval and on stop. */
  readonly dataFile?: string;
  /** How often a changed state is saved to `dataFile`; 5000 ms by default. */
  readonly persistIntervalMs?: number;
  /** Where profile status notifications are POSTed. */
  readonly webhookUrl?: string;
  /**
   * Which docs generation's spelling the notifications take: `newest` (the contract's, the
   * default), `middle` or `oldest` (`NotificationType`, `Failed`; see webhook-generations.ts).
   */
  readonly webhookGeneration?: WebhookGeneration;
  /**
   * How a notification the receiver does not take (a non-2xx answer, a network error) is
   * sent again: `attempts` in all (3 by default), retry n after n × `delayMs` (200 ms by
   * default).
   */
  readonly webhookRetry?: { readonly attempts?: number; readonly delayMs?: number };
  /** The clock, milliseconds since the epoch; `Date.now` by default. */
  readonly now?: () => number;
  /** Profile configurations; `templateRegular01`, `templateRecycle02`, `DEFAULT_UPP_CONFIG` by default. */
  readonly configs?: readonly SandboxConfig[];
  /** Campaign names; `Summer2027` by default. */
  readonly campaigns?: readonly string[];
  /** eIM operator names; `Simlessly Mobile` by default. */
  readonly operators?: readonly string[];
  /** Lifetime of CMP tokens; 3600 s by default. */
  readonly tokenTtlSeconds?: number;
  /** Largest accepted request body; 8 MiB by default. */
  readonly maxBodyBytes?: number;
  /**
   * Most body bytes held at once across all requests; four times `maxBodyBytes` by default.
   * A body that does not fit is refused with 503 and `Retry-After`, unread.
   */
  readonly maxBufferedBodyBytes?: number;
}

/** A running sandbox. */
export interface Sandbox {
  /** Base URL, e.g. `http://127.0.0.1:4020`, without a trailing slash. */
  readonly url: string;
  readonly port: number;
  /** The seed in use: pass it again to repeat the run's faults and activation codes. */
  readonly seed: number;
  /** The signature scheme RSP requests must use. */
  readonly rspScheme: SigningScheme;
  /** Whether the forms the docs do not show are refused rather than warned about. */
  readonly strict: boolean;
  /** The accepted credentials (for in-process tests; never log them). */
  readonly credentials: SandboxCredentials;
  /** State, faults, device events, webhooks and clock. */
  readonly admin: SandboxAdmin;
  /** Body bytes reserved by requests being read or processed right now. */
  readonly bufferedBodyBytes: number;
  /** Writes the state to `dataFile` now (no-op without one). */
  save(): Promise<void>;
  /** Stops listening, waits for webhook deliveries and saves the state; idempotent. */
  stop(): Promise<void>;
}

/** Starts a sandbox and resolves once it listens. */
export async function createSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const credentials = resolveCredentials(options.credentials, options.env ?? process.env);
  const rspScheme = options.rspScheme ?? "rsp";
  if (rspScheme !== "rsp" && rspScheme !== "appendix") {
    throw new Error('sandbox: rspScheme must be "rsp" or "appendix"');
  }
  const seed = options.seed ?? randomInt(0, 2 ** 31);
  const faults = faultSettingsSchema.parse(options.faults ?? {});
  const maxBodyBytes = options.maxBodyBytes ?? 8 * 1024 * 1024;
  const bodyBudget = createBodyBudget(options.maxBufferedBodyBytes ?? 4 * maxBodyBytes);
  // A budget smaller than one body would answer 503 to a body it could never take.
  if (bodyBudget.limit < maxBodyBytes) {
    throw new Error("sandbox: maxBufferedBodyBytes must be at least maxBodyBytes");
  }
  const baseNow = options.now ?? Date.now;
  let clockOffset = 0;
  const now = () => baseNow() + clockOffset;

  const settings = {
    ...(options.batchDelayMs === undefined ? {} : { batchDelayMs: options.batchDelayMs }),
    ...(options.smdpHost === undefined ? {} : { smdpHost: options.smdpHost }),
    ...(options.configs === undefined ? {} : { configs: options.configs }),
    ...(options.campaigns === undefined ? {} : { campaigns: options.campaigns }),
    ...(options.operators === undefined ? {} : { operators: options.operators }),
    ...(options.tokenTtlSeconds === undefined ? {} : { tokenTtlSeconds: options.tokenTtlSeconds }),
  };
  const loaded =
    options.dataFile === undefined
      ? undefined
      : await loadState(options.dataFile, options.configs ?? defaultConfigs);

  const webhooks = createWebhookSender({
    url: options.webhookUrl,
    accessKey: credentials.rsp.accessKey,
    secretKey: credentials.rsp.secretKey,
    now,
    ...(options.webhookGeneration === undefined ? {} : { generation: options.webhookGeneration }),
    attempts: positiveInteger("webhookRetry.attempts", options.webhookRetry?.attempts),
    retryDelayMs: positiveInteger("webhookRetry.delayMs", options.webhookRetry?.delayMs, 0),
  });
  const { ctx, codeKey } = createSandboxEngine({
    settings,
    now,
    seed,
    ...(loaded === undefined ? {} : { state: loaded.state, codeKey: loaded.codeKey }),
    notify: (notification) => webhooks.send(notification),
  });
  const authenticator = createAuthenticator({ credentials, rspScheme, now });
  const planner = createFaultPlanner(faults, seed);
  const requestLog = createRequestLog();
  const strict = options.strict ?? false;

  let dirty = false;
  const onChange = () => {
    dirty = true;
  };
  const admin = createSandboxAdmin({
    ctx,
    planner,
    authenticator,
    webhooks,
    requestLog,
    onChange,
    advanceClock: (ms) => {
      clockOffset += ms;
      return now();
    },
  });
  const routes = createRouteTable(credentials.cmp);

  const server = createServer({ keepAlive: true });
  const host = options.host ?? "127.0.0.1";
  const port = await listen(server, options.port ?? 0, host);
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  // Attached once the port is known (the admin endpoints accept only this port in Host);
  // nothing can arrive in between, as no I/O runs before this continuation.
  const listener = createRequestListener({
    routes,
    ctx,
    authenticator,
    planner,
    admin,
    adminHosts: adminHosts(host, port),
    allowFaultHeader: options.allowFaultHeader ?? true,
    maxBodyBytes,
    bodyBudget,
    onChange,
    strict,
    requestLog,
  });
  server.on("request", listener);
  // `Expect: 100-continue` goes to the same listener, which sends the 100 only when it is
  // about to read the body: a request refused on its headers never has its body invited.
  server.on("checkContinue", listener);

  // Saves are serialized: an interval save and the final save never write at the same time.
  let saving: Promise<void> = Promise.resolve();
  const save = () => {
    const file = options.dataFile;
    if (file === undefined) return Promise.resolve();
    // A failed save must not block the next one.
    saving = saving
      .catch(() => {})
      .then(async () => {
        dirty = false;
        await saveState(file, ctx.state, codeKey, ctx.settings.configs);
      });
    return saving;
  };
  const interval =
    options.dataFile === undefined
      ? undefined
      : setInterval(() => {
          if (dirty)
            save().catch((error: unknown) =>
              console.error(`sandbox: could not save state: ${String(error)}`),
            );
        }, options.persistIntervalMs ?? 5_000);
  interval?.unref();

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      if (interval !== undefined) clearInterval(interval);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await webhooks.idle();
      await save();
    })();
    return stopping;
  };

  return {
    url,
    port,
    seed,
    rspScheme,
    strict,
    credentials,
    admin,
    get bufferedBodyBytes() {
      return bodyBudget.reserved;
    },
    save,
    stop,
  };
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function positiveInteger(name: string, value: number | undefined, min = 1): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isSafeInteger(value) || value < min) {
    throw new Error(`sandbox: ${name} must be an integer of at least ${min}`);
  }
  return value;
}
