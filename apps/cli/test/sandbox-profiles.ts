import type { ProfileListingEntry, Sandbox } from "@simlessly/mock";

/** Every profile the sandbox holds, with how often its ICCID was submitted, page by page. */
export function allProfiles(sandbox: Sandbox): ProfileListingEntry[] {
  const pageSize = 10_000;
  const first = sandbox.admin.profiles({ limit: pageSize });
  const profiles = [...first.profiles];
  for (let offset = pageSize; offset < first.total; offset += pageSize) {
    profiles.push(...sandbox.admin.profiles({ offset, limit: pageSize }).profiles);
  }
  return profiles;
}
