import { readFileSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { isAbsolute, join, resolve } from "node:path";
import { z } from "zod";
import { ConfigError } from "../core/cli-error.ts";
import { isShowableName } from "../input/safe-to-show.ts";

const url = z.url({ protocol: /^https?$/ });
const text = z.string().min(1);

const allowInsecureHttp = z.exactOptional(z.boolean());

const rspProfile = z.strictObject({
  baseUrl: z.exactOptional(url),
  allowInsecureHttp,
  accessKey: z.exactOptional(text),
  secretKey: z.exactOptional(text),
  scheme: z.exactOptional(z.enum(["rsp", "appendix"])),
});
const eimProfile = z.strictObject({
  baseUrl: z.exactOptional(url),
  allowInsecureHttp,
  accessKey: z.exactOptional(text),
  secretKey: z.exactOptional(text),
  token: z.exactOptional(text),
});
const cmpProfile = z.strictObject({
  baseUrl: z.exactOptional(url),
  allowInsecureHttp,
  clientId: z.exactOptional(text),
  clientSecret: z.exactOptional(text),
});
const profile = z.strictObject({
  // The base URL of every product the profile does not give its own (a sandbox serves all three).
  baseUrl: z.exactOptional(url),
  rsp: z.exactOptional(rspProfile),
  eim: z.exactOptional(eimProfile),
  cmp: z.exactOptional(cmpProfile),
});
const configFile = z.strictObject({ profiles: z.record(z.string(), profile) });

/** One named profile of the config file. */
export type ConfigProfile = z.output<typeof profile>;

/** The config file: named profiles, each with optional rsp, eim and cmp settings. */
export type ConfigFile = z.output<typeof configFile>;

// Keys whose values are secrets; a file holding any of them must be private.
const secretKeys = ["secretKey", "clientSecret", "token"] as const;

/** Where the config file is looked for when neither --config nor SIMLESSLY_CONFIG says. */
export function defaultConfigPath(env: Readonly<Record<string, string | undefined>>): string {
  const base = env.XDG_CONFIG_HOME ? env.XDG_CONFIG_HOME : join(env.HOME ?? homedir(), ".config");
  return join(base, "simlessly", "config.json");
}

/**
 * Reads and checks a config file. Returns null when an implied default file does not exist;
 * a file named explicitly must exist. Refuses (exit 3) a file that holds secrets and can be
 * read by group or others, as ssh does for private keys: warning would leave it exposed.
 */
export function readConfigFile(path: string, explicit: boolean, cwd: string): ConfigFile | null {
  const full = isAbsolute(path) ? path : resolve(cwd, path);
  let source: string;
  try {
    source = readFileSync(full, "utf8");
  } catch (error) {
    if (!explicit && (error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw new ConfigError(
      `cannot read config file ${full}: ${(error as NodeJS.ErrnoException).code ?? "error"}`,
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(source);
  } catch {
    // JSON.parse messages quote the text around the error, which may be a secret.
    throw new ConfigError(`config file ${full} is not valid JSON`);
  }
  const parsed = configFile.safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const where = issue.path.join(".") || "(top level)";
      // A key is named only when it reads like one: a secret pasted as a key stays unseen.
      return issue.code === "unrecognized_keys"
        ? `${where}: unknown key ${issue.keys.map((key) => (isShowableName(key) ? `"${key}"` : "(not shown: it reads like a value)")).join(", ")}`
        : `${where}: ${issue.code === "invalid_type" ? `expected ${issue.expected}` : "invalid value"}`;
    });
    throw new ConfigError(`config file ${full} is not valid:\n  ${problems.join("\n  ")}`);
  }
  if (process.platform !== "win32" && holdsSecret(parsed.data)) {
    const mode = statSync(full).mode & 0o777;
    if ((mode & 0o077) !== 0) {
      throw new ConfigError(
        `config file ${full} holds secrets but ${exposure(mode)} (mode ${mode.toString(8).padStart(3, "0")}); run: chmod 600 '${full}'`,
      );
    }
  }
  return parsed.data;
}

function holdsSecret(file: ConfigFile): boolean {
  return Object.values(file.profiles).some((entry) =>
    [entry.rsp, entry.eim, entry.cmp].some(
      (product) => product !== undefined && secretKeys.some((key) => key in product),
    ),
  );
}

/**
 * Who else may touch the file, from its mode bits, e.g. "is readable by its group" (0640) or
 * "is readable and writable by others" (0606). Group and others are named apart: 0640 is
 * usually a shared group on purpose, and the fix differs in what it takes away.
 */
export function exposure(mode: number): string {
  const group = accessOf((mode >> 3) & 0o7);
  const others = accessOf(mode & 0o7);
  if (group !== undefined && group === others) return `is ${group} by its group and others`;
  const parts = [
    group === undefined ? undefined : `${group} by its group`,
    others === undefined ? undefined : `${others} by others`,
  ].filter((part) => part !== undefined);
  return `is ${parts.join(" and ")}`;
}

/** "readable", "readable and writable", …; undefined for no access. */
function accessOf(bits: number): string | undefined {
  const kinds = [
    bits & 0o4 ? "readable" : undefined,
    bits & 0o2 ? "writable" : undefined,
    bits & 0o1 ? "executable" : undefined,
  ].filter((kind) => kind !== undefined);
  if (kinds.length === 0) return undefined;
  return kinds.length === 1 ? kinds[0] : `${kinds.slice(0, -1).join(", ")} and ${kinds.at(-1)}`;
}
