import { isLoopbackHost } from "@simlessly/client";
import { checkCredentials, SigningInputError, type SigningScheme } from "@simlessly/signing";
import { ConfigError } from "../cli/cli-error.ts";
import type { GlobalOptions } from "../cli/command-spec.ts";
import { type ConfigProfile, defaultConfigPath, readConfigFile } from "./config-file.ts";

/** Where a product's settings came from: what the target line and `config show` name. */
export interface SettingsOrigin {
  /** The profile of the config file that was read; undefined when no config file was found. */
  readonly profile: string | undefined;
  /** The config file that was read; undefined when there was none. */
  readonly configFile: string | undefined;
  /** Environment variables set for this product but overridden by an explicit flag. */
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

/** The production base URLs (the only environment the docs describe). */
export const defaultBaseUrls = {
  rsp: "https://rsp.simlessly.com",
  eim: "https://eim.simlessly.com",
  cmp: "https://cmp.simlessly.com",
} as const;

type Env = Readonly<Record<string, string | undefined>>;

interface Sources {
  readonly env: Env;
  readonly cwd: string;
  readonly global: GlobalOptions;
}

/**
 * RSP settings: each value from its environment variable, else the profile of the config
 * file, else (base URL and scheme only) the default. Exit 3 names what is missing.
 */
export function resolveRspSettings(sources: Sources): RspSettings {
  const { profile, describe, origin } = loadProfile(sources);
  const file = profile?.rsp;
  const scheme = pick(sources.env.SIMLESSLY_SIGNING_SCHEME, file?.scheme) ?? "rsp";
  if (scheme !== "rsp" && scheme !== "appendix") {
    throw new ConfigError(`SIMLESSLY_SIGNING_SCHEME must be "rsp" or "appendix"`);
  }
  const accessKey = pick(sources.env.SIMLESSLY_ACCESS_KEY, file?.accessKey);
  const secretKey = pick(sources.env.SIMLESSLY_SECRET_KEY, file?.secretKey);
  const missing = [
    accessKey === undefined ? "SIMLESSLY_ACCESS_KEY (or rsp.accessKey)" : null,
    secretKey === undefined ? "SIMLESSLY_SECRET_KEY (or rsp.secretKey)" : null,
  ].filter((entry) => entry !== null);
  if (accessKey === undefined || secretKey === undefined) {
    throw new ConfigError(`missing RSP credentials: ${missing.join(", ")} ${describe}`);
  }
  const transport = checkTransport(
    pick(sources.env.SIMLESSLY_BASE_URL, file?.baseUrl) ?? defaultBaseUrls.rsp,
    "SIMLESSLY_BASE_URL",
    insecureHttpAllowed(sources.env, file?.allowInsecureHttp),
  );
  checkSigning({ scheme, key: accessKey, secret: secretKey }, sources.env, {
    key: ["SIMLESSLY_ACCESS_KEY", "rsp.accessKey"],
    secret: ["SIMLESSLY_SECRET_KEY", "rsp.secretKey"],
  });
  return { origin, ...transport, accessKey, secretKey, scheme };
}

/** eIM settings, resolved like {@link resolveRspSettings} from SIMLESSLY_EIM_* and `eim`. */
export function resolveEimSettings(sources: Sources): EimSettings {
  const { profile, describe, origin } = loadProfile(sources);
  const file = profile?.eim;
  const accessKey = pick(sources.env.SIMLESSLY_EIM_ACCESS_KEY, file?.accessKey);
  const secretKey = pick(sources.env.SIMLESSLY_EIM_SECRET_KEY, file?.secretKey);
  if (accessKey === undefined || secretKey === undefined) {
    throw new ConfigError(
      `missing eIM credentials: SIMLESSLY_EIM_ACCESS_KEY and SIMLESSLY_EIM_SECRET_KEY (or eim.accessKey and eim.secretKey) ${describe}`,
    );
  }
  const transport = checkTransport(
    pick(sources.env.SIMLESSLY_EIM_BASE_URL, file?.baseUrl) ?? defaultBaseUrls.eim,
    "SIMLESSLY_EIM_BASE_URL",
    insecureHttpAllowed(sources.env, file?.allowInsecureHttp),
  );
  const token = pick(sources.env.SIMLESSLY_EIM_TOKEN, file?.token);
  checkSigning({ scheme: "appendix", key: accessKey, secret: secretKey, token }, sources.env, {
    key: ["SIMLESSLY_EIM_ACCESS_KEY", "eim.accessKey"],
    secret: ["SIMLESSLY_EIM_SECRET_KEY", "eim.secretKey"],
    token: ["SIMLESSLY_EIM_TOKEN", "eim.token"],
  });
  return { origin, ...transport, accessKey, secretKey, token };
}

/** CMP settings, resolved like {@link resolveRspSettings} from SIMLESSLY_CMP_* and `cmp`. */
export function resolveCmpSettings(sources: Sources): CmpSettings {
  const { profile, describe, origin } = loadProfile(sources);
  const file = profile?.cmp;
  const clientId = pick(sources.env.SIMLESSLY_CMP_CLIENT_ID, file?.clientId);
  const clientSecret = pick(sources.env.SIMLESSLY_CMP_CLIENT_SECRET, file?.clientSecret);
  if (clientId === undefined || clientSecret === undefined) {
    throw new ConfigError(
      `missing CMP credentials: SIMLESSLY_CMP_CLIENT_ID and SIMLESSLY_CMP_CLIENT_SECRET (or cmp.clientId and cmp.clientSecret) ${describe}`,
    );
  }
  const transport = checkTransport(
    pick(sources.env.SIMLESSLY_CMP_BASE_URL, file?.baseUrl) ?? defaultBaseUrls.cmp,
    "SIMLESSLY_CMP_BASE_URL",
    insecureHttpAllowed(sources.env, file?.allowInsecureHttp),
  );
  return { origin, ...transport, clientId, clientSecret };
}

function loadProfile(sources: Sources): {
  profile: ConfigProfile | undefined;
  describe: string;
  origin: SettingsOrigin;
} {
  const explicitPath = sources.global.config ?? nonEmpty(sources.env.SIMLESSLY_CONFIG);
  const path = explicitPath ?? defaultConfigPath(sources.env);
  const requested = sources.global.profile ?? nonEmpty(sources.env.SIMLESSLY_PROFILE);
  const name = requested ?? "default";
  const file = readConfigFile(path, explicitPath !== undefined, sources.cwd);
  if (file === null) {
    if (requested !== undefined) {
      throw new ConfigError(
        `profile "${name}" was asked for, but there is no config file at ${path}`,
      );
    }
    return {
      profile: undefined,
      describe: `in the environment (no config file at ${path})`,
      origin: { profile: undefined, configFile: undefined, ignoredVariables: [] },
    };
  }
  const profile = file.profiles[name];
  if (profile === undefined && requested !== undefined) {
    const known = Object.keys(file.profiles).join(", ") || "none";
    throw new ConfigError(`config file ${path} has no profile "${name}" (profiles: ${known})`);
  }
  return {
    profile,
    describe: `in the environment or profile "${name}" of ${path}`,
    origin: { profile: name, configFile: path, ignoredVariables: [] },
  };
}

/**
 * Refuses (exit 3) credentials that cannot sign a request (a key with a space, say), naming
 * the variable or config key they came from and never their value.
 */
function checkSigning(
  credentials: Parameters<typeof checkCredentials>[0],
  env: Env,
  origins: Readonly<Record<string, readonly [variable: string, configKey: string]>>,
): void {
  try {
    checkCredentials(credentials);
  } catch (error) {
    if (!(error instanceof SigningInputError)) throw error;
    const origin = origins[error.field];
    const where =
      origin === undefined
        ? error.field
        : nonEmpty(env[origin[0]]) === undefined
          ? `${origin[1]} of the config file`
          : origin[0];
    throw new ConfigError(`${where} ${error.problem}; it cannot be used to sign requests`, {
      cause: error,
    });
  }
}

function pick<T extends string>(
  fromEnv: string | undefined,
  fromFile: T | undefined,
): string | undefined {
  return nonEmpty(fromEnv) ?? fromFile;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === "" ? undefined : value;
}

/**
 * The base URL, and whether plain http may leave the machine. A request body holds Ki and
 * OPc, its headers a signature the platform accepts: over plain http anyone on the path reads
 * and replays them, so http is for loopback (a local sandbox or mock) unless allowed.
 */
function checkTransport(
  value: string,
  name: string,
  allowInsecureHttp: boolean,
): { baseUrl: string; allowInsecureHttp?: true } {
  if (!URL.canParse(value) || !/^https?:$/.test(new URL(value).protocol)) {
    throw new ConfigError(`${name} (or baseUrl) must be an http or https URL`);
  }
  const url = new URL(value);
  if (url.protocol === "http:" && !isLoopbackHost(url.hostname) && !allowInsecureHttp) {
    throw new ConfigError(
      `${name} (or baseUrl) is plain http to ${url.origin}, another machine: requests would carry Ki, OPc and valid signatures unencrypted. Use https, or set SIMLESSLY_ALLOW_INSECURE_HTTP=1 (or allowInsecureHttp: true in the profile) on a network you trust`,
    );
  }
  const baseUrl = value.replace(/\/+$/, "");
  return allowInsecureHttp ? { baseUrl, allowInsecureHttp: true } : { baseUrl };
}

function insecureHttpAllowed(env: Env, fromFile: boolean | undefined): boolean {
  const given = nonEmpty(env.SIMLESSLY_ALLOW_INSECURE_HTTP)?.toLowerCase();
  if (given === undefined) return fromFile === true;
  if (given === "1" || given === "true") return true;
  if (given === "0" || given === "false") return false;
  throw new ConfigError("SIMLESSLY_ALLOW_INSECURE_HTTP must be 1, true, 0 or false");
}
