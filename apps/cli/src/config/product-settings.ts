import type { SigningScheme } from "@simlessly/signing";
import { ConfigError } from "../cli/cli-error.ts";
import type { GlobalOptions } from "../cli/command-spec.ts";
import { type ConfigProfile, defaultConfigPath, readConfigFile } from "./config-file.ts";

/** What an RSP client needs: where, who, the secret and the signing scheme. */
export interface RspSettings {
  readonly baseUrl: string;
  readonly accessKey: string;
  readonly secretKey: string;
  readonly scheme: SigningScheme;
}

/** What an eIM client needs (appendix scheme; the token comes from a login not yet documented). */
export interface EimSettings {
  readonly baseUrl: string;
  readonly accessKey: string;
  readonly secretKey: string;
  readonly token: string | undefined;
}

/** What a CMP client needs to obtain its bearer token. */
export interface CmpSettings {
  readonly baseUrl: string;
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
  const { profile, describe } = loadProfile(sources);
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
  const baseUrl = checkUrl(
    pick(sources.env.SIMLESSLY_BASE_URL, file?.baseUrl) ?? defaultBaseUrls.rsp,
    "SIMLESSLY_BASE_URL",
  );
  return { baseUrl, accessKey, secretKey, scheme };
}

/** eIM settings, resolved like {@link resolveRspSettings} from SIMLESSLY_EIM_* and `eim`. */
export function resolveEimSettings(sources: Sources): EimSettings {
  const { profile, describe } = loadProfile(sources);
  const file = profile?.eim;
  const accessKey = pick(sources.env.SIMLESSLY_EIM_ACCESS_KEY, file?.accessKey);
  const secretKey = pick(sources.env.SIMLESSLY_EIM_SECRET_KEY, file?.secretKey);
  if (accessKey === undefined || secretKey === undefined) {
    throw new ConfigError(
      `missing eIM credentials: SIMLESSLY_EIM_ACCESS_KEY and SIMLESSLY_EIM_SECRET_KEY (or eim.accessKey and eim.secretKey) ${describe}`,
    );
  }
  const baseUrl = checkUrl(
    pick(sources.env.SIMLESSLY_EIM_BASE_URL, file?.baseUrl) ?? defaultBaseUrls.eim,
    "SIMLESSLY_EIM_BASE_URL",
  );
  return {
    baseUrl,
    accessKey,
    secretKey,
    token: pick(sources.env.SIMLESSLY_EIM_TOKEN, file?.token),
  };
}

/** CMP settings, resolved like {@link resolveRspSettings} from SIMLESSLY_CMP_* and `cmp`. */
export function resolveCmpSettings(sources: Sources): CmpSettings {
  const { profile, describe } = loadProfile(sources);
  const file = profile?.cmp;
  const clientId = pick(sources.env.SIMLESSLY_CMP_CLIENT_ID, file?.clientId);
  const clientSecret = pick(sources.env.SIMLESSLY_CMP_CLIENT_SECRET, file?.clientSecret);
  if (clientId === undefined || clientSecret === undefined) {
    throw new ConfigError(
      `missing CMP credentials: SIMLESSLY_CMP_CLIENT_ID and SIMLESSLY_CMP_CLIENT_SECRET (or cmp.clientId and cmp.clientSecret) ${describe}`,
    );
  }
  const baseUrl = checkUrl(
    pick(sources.env.SIMLESSLY_CMP_BASE_URL, file?.baseUrl) ?? defaultBaseUrls.cmp,
    "SIMLESSLY_CMP_BASE_URL",
  );
  return { baseUrl, clientId, clientSecret };
}

function loadProfile(sources: Sources): { profile: ConfigProfile | undefined; describe: string } {
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
    return { profile: undefined, describe: `in the environment (no config file at ${path})` };
  }
  const profile = file.profiles[name];
  if (profile === undefined && requested !== undefined) {
    const known = Object.keys(file.profiles).join(", ") || "none";
    throw new ConfigError(`config file ${path} has no profile "${name}" (profiles: ${known})`);
  }
  return { profile, describe: `in the environment or profile "${name}" of ${path}` };
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

function checkUrl(value: string, name: string): string {
  if (!URL.canParse(value) || !/^https?:$/.test(new URL(value).protocol)) {
    throw new ConfigError(`${name} (or baseUrl) must be an http or https URL`);
  }
  return value.replace(/\/+$/, "");
}
