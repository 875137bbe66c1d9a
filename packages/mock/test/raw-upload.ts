// A request written by hand over node:net, so a test decides exactly how much of the body is
// on the wire when the answer comes: the head, then some of the body, then (maybe) the rest.
import { connect, type Socket } from "node:net";

/** One HTTP answer as read off the socket. */
export interface RawAnswer {
  readonly status: number;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** The parsed JSON body, or undefined when there is none. */
  readonly json: unknown;
  /** Interim answers (`100 Continue`) seen before it. */
  readonly interim: readonly number[];
}

/** An upload in progress. */
export interface RawUpload {
  /** Body bytes written so far. */
  readonly sent: number;
  /** Resolves with the first final answer. */
  readonly answer: Promise<RawAnswer>;
  /** Resolves once the server has closed the connection. */
  readonly closed: Promise<void>;
  /** Writes more of the body. */
  send(bytes: Uint8Array | string): Promise<void>;
  /** Drops the connection. */
  destroy(): void;
}

/** What to send first: the request head and the start of the body. */
export interface RawUploadInput {
  /** `http://host:port` of the sandbox. */
  readonly url: string;
  readonly path: string;
  readonly method?: string;
  /** Extra headers; `host` defaults to the URL's, `content-length` is never added. */
  readonly headers: Readonly<Record<string, string>>;
  readonly firstBytes?: Uint8Array | string;
}

/** Opens a connection and writes the head and the first bytes of a body. */
export function startRawUpload(input: RawUploadInput): RawUpload {
  const target = new URL(input.url);
  const socket: Socket = connect(Number(target.port), target.hostname);
  let sent = 0;
  const head = [
    `${input.method ?? "POST"} ${input.path} HTTP/1.1`,
    ...Object.entries({ host: target.host, ...input.headers }).map(
      ([name, value]) => `${name}: ${value}`,
    ),
    "",
    "",
  ].join("\r\n");
  // The server may close while the body is still being written; that is the point.
  socket.on("error", () => {});
  const closed = new Promise<void>((resolve) => socket.once("close", () => resolve()));
  const answer = readAnswer(socket);
  // A test that fails before awaiting it still destroys the socket; that is no second failure.
  answer.catch(() => {});
  const write = (bytes: Uint8Array | string) =>
    new Promise<void>((resolve) => {
      if (socket.destroyed || !socket.writable) return resolve();
      const length = typeof bytes === "string" ? Buffer.byteLength(bytes) : bytes.length;
      socket.write(bytes, () => {
        sent += length;
        resolve();
      });
    });
  socket.write(head);
  if (input.firstBytes !== undefined) void write(input.firstBytes);
  return {
    get sent() {
      return sent;
    },
    answer,
    closed,
    send: write,
    destroy: () => socket.destroy(),
  };
}

function readAnswer(socket: Socket): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    let buffer = Buffer.alloc(0);
    const interim: number[] = [];
    const onData = (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        const end = buffer.indexOf("\r\n\r\n");
        if (end < 0) return;
        const [statusLine = "", ...lines] = buffer
          .subarray(0, end)
          .toString("latin1")
          .split("\r\n");
        const status = Number(statusLine.split(" ")[1]);
        const headers: Record<string, string> = {};
        for (const line of lines) {
          const colon = line.indexOf(":");
          headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
        }
        if (status >= 100 && status < 200) {
          interim.push(status);
          buffer = buffer.subarray(end + 4);
          continue;
        }
        const length = Number(headers["content-length"] ?? "0");
        if (buffer.length < end + 4 + length) return;
        const body = buffer.subarray(end + 4, end + 4 + length).toString("utf8");
        socket.off("data", onData);
        resolve({
          status,
          headers,
          body,
          json: body === "" ? undefined : JSON.parse(body),
          interim,
        });
        return;
      }
    };
    socket.on("data", onData);
    socket.once("close", () => reject(new Error("the connection closed without an answer")));
  });
}

/** Resolves with `promise`, or rejects with `message` after `ms` (a guard, not a measurement). */
export function within<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(message)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
