// The HTTP service: routes, JSON answers and a graceful stop. Created without listening, so
// that tests and main.ts share it.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { EventStore } from "./event-store.ts";
import type { Logger } from "./log.ts";
import { type Answer, receiveWebhook } from "./receive-webhook.ts";

/** Options of {@link createReceiver}. */
export interface ReceiverOptions {
  readonly store: EventStore;
  readonly secretKey: string;
  readonly accessKey?: string | undefined;
  readonly log: Logger;
  /** The clock; `Date.now` by default. */
  readonly now?: (() => number) | undefined;
}

/** A running receiver. */
export interface Receiver {
  readonly server: Server;
  /** Listens; resolves with the base URL, e.g. `http://127.0.0.1:8080`. */
  listen(port: number, host: string): Promise<string>;
  /**
   * Stops accepting connections, lets the requests in progress finish (their writes
   * included), then closes the store. After `graceMs`, remaining connections are cut.
   */
  stop(graceMs?: number): Promise<void>;
}

// ICCIDs are 18 to 20 digits, some with a trailing hex check character; bounded anyway.
const iccidPattern = /^[0-9A-Fa-f]{6,22}$/;
const profileRoute = /^\/profiles\/([^/]+)(\/events)?$/;

/** Creates the receiver's server around `store`. */
export function createReceiver(options: ReceiverOptions): Receiver {
  const context = {
    store: options.store,
    secretKey: options.secretKey,
    accessKey: options.accessKey,
    log: options.log,
    now: options.now ?? Date.now,
  };
  const inFlight = new Set<Promise<void>>();

  const server = createServer((request, response) => {
    const handling = route(request, context)
      .catch((error: unknown) => {
        // The name only: a message could quote data, and the body is never logged.
        const name = error instanceof Error ? error.name : "error";
        options.log("error", { method: request.method ?? "", path: pathOf(request), error: name });
        return { status: 500, body: { error: "internal" } };
      })
      .then((answer) => send(response, answer));
    inFlight.add(handling);
    void handling.finally(() => inFlight.delete(handling));
  });

  return {
    server,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => {
          server.off("error", reject);
          const address = server.address() as AddressInfo;
          const shownHost = address.family === "IPv6" ? `[${address.address}]` : address.address;
          resolve(`http://${shownHost}:${address.port}`);
        });
      });
    },
    async stop(graceMs = 10_000) {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Keep-alive connections with no request in progress would hold close() open.
      server.closeIdleConnections();
      const timer = setTimeout(() => server.closeAllConnections(), graceMs);
      await Promise.allSettled([...inFlight]);
      await closed;
      clearTimeout(timer);
      await options.store.close();
    },
  };
}

async function route(
  request: IncomingMessage,
  context: Parameters<typeof receiveWebhook>[1],
): Promise<Answer> {
  const path = pathOf(request);
  const method = request.method ?? "GET";
  if (path === "/webhooks") {
    if (method !== "POST") return { status: 405, body: { error: "method-not-allowed" } };
    return receiveWebhook(request, context);
  }
  if (method !== "GET") return { status: 405, body: { error: "method-not-allowed" } };
  if (path === "/healthz") return { status: 200, body: { status: "ok" } };
  const match = profileRoute.exec(path);
  if (match === null) return { status: 404, body: { error: "not-found" } };
  const iccid = decodeURIComponent(match[1] ?? "");
  if (!iccidPattern.test(iccid)) return { status: 400, body: { error: "invalid-iccid" } };
  if (match[2] !== undefined) {
    return { status: 200, body: { iccid, events: await context.store.eventsFor(iccid) } };
  }
  const latest = await context.store.latestFor(iccid);
  if (latest === null) return { status: 404, body: { error: "unknown-profile", iccid } };
  return {
    status: 200,
    body: {
      iccid,
      notificationType: latest.notificationType,
      status: latest.status,
      occurredAt: latest.occurredAt,
      latest,
    },
  };
}

function pathOf(request: IncomingMessage): string {
  const url = request.url ?? "/";
  const query = url.indexOf("?");
  return query === -1 ? url : url.slice(0, query);
}

function send(response: ServerResponse, answer: Answer): void {
  if (response.headersSent) return;
  const text = JSON.stringify(answer.body);
  response.writeHead(answer.status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
  });
  response.end(text);
}
