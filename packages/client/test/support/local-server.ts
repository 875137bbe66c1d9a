// A node:http server on loopback whose answers each test scripts, one behaviour per request,
// to misbehave on purpose: delays, error statuses, Retry-After, sockets destroyed before or
// after the body is read, invalid JSON, quirky envelopes. It records what it received.
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
} from "node:http";
import type { AddressInfo } from "node:net";

/** What the server does with one request. */
export type Behaviour =
  | {
      readonly status?: number;
      /** A JSON body (serialized as is). */
      readonly json?: unknown;
      /** A raw text body, sent instead of `json`. */
      readonly text?: string;
      readonly headers?: Readonly<Record<string, string>>;
      /** Wait this long after reading the body before answering. */
      readonly delayMs?: number;
    }
  | { readonly destroy: "before-body" | "after-body" }
  | { readonly hang: true };

/** One request as the server received it. */
export interface ReceivedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  /** The exact bytes received; empty when the socket was destroyed before reading. */
  readonly body: Buffer;
  /** Local milliseconds when the request arrived. */
  readonly receivedAt: number;
}

/** A running scripted server. */
export interface LocalServer {
  readonly url: string;
  readonly port: number;
  readonly requests: ReceivedRequest[];
  close(): Promise<void>;
}

/** Picks the behaviour for the n-th request (0-based) and its parsed body. */
export type Script =
  | readonly Behaviour[]
  | ((index: number, request: ReceivedRequest) => Behaviour | Promise<Behaviour>);

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks)));
    request.on("error", reject);
  });
}

/** The envelope of an RSP success. */
export function rspSuccess(obj: unknown): Behaviour {
  return { json: { success: true, code: "00000", msg: "", obj } };
}

/** Starts a scripted server on 127.0.0.1 and a free port (or `port`). */
export async function startLocalServer(script: Script, port = 0): Promise<LocalServer> {
  const requests: ReceivedRequest[] = [];
  const hanging = new Set<IncomingMessage>();
  const server: Server = createServer(async (request, response) => {
    const index = requests.length;
    const receivedAt = Date.now();
    const base = { method: request.method ?? "", url: request.url ?? "", headers: request.headers };
    const peek = Array.isArray(script) ? script[index] : undefined;
    if (peek !== undefined && "destroy" in peek && peek.destroy === "before-body") {
      requests.push({ ...base, body: Buffer.alloc(0), receivedAt });
      request.socket.destroy();
      return;
    }
    const body = await readBody(request);
    const received = { ...base, body, receivedAt };
    requests.push(received);
    const behaviour = Array.isArray(script)
      ? script[index]
      : await (script as Exclude<Script, readonly Behaviour[]>)(index, received);
    if (behaviour === undefined) {
      response.writeHead(599).end(`no behaviour scripted for request ${index}`);
      return;
    }
    if ("destroy" in behaviour) {
      request.socket.destroy();
      return;
    }
    if ("hang" in behaviour) {
      hanging.add(request);
      return;
    }
    if (behaviour.delayMs) await new Promise((resolve) => setTimeout(resolve, behaviour.delayMs));
    if (response.destroyed) return;
    const text = behaviour.text ?? JSON.stringify(behaviour.json ?? null);
    response.writeHead(behaviour.status ?? 200, {
      "content-type": "application/json",
      ...behaviour.headers,
    });
    response.end(text);
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    port: address.port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const request of hanging) request.socket.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A loopback port on which nothing listens (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The request id header of a received request (RSP or appendix spelling). */
export function requestIdOf(request: ReceivedRequest): string | undefined {
  const value = request.headers.requestid ?? request.headers["request-id"];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Starts scripted servers for one test file and closes them after each test (call at the top
 * level of the file; register `afterEach` there).
 */
export function localServers(): {
  serve(script: Script, port?: number): Promise<LocalServer>;
  closeAll(): Promise<void>;
} {
  const running: LocalServer[] = [];
  return {
    async serve(script, port) {
      const server = await startLocalServer(script, port);
      running.push(server);
      return server;
    },
    closeAll: async () => {
      await Promise.all(running.splice(0).map((server) => server.close()));
    },
  };
}

/**
 * A webhook receiver on `servers`: answers every request 200 and resolves `first` with the
 * first request it gets, its exact bytes included.
 */
export async function receiveFirst(
  servers: ReturnType<typeof localServers>,
): Promise<{ url: string; first: Promise<ReceivedRequest> }> {
  let deliver: (request: ReceivedRequest) => void = () => {};
  const first = new Promise<ReceivedRequest>((resolve) => {
    deliver = resolve;
  });
  const server = await servers.serve((index, request) => {
    if (index === 0) deliver(request);
    return { status: 200 };
  });
  return { url: `${server.url}/hook`, first };
}
