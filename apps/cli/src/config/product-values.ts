import { type Choice, choose, type Setting, type SettingRule } from "./setting-choice.ts";
import type { LoadedSources } from "./settings-sources.ts";

/** A product of the platform, as the settings name it. */
export type Product = "rsp" | "eim" | "cmp";

/** Every product, in the order they are shown. */
export const products: readonly Product[] = ["rsp", "eim", "cmp"];

/** The production base URLs (the only environment the docs describe). */
export const defaultBaseUrls = {
  rsp: "https://rsp.simlessly.com",
  eim: "https://eim.simlessly.com",
  cmp: "https://cmp.simlessly.com",
} as const;

const productionHosts: ReadonlySet<string> = new Set(
  Object.values(defaultBaseUrls).map((url) => new URL(url).hostname),
);

/**
 * The shared base URL (SIMLESSLY_BASE_URL, a profile's `baseUrl`) serves eIM and CMP only when
 * it is not a production host: production gives each product a host of its own, so
 * SIMLESSLY_BASE_URL=https://rsp.simlessly.com, harmless for RSP, must not send eIM there.
 */
function servesEveryProduct(value: string): boolean {
  return !URL.canParse(value) || !productionHosts.has(new URL(value).hostname);
}

const insecure = (key: string): SettingRule => ({
  tiers: [{ variable: "SIMLESSLY_ALLOW_INSECURE_HTTP", key }],
  fallback: false,
});

const one = (variable: string, key: string, fallback?: string): SettingRule =>
  fallback === undefined
    ? { tiers: [{ variable, key }] }
    : { tiers: [{ variable, key }], fallback };

/** How each value of each product is resolved (see {@link choose} for the order). */
const rules = {
  rsp: {
    baseUrl: {
      // SIMLESSLY_BASE_URL is RSP's own variable (and the shared one for eIM and CMP).
      tiers: [{ variable: "SIMLESSLY_BASE_URL", key: "rsp.baseUrl" }, { key: "baseUrl" }],
      fallback: defaultBaseUrls.rsp,
    },
    allowInsecureHttp: insecure("rsp.allowInsecureHttp"),
    accessKey: one("SIMLESSLY_ACCESS_KEY", "rsp.accessKey"),
    secretKey: one("SIMLESSLY_SECRET_KEY", "rsp.secretKey"),
    scheme: one("SIMLESSLY_SIGNING_SCHEME", "rsp.scheme", "rsp"),
  },
  eim: {
    baseUrl: {
      tiers: [
        { variable: "SIMLESSLY_EIM_BASE_URL", key: "eim.baseUrl" },
        { variable: "SIMLESSLY_BASE_URL", key: "baseUrl", accept: servesEveryProduct },
      ],
      fallback: defaultBaseUrls.eim,
    },
    allowInsecureHttp: insecure("eim.allowInsecureHttp"),
    accessKey: one("SIMLESSLY_EIM_ACCESS_KEY", "eim.accessKey"),
    secretKey: one("SIMLESSLY_EIM_SECRET_KEY", "eim.secretKey"),
    token: one("SIMLESSLY_EIM_TOKEN", "eim.token"),
  },
  cmp: {
    baseUrl: {
      tiers: [
        { variable: "SIMLESSLY_CMP_BASE_URL", key: "cmp.baseUrl" },
        { variable: "SIMLESSLY_BASE_URL", key: "baseUrl", accept: servesEveryProduct },
      ],
      fallback: defaultBaseUrls.cmp,
    },
    allowInsecureHttp: insecure("cmp.allowInsecureHttp"),
    clientId: one("SIMLESSLY_CMP_CLIENT_ID", "cmp.clientId"),
    clientSecret: one("SIMLESSLY_CMP_CLIENT_SECRET", "cmp.clientSecret"),
  },
} as const satisfies Record<Product, Record<string, SettingRule>>;

/** The names of a product's values, e.g. `baseUrl`, `accessKey`. */
export type SettingName<P extends Product> = keyof (typeof rules)[P] & string;

/** The values a product needs before it can be called. */
export const requiredSettings = {
  rsp: ["accessKey", "secretKey"],
  eim: ["accessKey", "secretKey"],
  cmp: ["clientId", "clientSecret"],
} as const satisfies { [P in Product]: readonly SettingName<P>[] };

/** The values that are secrets: shown as fingerprints, never as themselves. */
export const secretSettings: ReadonlySet<string> = new Set(["secretKey", "token", "clientSecret"]);

/** Every value of one product, where each came from, and what is missing. */
export interface ProductValues<P extends Product> {
  readonly product: P;
  readonly settings: Readonly<Record<SettingName<P>, Setting>>;
  /** Required values nobody set, named as `SIMLESSLY_ACCESS_KEY (or rsp.accessKey)`. */
  readonly missing: readonly string[];
  /** Variables that were set but lost to the profile chosen on the command line. */
  readonly ignoredVariables: readonly string[];
}

/** Resolves every value of `product` without judging them (the settings check them). */
export function productValues<P extends Product>(
  sources: LoadedSources,
  product: P,
): ProductValues<P> {
  const productRules: Readonly<Record<string, SettingRule>> = rules[product];
  const choices = Object.entries(productRules).map(
    ([name, rule]) => [name, choose(sources, rule)] as const,
  );
  const settings = Object.fromEntries(
    choices.map(([name, { value, source }]) => [name, { value, source }]),
  ) as Record<SettingName<P>, Setting>;
  const required: readonly string[] = requiredSettings[product];
  const missing = required
    .filter((name) => (settings as Record<string, Setting>)[name]?.value === undefined)
    .map((name) => nameOf(productRules[name]));
  const ignoredVariables = [
    ...new Set(
      choices
        .map(([, choice]: readonly [string, Choice]) => choice.ignoredVariable)
        .filter((name) => name !== undefined),
    ),
  ];
  return { product, settings, missing, ignoredVariables };
}

/** `VARIABLE (or key)`: how a value is asked for in messages. */
export function nameOf(rule: SettingRule | undefined): string {
  const tier = rule?.tiers[0];
  return `${tier?.variable ?? "?"} (or ${tier?.key ?? "?"})`;
}
