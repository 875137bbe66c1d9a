import { isLoopbackHost } from "@simlessly/client";
import { productValues } from "../../config/product-values.ts";
import { describeSource } from "../../config/setting-choice.ts";
import { loadSources, type Sources } from "../../config/settings-sources.ts";
import { UsageError } from "../../core/cli-error.ts";
import type { TargetSettings } from "../../core/target-line.ts";

// Where a running sandbox's admin API is. The admin endpoints exist only on the sandbox and
// are unauthenticated, so a command that uses them only ever talks to this machine: a base URL
// left over from production must never receive a made-up device event.

/** The sandbox's base URL and where it came from, as the target line reads it. */
export type SandboxUrl = TargetSettings;

/**
 * The sandbox's URL: `--url` when given, else the RSP base URL as every RSP command resolves
 * it (SIMLESSLY_BASE_URL, the profile's baseUrl, the default). No credentials are needed:
 * the admin API takes none. Exit 2 when it is not plain loopback.
 */
export function resolveSandboxUrl(sources: Sources, flag: string | undefined): SandboxUrl {
  const loaded = loadSources(sources);
  const values = productValues(loaded, "rsp");
  const origin = {
    profile: loaded.configFile.exists ? loaded.profileName : undefined,
    configFile: loaded.configFile.exists ? loaded.configFile.path : undefined,
  };
  if (flag !== undefined) {
    const setting = values.settings.baseUrl;
    const overridden =
      setting.source?.kind === "variable" ? [setting.source.name] : ([] as string[]);
    return {
      baseUrl: checkSandboxUrl(flag, "--url"),
      // The settings were not used: name no profile, only the variable --url won over.
      origin: { profile: undefined, configFile: undefined, ignoredVariables: overridden },
    };
  }
  const setting = values.settings.baseUrl;
  const value = typeof setting.value === "string" ? setting.value : "";
  return {
    baseUrl: checkSandboxUrl(value, describeSource(setting.source)),
    origin: { ...origin, ignoredVariables: values.ignoredVariables },
  };
}

/** The URL without trailing slashes; exit 2 unless it is http(s) to this machine. */
export function checkSandboxUrl(value: string, where: string): string {
  if (!URL.canParse(value) || !/^https?:$/.test(new URL(value).protocol)) {
    throw new UsageError(`${where} must be an http URL of a running sandbox`);
  }
  const url = new URL(value);
  const host = url.hostname.toLowerCase();
  if (host === "simlessly.com" || host.endsWith(".simlessly.com")) {
    throw new UsageError(
      `${where} is ${url.origin}, the Simlessly platform: device events can only be played on a local sandbox (set SIMLESSLY_BASE_URL or --url to its address, e.g. http://127.0.0.1:4020)`,
    );
  }
  if (!isLoopbackHost(host)) {
    throw new UsageError(
      `${where} is ${url.origin}, not this machine: the sandbox's admin API is only used on loopback (localhost, 127.0.0.1, [::1])`,
    );
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, "");
}
