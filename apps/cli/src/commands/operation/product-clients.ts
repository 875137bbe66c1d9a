import type { CmpClient, EimClient, RspClient } from "@simlessly/client";
import {
  resolveCmpSettings,
  resolveEimSettings,
  resolveRspSettings,
} from "../../config/product-settings.ts";
import type { Invocation } from "../../core/command-spec.ts";
import { type Target, targetOf } from "../../core/target-line.ts";
import type { ClientLogging } from "../../wiring/client-logging.ts";
import { cmpClientFrom, eimClientFrom, rspClientFrom } from "../../wiring/clients.ts";
import type { CliContext } from "../command-module.ts";
import type { Product } from "./product-contract.ts";

/** The typed client of each product. */
export interface ProductClients {
  readonly rsp: RspClient;
  readonly eim: EimClient;
  readonly cmp: CmpClient;
}

/** A connected client and the credentials it holds (to scrub them from any message). */
export interface Connection<P extends Product> {
  readonly client: ProductClients[P];
  readonly credentials: readonly string[];
  /** The resolved base URL: what a confirmation question names. */
  readonly baseUrl: string;
  /** The platform and where its settings came from, as the target line names them. */
  readonly target: Target;
}

/**
 * Resolves the product's settings (environment, then config profile; exit 3 when missing),
 * creates its client and announces the target (the line on stderr) before any request.
 * `logging` is where the clients' redacted log lines go.
 */
export function connect<P extends Product>(
  product: P,
  invocation: Invocation,
  context: CliContext,
  logging: ClientLogging = {},
): Connection<P> {
  const connection = openConnection(product, invocation, context, logging);
  // Only once the client exists: settings refused on the way (a missing eIM token) name none.
  context.announceTarget?.(connection.target);
  return connection;
}

function openConnection<P extends Product>(
  product: P,
  invocation: Invocation,
  context: CliContext,
  logging: ClientLogging,
): Connection<P> {
  const sources = { env: context.env, cwd: context.cwd, global: invocation.global };
  switch (product) {
    case "rsp": {
      const settings = resolveRspSettings(sources);
      return {
        client: rspClientFrom(settings, logging) as ProductClients[P],
        credentials: [settings.secretKey],
        baseUrl: settings.baseUrl,
        target: targetOf(product, settings),
      };
    }
    case "eim": {
      const settings = resolveEimSettings(sources);
      return {
        client: eimClientFrom(settings, logging) as ProductClients[P],
        credentials: [settings.secretKey, settings.token ?? ""],
        baseUrl: settings.baseUrl,
        target: targetOf(product, settings),
      };
    }
    default: {
      const settings = resolveCmpSettings(sources);
      return {
        client: cmpClientFrom(settings, logging) as ProductClients[P],
        credentials: [settings.clientSecret],
        baseUrl: settings.baseUrl,
        target: targetOf(product, settings),
      };
    }
  }
}
