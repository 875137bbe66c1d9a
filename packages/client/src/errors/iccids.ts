// The ICCIDs a request names, for SimlesslyUnknownOutcomeError: after an unknown outcome the
// caller reconciles by ICCID. ICCIDs are identifiers, not secrets.

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function walk(value: unknown, found: string[]): void {
  if (Array.isArray(value)) {
    for (const item of value) walk(item, found);
    return;
  }
  if (!isRecord(value)) return;
  for (const [key, child] of Object.entries(value)) {
    if (key === "iccid" && typeof child === "string") found.push(child);
    else if (key === "iccidList" && Array.isArray(child)) {
      for (const item of child) if (typeof item === "string") found.push(item);
    } else if (key === "simIds" && value.simIdType === "ICCID" && Array.isArray(child)) {
      // CMP changeSimStatus: simIds are ICCIDs only when simIdType says so.
      for (const item of child) if (typeof item === "string") found.push(item);
    } else walk(child, found);
  }
}

/** Every ICCID in a request body (`iccid`, `iccidList`, ICCID `simIds`), in order, once each. */
export function findIccids(body: unknown): string[] {
  const found: string[] = [];
  walk(body, found);
  return [...new Set(found)];
}

/** Like {@link findIccids}, from the body as sent (text or bytes); [] when it is not JSON. */
export function findIccidsIn(body: string | Uint8Array | null): string[] {
  if (body === null) return [];
  try {
    return findIccids(JSON.parse(typeof body === "string" ? body : new TextDecoder().decode(body)));
  } catch {
    return [];
  }
}
