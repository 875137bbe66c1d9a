import {
  type CmpClient,
  createCmpClient,
  createEimClient,
  createRspClient,
  type EimClient,
  type RspClient,
} from "@simlessly/client";
import type { CmpSettings, EimSettings, RspSettings } from "../config/product-settings.ts";
import { ConfigError } from "../core/cli-error.ts";
import type { ClientLogging } from "./client-logging.ts";

/** The typed RSP client for resolved settings. */
export function rspClientFrom(settings: RspSettings, logging: ClientLogging = {}): RspClient {
  return createRspClient({
    baseUrl: settings.baseUrl,
    accessKey: settings.accessKey,
    secretKey: settings.secretKey,
    scheme: settings.scheme,
    allowInsecureHttp: settings.allowInsecureHttp ?? false,
    logger: logging.logger,
    logLevel: logging.logLevel,
  });
}

/** The typed eIM client; the token is required because no login call is documented. */
export function eimClientFrom(settings: EimSettings, logging: ClientLogging = {}): EimClient {
  if (settings.token === undefined) {
    throw new ConfigError("missing eIM token: set SIMLESSLY_EIM_TOKEN (or eim.token)");
  }
  return createEimClient({
    baseUrl: settings.baseUrl,
    publicKey: settings.accessKey,
    secretKey: settings.secretKey,
    token: settings.token,
    allowInsecureHttp: settings.allowInsecureHttp ?? false,
    logger: logging.logger,
    logLevel: logging.logLevel,
  });
}

/** The typed CMP client; it obtains and renews its bearer token itself. */
export function cmpClientFrom(settings: CmpSettings, logging: ClientLogging = {}): CmpClient {
  return createCmpClient({
    baseUrl: settings.baseUrl,
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    allowInsecureHttp: settings.allowInsecureHttp ?? false,
    logger: logging.logger,
    logLevel: logging.logLevel,
  });
}
