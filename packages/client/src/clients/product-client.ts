// What the RSP, eIM and CMP clients share: the openapi-fetch client over the transport, the
// per-operation methods generated from the contract metadata, request checks, redaction and
// logging. The product files add only how they authenticate and read their envelopes.
import type { BatchLimit, EimErrorLookup } from "@simlessly/contract";
import createClient, { type Client } from "openapi-fetch";
import type { KeyAliases } from "../answers/normalize-envelope.ts";
import type { EnvelopeKind } from "../answers/read-envelope.ts";
import { judgeBody, type ValidationMode } from "../answers/response-validation.ts";
import type { SchemaValidator } from "../answers/schema-validator.ts";
import type { ValidationIssue } from "../answers/validation-issue.ts";
import { SimlesslyInvalidRequestError } from "../errors/invalid-request-error.ts";
import { createLogSink, type Logger, type LogLevel, type LogSink } from "../logging/logger.ts";
import { createRedactor, type Redactor } from "../logging/redactor.ts";
import {
  type CallableOperation,
  createOperationTable,
  type OperationEntry,
} from "../operation-table.ts";
import type { AttemptHooks } from "../transport/attempt-hooks.ts";
import { checkBaseUrl } from "../transport/base-url.ts";
import { type Clock, createClock } from "../transport/clock.ts";
import { type RetryOptions, resolveRetryPolicy } from "../transport/retry-policy.ts";
import type { FetchLike, WireBody } from "../transport/send-attempt.ts";
import { type Authorization, createTransport, type Transport } from "../transport/transport.ts";
import type { CallOptions } from "./operation-types.ts";

/** Options every client takes. */
export interface ClientOptions {
  /**
   * Where the API is; default the production URL of the product. Plain `http://` only to
   * loopback (`localhost`, 127.0.0.0/8, `[::1]`) unless `allowInsecureHttp` is set.
   */
  readonly baseUrl?: string | undefined;
  /**
   * Allows a plain `http://` baseUrl to a host that is not loopback; default false, and the
   * client refuses such a URL when it is created. Over plain http, anyone on the path reads
   * the request bodies (Ki, OPc, activation codes) and a signature or token the server
   * accepts. Only for a network you trust end to end.
   */
  readonly allowInsecureHttp?: boolean | undefined;
  /**
   * How answers are checked: `strict`, `lenient` (default: unknown fields are reported and
   * passed through) or `off`. Checking needs `validator`; without it nothing is checked.
   */
  readonly validation?: ValidationMode | undefined;
  /** The product's schemas, from `@simlessly/client/validation` (brings in zod). */
  readonly validator?: SchemaValidator | undefined;
  /** Where to log; `console` fits. Nothing is logged without one. */
  readonly logger?: Logger | undefined;
  /** How much to log; default `warn`. `debug` shows every request and answer, redacted. */
  readonly logLevel?: LogLevel | undefined;
  /** Limit of each attempt in milliseconds; default 30 s. */
  readonly timeoutMs?: number | undefined;
  /** Limit of a whole call (attempts and backoff) in milliseconds; default 90 s. */
  readonly totalTimeoutMs?: number | undefined;
  /** Retry settings (attempts, backoff, Retry-After cap, budget). */
  readonly retry?: RetryOptions | undefined;
  /** The fetch to send with; default the global `fetch`. */
  readonly fetch?: FetchLike | undefined;
  /** The local clock for request timestamps and token expiry; default `Date.now`. */
  readonly now?: (() => number) | undefined;
  /** Correct request timestamps by the skew seen in the server's `Date` header; default false. */
  readonly clockSkew?: boolean | undefined;
  /**
   * Called around every attempt of every call (typed or through `raw`), after signing: they
   * see each request as sent, secrets in its body included, and cannot change it.
   */
  readonly hooks?: AttemptHooks | undefined;
}

/** What a product adds to the shared machinery. */
export interface ProductSetup {
  readonly defaultBaseUrl: string;
  readonly operations: readonly CallableOperation[];
  /** Property names holding secrets (the contract's `x-secret` markers). */
  readonly secretPropertyNames: readonly string[];
  readonly batchLimits: readonly BatchLimit[];
  readonly envelope: EnvelopeKind;
  readonly aliases: KeyAliases;
  readonly catalog?: ((code: number) => EimErrorLookup) | undefined;
  /** Credentials to scrub from any text the client logs or throws. */
  readonly secretValues: readonly string[];
  readonly authorize: (
    clock: Clock,
  ) => (operation: OperationEntry, body: WireBody) => Promise<Authorization>;
  readonly renewCredentials?:
    | ((operation: OperationEntry, rejected: Authorization) => boolean | Promise<boolean>)
    | undefined;
}

/** The shared parts of a built client. */
export interface ProductClient<Paths extends {}> {
  readonly raw: Client<Paths, "application/json">;
  readonly transport: Transport;
  readonly redactor: Redactor;
  readonly log: LogSink;
  readonly clock: Clock;
  /** Calls one operation and resolves to its data. */
  call(operation: CallableOperation, body: unknown, options?: CallOptions): Promise<unknown>;
  /** One method per operation, named by operationId. */
  readonly methods: Record<string, (body?: unknown, options?: CallOptions) => Promise<unknown>>;
}

function positive(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (value > 0 && value < Number.POSITIVE_INFINITY) return value;
  throw new TypeError(`${name} must be a positive number`);
}

function batchIssues(
  limits: readonly BatchLimit[],
  operationId: string,
  body: unknown,
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (typeof body !== "object" || body === null) return issues;
  for (const limit of limits) {
    if (limit.operationId !== operationId) continue;
    const items = (body as Record<string, unknown>)[limit.field];
    if (!Array.isArray(items)) continue;
    const max = limit.maxItems ?? Number.POSITIVE_INFINITY;
    if (items.length < limit.minItems || items.length > max) {
      issues.push({
        path: limit.field,
        code: "batch-size",
        message: `has ${items.length} items; the contract allows ${limit.minItems}-${limit.maxItems ?? "any"}`,
      });
    }
  }
  return issues;
}

/** Builds the shared machinery of a client. */
export function createProductClient<Paths extends {}>(
  options: ClientOptions,
  setup: ProductSetup,
): ProductClient<Paths> {
  const baseUrl = (options.baseUrl ?? setup.defaultBaseUrl).replace(/\/+$/, "");
  checkBaseUrl(baseUrl, options.allowInsecureHttp === true);
  const validation = options.validation ?? "lenient";
  const redactor = createRedactor({
    secretPropertyNames: setup.secretPropertyNames,
    secretValues: setup.secretValues,
  });
  const log = createLogSink(options.logger, options.logLevel ?? "warn", redactor);
  const clock = createClock({ now: options.now, correctSkew: options.clockSkew });
  const fetchImpl: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const transport = createTransport({
    envelope: setup.envelope,
    operations: createOperationTable(setup.operations, baseUrl),
    authorize: setup.authorize(clock),
    renewCredentials: setup.renewCredentials,
    fetch: fetchImpl,
    timeoutMs: positive("timeoutMs", options.timeoutMs, 30_000),
    totalTimeoutMs: positive("totalTimeoutMs", options.totalTimeoutMs, 90_000),
    retry: resolveRetryPolicy(options.retry),
    clock,
    log,
    redactor,
    validation,
    validator: options.validator,
    aliases: setup.aliases,
    catalog: setup.catalog,
    hooks: options.hooks ?? {},
  });
  const raw = createClient<Paths, "application/json">({ baseUrl, fetch: transport.fetch });

  const targetOf = (operation: CallableOperation) => ({
    url: baseUrl + operation.path,
    method: operation.method.toUpperCase(),
  });
  // Each operation's URL and method, worked out once rather than on every call.
  const targets = new Map(setup.operations.map((operation) => [operation, targetOf(operation)]));

  async function call(operation: CallableOperation, body: unknown, callOptions: CallOptions = {}) {
    const { operationId } = operation;
    // Checked before sending, so the error proves nothing was sent. The whole schema only in
    // `strict`: checking 200 batch records costs about as much as the call itself, and the
    // server checks them anyway; the batch limits always.
    const issues = batchIssues(setup.batchLimits, operationId, body);
    if (validation === "strict") {
      issues.push(
        ...judgeBody("strict", options.validator, operation.requestSchema, body).rejected,
      );
    }
    if (issues.length > 0) throw new SimlesslyInvalidRequestError({ operationId, issues });
    // Serialized once, here, and handed to the transport, which signs and sends exactly this
    // text. It does not travel inside a Request: wrapping a 30 KB body in one costs about
    // 170 µs, a third of a whole loopback call, for bytes nobody reads.
    let text: string | undefined;
    try {
      text = JSON.stringify(body);
    } catch (cause) {
      throw new SimlesslyInvalidRequestError({
        operationId,
        issues: [{ path: "", code: "not-serializable", message: "cannot be written as JSON" }],
        cause,
      });
    }
    const { result } = await transport.call({
      operation,
      ...(targets.get(operation) ?? targetOf(operation)),
      body: text ?? null,
      headers: callOptions.headers,
      signal: callOptions.signal,
      timeoutMs: callOptions.timeoutMs,
      totalTimeoutMs: callOptions.totalTimeoutMs,
    });
    return result.data;
  }

  const methods: ProductClient<Paths>["methods"] = {};
  for (const operation of setup.operations) {
    methods[operation.operationId] = (body, callOptions) => call(operation, body, callOptions);
  }
  return { raw, transport, redactor, log, clock, call, methods };
}
