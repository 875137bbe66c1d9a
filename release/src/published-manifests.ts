import type { Published } from "./release.ts";

const dependencyFields = [
  "dependencies",
  "devDependencies",
  "peerDependencies",
  "optionalDependencies",
] as const;

/**
 * Fails when a published version's manifest, as the registry serves it to installers, holds
 * a `workspace:` or `catalog:` range: npm cannot resolve either, so such a release installs
 * nowhere outside this repository.
 */
export async function assertNoWorkspaceRanges(
  registry: string,
  published: readonly Published[],
): Promise<void> {
  const broken: string[] = [];
  for (const { name, version } of published) {
    const response = await fetch(new URL(`${name.replace("/", "%2f")}/${version}`, registry));
    if (!response.ok) throw new Error(`${name}@${version}: HTTP ${response.status}`);
    const manifest = (await response.json()) as Record<string, unknown>;
    for (const field of dependencyFields) {
      const ranges = (manifest[field] ?? {}) as Record<string, string>;
      for (const [dependency, range] of Object.entries(ranges)) {
        if (/^(workspace|catalog):/.test(range))
          broken.push(`${name}@${version} ${field} ${dependency}: ${range}`);
      }
    }
  }
  if (broken.length > 0) throw new Error(`unresolved ranges were published:\n${broken.join("\n")}`);
}
