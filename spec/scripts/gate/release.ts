// Finds what the spec is compared with: an explicit base, else the spec at the newest
// release tag of @simlessly/contract (`changeset publish` tags each release so), else,
// when asked, the release the registry knows. No release at all means nothing to break.
import { execFileSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { contractPackage } from "./policy.ts";

export type Base =
  | { readonly kind: "none"; readonly note: string }
  | { readonly kind: "directory"; readonly path: string; readonly label: string }
  | { readonly kind: "git"; readonly ref: string; readonly label: string };

export interface BaseOptions {
  readonly specDirectory: string;
  /** A folder of documents, a git revision, or `none`. */
  readonly explicit?: string | undefined;
  /** Also ask the npm registry for the last published version. */
  readonly registry?: boolean | undefined;
}

const tagPrefix = `${contractPackage}@`;

export function findBase(options: BaseOptions): Base {
  const { explicit, specDirectory } = options;
  if (explicit === "none") return { kind: "none", note: "no base document (asked for with none)" };
  if (explicit !== undefined) {
    if (existsSync(explicit) && statSync(explicit).isDirectory()) {
      return { kind: "directory", path: explicit, label: explicit };
    }
    if (isCommit(specDirectory, explicit)) return { kind: "git", ref: explicit, label: explicit };
    throw new Error(`the base ${explicit} is neither a folder of documents nor a git revision`);
  }
  const tag = newestReleaseTag(specDirectory);
  if (tag !== undefined) return { kind: "git", ref: `refs/tags/${tag}`, label: tag };
  if (options.registry) {
    const published = publishedRelease();
    if (published !== undefined) {
      if (published.gitHead !== undefined && isCommit(specDirectory, published.gitHead)) {
        return { kind: "git", ref: published.gitHead, label: `${tagPrefix}${published.version}` };
      }
      throw new Error(
        `${tagPrefix}${published.version} is published but neither its tag nor its commit is here: fetch the tags (git fetch --tags) or name a base`,
      );
    }
  }
  return {
    kind: "none",
    note: `no release of ${contractPackage} yet (no tag ${tagPrefix}*${options.registry ? ", nothing on the registry" : ""}): nothing can break, the gate passes`,
  };
}

function isCommit(directory: string, ref: string): boolean {
  try {
    execFileSync("git", ["-C", directory, "rev-parse", "--verify", "--quiet", `${ref}^{commit}`], {
      stdio: "ignore",
    });
    return true;
  } catch {
    return false;
  }
}

function newestReleaseTag(directory: string): string | undefined {
  let listed: string;
  try {
    listed = execFileSync("git", ["-C", directory, "tag", "--list", `${tagPrefix}*`], {
      encoding: "utf8",
    });
  } catch {
    return undefined; // not a git checkout (a packed copy of the spec): no tags to read
  }
  const releases = listed
    .split("\n")
    .map((tag) => ({ tag, version: parseVersion(tag.slice(tagPrefix.length)) }))
    .filter(
      (release): release is { tag: string; version: number[] } => release.version !== undefined,
    );
  releases.sort((a, b) => compareVersions(b.version, a.version));
  return releases[0]?.tag;
}

/** A release version as numbers; a prerelease (`1.0.0-next.1`) is no release. */
function parseVersion(text: string): number[] | undefined {
  const match = /^(\d+)\.(\d+)\.(\d+)$/.exec(text);
  return match === null ? undefined : match.slice(1).map(Number);
}

function compareVersions(a: number[], b: number[]): number {
  for (let index = 0; index < 3; index++) {
    const difference = (a[index] ?? 0) - (b[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

function publishedRelease(): { version: string; gitHead?: string } | undefined {
  try {
    const answer = execFileSync("npm", ["view", contractPackage, "version", "gitHead", "--json"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
    const parsed = JSON.parse(answer) as { version?: string; gitHead?: string } | string;
    if (typeof parsed === "string") return { version: parsed };
    return parsed.version === undefined
      ? undefined
      : (parsed as { version: string; gitHead?: string });
  } catch (error) {
    // npm answers E404 for a package never published; anything else is a real failure.
    if (String((error as { stderr?: unknown }).stderr).includes("E404")) return undefined;
    throw error;
  }
}
