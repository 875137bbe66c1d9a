import { isLoopbackHost } from "@simlessly/client";
import { checkCredentials, SigningInputError, type SigningScheme } from "@simlessly/signing";
import { ConfigError } from "../core/cli-error.ts";
import {
  defaultBaseUrls,
  type Product,
  type ProductValues,
  productValues,
  type SettingName,
} from "./product-values.ts";
import { describeSource, type Setting } from "./setting-choice.ts";
import { type LoadedSources, loadSources, type Sources } from "./settings-sources.ts";

export type { Sources };
export { defaultBaseUrls };

/** Where a product's settings came from: what the target line and `config show` name. */
export interface SettingsOrigin {
  /** The profile of the config file that was read; undefined when no config file was found. */
  readonly profile: string | undefined;
  /** The config file that was read; undefined when there was none. */
  readonly configFile: string | undefined;
  /**
   * Environment variables set for this product but overridden by the profile that `--profile`
   * or `--config` chose on the command line.
   */
  readonly ignoredVariables: readonly string[];
}

/** What an RSP client needs: where, who, the secret and the signing scheme. */
export interface RspSettings {
  readonly origin: SettingsOrigin;
  readonly baseUrl: string;
  /** Set when plain http to a host other than this machine was allowed on purpose. */
  readonly allowInsecureHttp?: true;
  readonly accessKey: string;
  readonly secretKey: string;
  readonly scheme: SigningScheme;
}

/** What an eIM client needs (appendix scheme; the token comes from a login not yet documented). */
export interface EimSettings {
  readonly origin: SettingsOrigin;
  readonly baseUrl: string;
  /** Set when plain http to a host other than this machine was allowed on purpose. */
  readonly allowInsecureHttp?: true;
  readonly accessKey: string;
  readonly secretKey: string;
  readonly token: string | undefined;
}

/** What a CMP client needs to obtain its bearer token. */
export interface CmpSettings {
  readonly origin: SettingsOrigin;
  readonly baseUrl: string;
  /** Set when plain http to a host other than this machine was allowed on purpose. */
  readonly allowInsecureHttp?: true;
  readonly clientId: string;
  readonly clientSecret: string;
}

/**
 * RSP settings. Without `--profile`/`--config` each value comes from its environment variable,
 * else the profile of the config file, else (base URL and scheme only) the default; with them
 * the profile comes first. Exit 3 names what is missing or unusable, never a value.
 */
export function resolveRspSettings(sources: Sources): RspSettings {
  return rspSettingsFrom(loadSources(sources));
}

/** eIM settings, resolved like {@link resolveRspSettings} from SIMLESSLY_EIM_* and `eim`. */
export function resolveEimSettings(sources: Sources): EimSettings {
  return eimSettingsFrom(loadSources(sources));
}

/** CMP settings, resolved like {@link resolveRspSettings} from SIMLESSLY_CMP_* and `cmp`. */
export function resolveCmpSettings(sources: Sources): CmpSettings {
  return cmpSettingsFrom(loadSources(sources));
}

/** The RSP settings of sources already loaded (`config show` loads them once for all). */
export function rspSettingsFrom(loaded: LoadedSources): RspSettings {
  const values = productValues(loaded, "rsp");
  const { accessKey, secretKey } = credentials(values, loaded, "RSP");
  const scheme = text(values.settings.scheme);
  if (scheme !== "rsp" && scheme !== "appendix") {
    throw new ConfigError(
      `${describeSource(values.settings.scheme.source)} must be "rsp" or "appendix"`,
    );
  }
  const transport = checkTransport(values);
  checkSigning({ scheme, key: accessKey, secret: secretKey }, values);
  return { origin: originOf(loaded, values), ...transport, accessKey, secretKey, scheme };
}

/** The eIM settings of sources already loaded. */
export function eimSettingsFrom(loaded: LoadedSources): EimSettings {
  const values = productValues(loaded, "eim");
  const { accessKey, secretKey } = credentials(values, loaded, "eIM");
  const transport = checkTransport(values);
  const token = text(values.settings.token);
  checkSigning({ scheme: "appendix", key: accessKey, secret: secretKey, token }, values);
  return { origin: originOf(loaded, values), ...transport, accessKey, secretKey, token };
}

/** The CMP settings of sources already loaded. */
export function cmpSettingsFrom(loaded: LoadedSources): CmpSettings {
  const values = productValues(loaded, "cmp");
  const { clientId, clientSecret } = credentials(values, loaded, "CMP");
  const transport = checkTransport(values);
  return { origin: originOf(loaded, values), ...transport, clientId, clientSecret };
}

/** The product's required values as strings, or exit 3 naming every one that is missing. */
function credentials<P extends Product>(
  values: ProductValues<P>,
  loaded: LoadedSources,
  label: string,
): Record<SettingName<P>, string> {
  if (values.missing.length > 0) {
    throw new ConfigError(
      `missing ${label} credentials: ${values.missing.join(", ")} ${loaded.describe}`,
    );
  }
  const settings: Readonly<Record<string, Setting>> = values.settings;
  return Object.fromEntries(
    Object.entries(settings).map(([name, setting]) => [name, text(setting) ?? ""]),
  ) as Record<SettingName<P>, string>;
}

function originOf(loaded: LoadedSources, values: ProductValues<Product>): SettingsOrigin {
  const file = loaded.configFile;
  return {
    profile: file.exists ? loaded.profileName : undefined,
    configFile: file.exists ? file.path : undefined,
    ignoredVariables: values.ignoredVariables,
  };
}

/**
 * Refuses (exit 3) credentials that cannot sign a request (a key with a space, say), naming
 * the variable or profile key they came from and never their value.
 */
function checkSigning(
  credentials: Parameters<typeof checkCredentials>[0],
  values: ProductValues<Product>,
): void {
  try {
    checkCredentials(credentials);
  } catch (error) {
    if (!(error instanceof SigningInputError)) throw error;
    const settings: Readonly<Record<string, Setting | undefined>> = values.settings;
    const name = { key: "accessKey", secret: "secretKey", token: "token" }[error.field];
    const setting = name === undefined ? undefined : settings[name];
    const where = setting === undefined ? error.field : describeSource(setting.source);
    throw new ConfigError(`${where} ${error.problem}; it cannot be used to sign requests`, {
      cause: error,
    });
  }
}

function text(setting: Setting): string | undefined {
  return typeof setting.value === "string" ? setting.value : undefined;
}

/**
 * The base URL, and whether plain http may leave the machine. A request body holds Ki and
 * OPc, its headers a signature the platform accepts: over plain http anyone on the path reads
 * and replays them, so http is for loopback (a local sandbox or mock) unless allowed.
 */
function checkTransport(values: ProductValues<Product>): {
  baseUrl: string;
  allowInsecureHttp?: true;
} {
  const setting = values.settings.baseUrl;
  const value = text(setting) ?? "";
  const where = describeSource(setting.source);
  if (!URL.canParse(value) || !/^https?:$/.test(new URL(value).protocol)) {
    throw new ConfigError(`${where} must be an http or https URL`);
  }
  const url = new URL(value);
  const allowInsecureHttp = insecureHttpAllowed(values.settings.allowInsecureHttp);
  if (url.protocol === "http:" && !isLoopbackHost(url.hostname) && !allowInsecureHttp) {
    throw new ConfigError(
      `${where} is plain http to ${url.origin}, another machine: requests would carry Ki, OPc and valid signatures unencrypted. Use https, or set SIMLESSLY_ALLOW_INSECURE_HTTP=1 (or allowInsecureHttp: true in the profile) on a network you trust`,
    );
  }
  const baseUrl = value.replace(/\/+$/, "");
  return allowInsecureHttp ? { baseUrl, allowInsecureHttp: true } : { baseUrl };
}

/** Whether plain http to another machine was allowed: 1/true/0/false, or the profile's flag. */
export function insecureHttpAllowed(setting: Setting): boolean {
  if (typeof setting.value === "boolean") return setting.value;
  const given = setting.value?.toLowerCase();
  if (given === undefined) return false;
  if (given === "1" || given === "true") return true;
  if (given === "0" || given === "false") return false;
  throw new ConfigError(`${describeSource(setting.source)} must be 1, true, 0 or false`);
}
