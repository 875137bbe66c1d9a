// The HTTP edge: reads a request, applies the fault plan, authenticates, parses, hands the
// body to the engine and writes the reply. All I/O of the sandbox happens here; the engine
// below is synchronous and knows nothing of sockets.
import type { IncomingMessage, ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import type { SandboxAdmin } from "./admin.ts";
import { adminPrefix, handleAdminRequest } from "./admin-routes.ts";
import type { Authenticator } from "./authenticate.ts";
import { EimSandboxStatus } from "./eim-codes.ts";
import type { EngineContext } from "./engine-context.ts";
import { eimFailure, type Reply, rspFailure } from "./envelopes.ts";
import {
  type FaultOverride,
  type FaultPlanner,
  faultHeaderName,
  parseFaultHeader,
} from "./faults.ts";
import type { ProductName, Route } from "./routes.ts";
import { settle } from "./settle.ts";

/** What the edge needs. */
export interface EdgeInput {
  readonly routes: ReadonlyMap<string, Route>;
  readonly ctx: EngineContext;
  readonly authenticator: Authenticator;
  readonly planner: FaultPlanner;
  readonly admin: SandboxAdmin;
  /** Whether `x-sandbox-fault` is honoured. */
  readonly allowFaultHeader: boolean;
  readonly maxBodyBytes: number;
  /** Called after anything may have changed the state (for persistence). */
  readonly onChange: () => void;
}

class BodyTooLargeError extends Error {}

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
        send(response, { status: 500, body: { error: "internal sandbox error" } });
      else response.destroy();
    });
  };
}

async function handle(
  input: EdgeInput,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const url = new URL(request.url ?? "/", "http://sandbox.invalid");
  if (url.pathname.startsWith(adminPrefix)) {
    const method = request.method ?? "GET";
    let body: unknown;
    if (method !== "GET" && method !== "HEAD") {
      let bytes: Buffer;
      try {
        bytes = await readBody(request, input.maxBodyBytes);
      } catch (error) {
        if (!(error instanceof BodyTooLargeError)) throw error;
        send(response, { status: 413, body: { error: "the body is too large" } }, true);
        return;
      }
      const text = bytes.toString("utf8").trim();
      try {
        body = text === "" ? undefined : JSON.parse(text);
      } catch {
        send(response, { status: 400, body: { error: "the body is not JSON" } });
        return;
      }
    }
    send(response, handleAdminRequest(input.admin, method, url, body));
    return;
  }

  const route = input.routes.get(url.pathname);
  if (route === undefined) {
    send(response, {
      status: 404,
      body: rspFailure("NOT_FOUND", `no operation at ${url.pathname}`),
    });
    return;
  }
  if (request.method !== "POST") {
    send(response, {
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
      send(response, edgeFailure(route.product, 400, "BAD_FAULT_HEADER", parsed.error));
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

  let body: Buffer;
  try {
    body = await readBody(request, input.maxBodyBytes);
  } catch (error) {
    if (!(error instanceof BodyTooLargeError)) throw error;
    send(
      response,
      edgeFailure(route.product, 413, "BODY_TOO_LARGE", "the body is too large"),
      true,
    );
    return;
  }
  if (plan.outcome.kind === "status") {
    send(response, faultReply(route.product, plan.outcome.status, plan.outcome.retryAfterSeconds));
    return;
  }

  const { ctx } = input;
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
      ? route.handle(ctx, json)
      : edgeFailure(
          route.product,
          route.product === "cmp" ? 400 : 200,
          "INVALID_JSON",
          "the body is not JSON",
        );
    input.onChange();
  }
  if (plan.outcome.kind === "reset-after") {
    // Processed and committed, but the answer never leaves: the outcome is unknown to the client.
    request.socket.resetAndDestroy();
    return;
  }
  send(response, reply);
}

function readBody(request: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        request.removeAllListeners("data");
        request.resume();
        reject(new BodyTooLargeError());
        return;
      }
      chunks.push(chunk);
    });
    request.once("end", () => resolve(Buffer.concat(chunks, size)));
    request.once("error", reject);
  });
}

function send(response: ServerResponse, reply: Reply, close = false): void {
  const headers: Record<string, string | number> = { ...reply.headers };
  if (close) headers.connection = "close";
  if (reply.body === undefined) {
    response.writeHead(reply.status, { ...headers, "content-length": 0 });
    response.end();
    return;
  }
  const text = JSON.stringify(reply.body);
  response.writeHead(reply.status, {
    ...headers,
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
  });
  response.end(text);
}

/** Failures the edge answers itself (not an operation's), in the product's own shape. */
type EdgeFailure =
  | "INVALID_JSON"
  | "BAD_FAULT_HEADER"
  | "BODY_TOO_LARGE"
  | "RATE_LIMITED"
  | "SANDBOX_FAULT";

function edgeFailure(
  product: ProductName,
  httpStatus: number,
  code: EdgeFailure,
  message: string,
  headers?: Readonly<Record<string, string>>,
): Reply {
  // eIM carries the sandbox's own status where it has one, else the HTTP status.
  const eimStatus: Record<EdgeFailure, number> = {
    INVALID_JSON: EimSandboxStatus.INVALID_JSON,
    BAD_FAULT_HEADER: EimSandboxStatus.BAD_FAULT_HEADER,
    BODY_TOO_LARGE: httpStatus,
    RATE_LIMITED: httpStatus,
    SANDBOX_FAULT: httpStatus,
  };
  const body =
    product === "rsp"
      ? rspFailure(code, message)
      : product === "eim"
        ? eimFailure(eimStatus[code], `${code}: ${message}`)
        : { message };
  return { status: httpStatus, body, ...(headers === undefined ? {} : { headers }) };
}

function faultReply(product: ProductName, status: number, retryAfterSeconds?: number): Reply {
  if (status === 429) {
    return edgeFailure(product, 429, "RATE_LIMITED", "too many requests (injected)", {
      "retry-after": String(retryAfterSeconds ?? 1),
    });
  }
  return edgeFailure(product, status, "SANDBOX_FAULT", `server error ${status} (injected)`);
}
