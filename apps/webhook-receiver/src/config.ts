// The receiver's settings, read from the environment as the simlessly CLI reads its own.
import { resolve } from "node:path";

/** What the receiver runs with. */
export interface ReceiverConfig {
  /** The RSP SecretKey that signs the webhooks. Never logged. */
  readonly secretKey: string;
  /** When set, a webhook's `Access-Key` must equal it. */
  readonly accessKey: string | undefined;
  readonly host: string;
  /** 0 picks a free port (tests). */
  readonly port: number;
  /** The SQLite file, absolute. */
  readonly dbPath: string;
}

/** Defaults: loopback only, so that exposing the service is a deliberate choice. */
export const defaultHost = "127.0.0.1";
export const defaultPort = 8080;
export const defaultDbPath = "webhook-events.sqlite";

/** A setting that is missing or unreadable; its message names the variable, never a value. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

/** Reads the settings from `env`, throwing ConfigError for a missing key or a bad port. */
export function readConfig(env: Readonly<Record<string, string | undefined>>): ReceiverConfig {
  const secretKey = env.SIMLESSLY_SECRET_KEY;
  if (secretKey === undefined || secretKey === "") {
    throw new ConfigError("SIMLESSLY_SECRET_KEY is not set: the RSP SecretKey signs the webhooks");
  }
  const portText = env.WEBHOOK_RECEIVER_PORT ?? String(defaultPort);
  const port = Number(portText);
  if (!/^\d{1,5}$/.test(portText) || port > 65_535) {
    throw new ConfigError("WEBHOOK_RECEIVER_PORT must be a port number (0 to 65535)");
  }
  return {
    secretKey,
    accessKey: nonEmpty(env.SIMLESSLY_ACCESS_KEY),
    host: nonEmpty(env.WEBHOOK_RECEIVER_HOST) ?? defaultHost,
    port,
    dbPath: resolve(nonEmpty(env.WEBHOOK_RECEIVER_DB) ?? defaultDbPath),
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === "" ? undefined : value;
}
