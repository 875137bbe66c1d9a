import { readFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";

/** Where a release goes, and why: shown before anything is published. */
export interface Target {
  readonly registry: string;
  readonly source: string;
}

/** An npm setting from the environment, which npm reads in either case. */
export function npmSetting(env: NodeJS.ProcessEnv, key: string): string | undefined {
  const value = env[`npm_config_${key}`] ?? env[`NPM_CONFIG_${key.toUpperCase()}`];
  return value === "" ? undefined : value;
}

/** The value of `key=` in an npmrc's text, if the file sets it. */
function npmrcValue(text: string, key: string): string | undefined {
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*([^=;#\s]+)\s*=\s*(.*?)\s*$/.exec(line);
    if (match?.[1] === key && match[2] !== undefined && match[2] !== "") return match[2];
  }
  return undefined;
}

/**
 * The registry the user configured for a release, in this order: SIMLESSLY_REGISTRY;
 * `@simlessly:registry` in the workspace's .npmrc, then in the user's npmrc; `registry` in the
 * workspace's .npmrc. null when none of them says: the release then goes to a local throwaway
 * registry, never by default to a public one. Neither npm_config_registry nor the user's own
 * `registry=` line is taken: pnpm sets the first for every script (the public registry when
 * nothing else is set), and the second usually names where installs come from, so neither
 * tells a choice of where to publish from the default.
 */
export async function configuredRegistry(
  root: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Target | null> {
  if (env.SIMLESSLY_REGISTRY)
    return { registry: env.SIMLESSLY_REGISTRY, source: "SIMLESSLY_REGISTRY" };
  const project = join(root, ".npmrc");
  const user = npmSetting(env, "userconfig") ?? join(homedir(), ".npmrc");
  const read = (path: string) => readFile(path, "utf8").catch(() => "");
  const [projectText, userText] = await Promise.all([read(project), read(user)]);
  const candidates: [string | undefined, string][] = [
    [npmrcValue(projectText, "@simlessly:registry"), `@simlessly:registry in ${project}`],
    [npmrcValue(userText, "@simlessly:registry"), `@simlessly:registry in ${user}`],
    [npmrcValue(projectText, "registry"), `registry in ${project}`],
  ];
  for (const [registry, source] of candidates)
    if (registry !== undefined) return { registry, source };
  return null;
}
