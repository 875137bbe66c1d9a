import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { resolveRspSettings } from "../config/product-settings.ts";
import { UsageError } from "../core/cli-error.ts";
import type { Invocation } from "../core/command-spec.ts";
import { ExitCode } from "../core/exit-code.ts";
import type { CliContext } from "./command-module.ts";
import { eventJsonLine, eventLine } from "./listen/event-line.ts";
import { createWebhookServer, type Refusal } from "./listen/webhook-server.ts";

/** The port `listen` takes when none is given. */
export const defaultListenPort = 4040;

/**
 * `simlessly listen`: a local webhook receiver for development. Verifies each webhook with the
 * RSP secret key, prints one line per event (stdout) or refusal (stderr), forwards verified
 * events to --forward-to, and runs until Ctrl+C or SIGTERM.
 */
export async function run(invocation: Invocation, context: CliContext): Promise<number> {
  const { values, global } = invocation;
  const port = portOf(optional(values.port));
  const host = optional(values.host) ?? "127.0.0.1";
  const forwardTo = forwardUrlOf(optional(values["forward-to"]));
  // Only the secret key is used; resolving the settings checks it as every command does
  // (exit 3 when missing or unusable).
  const { secretKey } = resolveRspSettings({ env: context.env, cwd: context.cwd, global });

  const server = createWebhookServer({
    secretKey,
    forwardTo,
    onEvent: (event) => context.stdout.write(global.json ? eventJsonLine(event) : eventLine(event)),
    onRefusal: (refusal) => context.stderr.write(refusalLine(refusal)),
  });
  await listen(server, port, host);
  const url = urlOf(server.address() as AddressInfo);
  context.stderr.write(
    `listening for webhooks on ${url}${forwardTo === undefined ? "" : `, forwarding to ${forwardTo}`}\n` +
      `  start the sandbox with: simlessly sandbox --webhook-url ${url}\n` +
      "  Ctrl+C stops\n",
  );

  return new Promise<number>((resolve) => {
    const detach = context.onInterrupt?.(() => {
      detach?.();
      // Connections kept alive by senders would hold close() open.
      server.closeAllConnections();
      server.close(() => resolve(ExitCode.ok));
    });
  });
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) => {
      const why =
        error.code === "EADDRINUSE"
          ? `port ${port} on ${host} is in use: pick another with --port (0 takes a free one)`
          : `cannot listen on ${host}:${port}: ${error.code ?? error.message}`;
      reject(new UsageError(why, { cause: error }));
    });
    server.listen(port, host, () => resolve());
  });
}

function urlOf(address: AddressInfo): string {
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}

function refusalLine(refusal: Refusal): string {
  const time = new Date(refusal.receivedAt).toISOString();
  const id = refusal.requestId === null ? "" : ` (Request-ID ${refusal.requestId})`;
  return `${time} refused with ${refusal.status}: ${refusal.reason}${id}\n`;
}

function portOf(given: string | undefined): number {
  if (given === undefined) return defaultListenPort;
  const port = Number(given);
  if (!/^\d{1,5}$/.test(given) || port > 65535) {
    throw new UsageError("--port must be a number from 0 to 65535 (0 takes a free port)");
  }
  return port;
}

function forwardUrlOf(given: string | undefined): string | undefined {
  if (given === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(given);
  } catch {
    throw new UsageError("--forward-to must be an http:// or https:// URL");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new UsageError("--forward-to must be an http:// or https:// URL");
  }
  return url.href;
}

function optional(value: string | boolean | undefined): string | undefined {
  return typeof value === "string" ? value : undefined;
}
