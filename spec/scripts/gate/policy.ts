// Which release each change needs. Below 1.0.0 a caret range (^0.1.0) takes only patches,
// so a minor bump is the breaking one and a patch may add; from 1.0.0 semver's usual steps.
import type { Change, Level } from "./change.ts";
import { atLeast, type Bump, type PendingBump } from "./changesets.ts";

export const contractPackage = "@simlessly/contract";
export const clientPackage = "@simlessly/client";

export interface Requirement {
  readonly name: string;
  readonly version: string;
  readonly bump: Bump;
  /** The changes that set this requirement, the largest level first. */
  readonly because: readonly Change[];
}

export function bumpFor(level: Level, version: string): Bump {
  const stable = Number(version.split(".")[0]) >= 1;
  if (level === "breaking") return stable ? "major" : "minor";
  if (level === "minor") return stable ? "minor" : "patch";
  // Text only: nothing a consumer's code meets, so no release is asked for.
  return "none";
}

/**
 * A breaking change needs a breaking release of the contract and of the client, whose
 * methods and types are generated from it; an addition needs a release of the contract.
 */
export function requirements(
  changes: readonly Change[],
  versions: Readonly<Record<string, string>>,
): Requirement[] {
  const result: Requirement[] = [];
  const breaking = changes.filter((change) => change.level === "breaking");
  const additions = changes.filter((change) => change.level === "minor");
  for (const name of [contractPackage, clientPackage]) {
    const version = versions[name];
    if (version === undefined) throw new Error(`no version known for ${name}`);
    if (breaking.length > 0)
      result.push({ name, version, bump: bumpFor("breaking", version), because: breaking });
    else if (additions.length > 0 && name === contractPackage) {
      result.push({ name, version, bump: bumpFor("minor", version), because: additions });
    }
  }
  return result.filter((requirement) => requirement.bump !== "none");
}

export function unmet(
  requirementsList: readonly Requirement[],
  pending: ReadonlyMap<string, PendingBump>,
): Requirement[] {
  return requirementsList.filter(
    (requirement) => !atLeast(pending.get(requirement.name)?.bump ?? "none", requirement.bump),
  );
}
