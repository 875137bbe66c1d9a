// The gate: the spec's changes since the last release of the contract must come with a
// pending changeset that bumps the packages they break at least as far as they need.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Change } from "./change.ts";
import { readPendingBumps } from "./changesets.ts";
import { classify, type Documents } from "./classify.ts";
import { loadFromDirectory, loadFromGit } from "./documents.ts";
import { clientPackage, contractPackage, type Requirement, requirements, unmet } from "./policy.ts";
import { type Base, type BaseOptions, findBase } from "./release.ts";

export interface GateOptions extends BaseOptions {
  /** The folder of the pending changesets (`.changeset`). */
  readonly changesetDirectory: string;
  /** The folder holding `contract/` and `client/`, whose package.json give the versions. */
  readonly packagesDirectory: string;
}

export interface GateResult {
  readonly ok: boolean;
  readonly changes: readonly Change[];
  readonly report: string;
}

export async function runGate(options: GateOptions): Promise<GateResult> {
  const base = findBase(options);
  if (base.kind === "none") return { ok: true, changes: [], report: `contract gate: ${base.note}` };
  const [before, after] = await Promise.all([
    loadBase(options.specDirectory, base),
    loadFromDirectory(options.specDirectory),
  ]);
  const changes = classify(before, after);
  const versions = {
    [contractPackage]: versionOf(options.packagesDirectory, "contract"),
    [clientPackage]: versionOf(options.packagesDirectory, "client"),
  };
  const needed = requirements(changes, versions);
  const missing = unmet(needed, readPendingBumps(options.changesetDirectory));
  return {
    ok: missing.length === 0,
    changes,
    report: describe(base.label, changes, needed, missing),
  };
}

function loadBase(
  specDirectory: string,
  base: Exclude<Base, { kind: "none" }>,
): Promise<Documents> {
  return base.kind === "git" ? loadFromGit(specDirectory, base.ref) : loadFromDirectory(base.path);
}

function versionOf(packagesDirectory: string, name: string): string {
  const manifest = JSON.parse(readFileSync(join(packagesDirectory, name, "package.json"), "utf8"));
  return manifest.version as string;
}

function describe(
  label: string,
  changes: readonly Change[],
  needed: readonly Requirement[],
  missing: readonly Requirement[],
): string {
  const lines = [`contract gate: compared with ${label}`];
  if (changes.length === 0) return `${lines[0]}: no change`;
  for (const level of ["breaking", "minor", "patch"] as const) {
    const some = changes.filter((change) => change.level === level);
    if (some.length === 0) continue;
    lines.push(
      `${level === "minor" ? "additions" : level === "patch" ? "text only" : "breaking"} (${some.length}):`,
    );
    for (const change of some) lines.push(`  - ${change.where}: ${change.what}`);
  }
  if (needed.length === 0) lines.push("needs no changeset");
  for (const requirement of needed) {
    const met = !missing.includes(requirement);
    lines.push(
      `${met ? "ok" : "MISSING"}: a changeset with "${requirement.name}": ${requirement.bump} (or more; ${requirement.name} is at ${requirement.version})`,
    );
  }
  if (missing.length > 0) {
    lines.push(
      "Add one with `pnpm changeset` naming these packages and bumps (spec/README.md, Changing the contract).",
    );
  }
  return lines.join("\n");
}
