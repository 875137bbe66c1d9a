import type { CmpClient, EimClient, RspClient } from "@simlessly/client";
import type { CliContext, Invocation } from "../../cli/command-spec.ts";
import {
  resolveCmpSettings,
  resolveEimSettings,
  resolveRspSettings,
} from "../../config/product-settings.ts";
import type { ClientLogging } from "../../wiring/client-logging.ts";
import { cmpClientFrom, eimClientFrom, rspClientFrom } from "../../wiring/clients.ts";
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
}

/**
 * Resolves the product's settings (environment, then config profile; exit 3 when missing)
 * and creates its client. `logging` is where the clients' redacted log lines go.
 */
export function connect<P extends Product>(
  product: P,
  invocation: Invocation,
  context: CliContext,
  logging: ClientLogging = {},
): Connection<P> {
  const sources = { env: context.env, cwd: context.cwd, global: invocation.global };
  switch (product) {
    case "rsp": {
      const settings = resolveRspSettings(sources);
      return {
        client: rspClientFrom(settings, logging) as ProductClients[P],
        credentials: [settings.secretKey],
      };
    }
    case "eim": {
      const settings = resolveEimSettings(sources);
      return {
        client: eimClientFrom(settings, logging) as ProductClients[P],
        credentials: [settings.secretKey, settings.token ?? ""],
      };
    }
    default: {
      const settings = resolveCmpSettings(sources);
      return {
        client: cmpClientFrom(settings, logging) as ProductClients[P],
        credentials: [settings.clientSecret],
      };
    }
  }
}
