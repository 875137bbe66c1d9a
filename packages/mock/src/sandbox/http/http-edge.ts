// The HTTP edge: reads a request, applies the fault plan, authenticates, parses, hands the
// body to the engine and writes the reply. All I/O of the sandbox happens here; the engine
// below is synchronous and knows nothing of sockets.
//
// A body is read only once the headers can no longer refuse the request: the route and method
// exist, the Content-Length is within the limit, and the signing headers, key, timestamp and
// token (or CMP bearer) pass. Only the signature needs the body. A refusal decided before the
// body closes the connection, so the unread body is neither buffered nor drained.
import type { IncomingMessage, ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import type { SandboxAdmin } from "../admin/admin.ts";
import type { RequestLog } from "../admin/request-log.ts";
import type { Authenticator } from "../auth/authenticate.ts";
import type { EngineContext } from "../engine/engine-context.ts";
import { type Reply, rspFailure } from "../engine/envelopes.ts";
import { settle } from "../engine/settle.ts";
import {
  type FaultOutcome,
  type FaultOverride,
  type FaultPlanner,
  faultHeaderName,
  parseFaultHeader,
} from "../faults/faults.ts";
import type { Route } from "../router/routes.ts";
import { serveAdminRequest } from "./admin-http.ts";
import { adminPrefix } from "./admin-routes.ts";
import { answerOperation } from "./answer-operation.ts";
import type { BodyBudget } from "./body-budget.ts";
import {
  busyReply,
  edgeFailure,
  faultReply,
  send,
  sendAndClose,
  sendUnread,
  tooLargeReply,
} from "./edge-replies.ts";
import { openRequestBody, type RequestBody } from "./request-body.ts";

/** What the edge needs. */
export interface EdgeInput {
  readonly routes: ReadonlyMap<string, Route>;
  readonly ctx: EngineContext;
  readonly authenticator: Authenticator;
  readonly planner: FaultPlanner;
  readonly admin: SandboxAdmin;
  /** The Host values that name this sandbox, for the admin endpoints. */
  readonly adminHosts: ReadonlySet<string>;
  /** Whether `x-sandbox-fault` is honoured. */
  readonly allowFaultHeader: boolean;
  /** The largest body of one request. */
  readonly maxBodyBytes: number;
  /** The body bytes held at once across all requests. */
  readonly bodyBudget: BodyBudget;
  /** Called after anything may have changed the state (for persistence). */
  readonly onChange: () => void;
  /** Refuse the tolerated and uncertain forms (request-screen.ts) instead of warning. */
  readonly strict: boolean;
  /** Where every answered operation request is noted, with its warnings. */
  readonly requestLog: RequestLog;
}

/** Creates the request listener of the sandbox's HTTP server. */
export function createRequestListener(
  input: EdgeInput,
): (request: IncomingMessage, response: ServerResponse) => void {
  return (request, response) => {
    handle(input, request, response).catch((error: unknown) => {
      // A bug, not a verdict: answer 500 and say so on stderr, without request data.
      console.error(
        `sandbox: internal error: ${error instanceof Error ? error.message : String(error)}`,
      );
      if (!response.headersSent)
        sendAndClose(response, { status: 500, body: { error: "internal sandbox error" } });
      else response.destroy();
    });
  };
}

async function handle(
  input: EdgeInput,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const limits = { maxBytes: input.maxBodyBytes, budget: input.bodyBudget };
  const url = new URL(request.url ?? "/", "http://sandbox.invalid");
  if (url.pathname.startsWith(adminPrefix)) {
    await serveAdminRequest(
      { admin: input.admin, hosts: input.adminHosts, limits },
      request,
      response,
      url,
    );
    return;
  }

  const route = input.routes.get(url.pathname);
  if (route === undefined) {
    sendUnread(request, response, {
      status: 404,
      body: rspFailure("NOT_FOUND", `no operation at ${url.pathname}`),
    });
    return;
  }
  if (request.method !== "POST") {
    sendUnread(request, response, {
      status: 405,
      body: rspFailure("METHOD_NOT_ALLOWED", "every operation is a POST"),
      headers: { allow: "POST" },
    });
    return;
  }

  let override: FaultOverride | undefined;
  const faultHeader = request.headers[faultHeaderName];
  if (input.allowFaultHeader && typeof faultHeader === "string") {
    const parsed = parseFaultHeader(faultHeader, input.planner.settings.retryAfterSeconds);
    if ("error" in parsed) {
      sendUnread(
        request,
        response,
        edgeFailure(route.product, 400, "BAD_FAULT_HEADER", parsed.error),
      );
      return;
    }
    override = parsed;
  }
  const plan = input.planner.plan(override);
  if (plan.outcome.kind === "reset-before") {
    // Nothing read, nothing processed: the client sees a connection reset.
    request.socket.resetAndDestroy();
    return;
  }
  if (plan.latencyMs > 0) await sleep(plan.latencyMs);

  const body = openRequestBody(request, response, limits);
  try {
    await serveOperation(input, route, plan.outcome, body, request, response);
  } finally {
    body.release();
  }
}

async function serveOperation(
  input: EdgeInput,
  route: Route,
  outcome: FaultOutcome,
  requestBody: RequestBody,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const { ctx } = input;
  if (requestBody.declaredTooLarge) {
    sendUnread(request, response, tooLargeReply(route.product));
    return;
  }
  const early = await input.authenticator.checkHeaders(route.auth, ctx, request.headers);
  if (early !== null) {
    sendUnread(request, response, early);
    return;
  }

  const body = await requestBody.read();
  if (body === "aborted") return;
  if (body === "too-large") {
    sendUnread(request, response, tooLargeReply(route.product));
    return;
  }
  if (body === "busy") {
    // Refused rather than queued: a queue would let bodies that trickle in slowly hold every
    // request behind them, each with its socket, so the bound would only move elsewhere. A
    // 503 with Retry-After is what a loaded server answers, and it answers at once.
    sendUnread(request, response, busyReply(route.product));
    return;
  }
  if (outcome.kind === "status") {
    send(response, faultReply(route.product, outcome.status, outcome.retryAfterSeconds));
    return;
  }

  if (settle(ctx) > 0) input.onChange();
  const refusal = await input.authenticator.check(route.auth, ctx, request.headers, body);
  let reply: Reply;
  if (refusal !== null) {
    reply = refusal;
  } else {
    let json: unknown;
    let parsed = true;
    try {
      json = JSON.parse(body.toString("utf8"));
    } catch {
      parsed = false;
    }
    // RSP and eIM answer a body that is not JSON like any other failure, with HTTP 200.
    reply = parsed
      ? answerOperation({ ctx, strict: input.strict, log: input.requestLog }, route, json)
      : edgeFailure(
          route.product,
          route.product === "cmp" ? 400 : 200,
          "INVALID_JSON",
          "the body is not JSON",
        );
    input.onChange();
  }
  if (outcome.kind === "reset-after") {
    // Processed and committed, but the answer never leaves: the outcome is unknown to the client.
    request.socket.resetAndDestroy();
    return;
  }
  send(response, reply);
}
