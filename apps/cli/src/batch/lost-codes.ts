import type { ProfileState } from "./batch-api.ts";

// A code is "lost" when a chunk was sent again after an attempt whose outcome was unknown
// (killed between sending and journaling, answer lost) and the platform then answered
// "already exists" for a record: the lost attempt made the profile, and its activation code
// never reached us. Only `--recover-lost-codes` settles such records; until then they have no
// row in results.csv.

/**
 * True when a failure says the ICCID already holds a profile. The documented text is
 * `PROFILE EXECUTION_ERROR, generateByProfileMetadata, ICCID [<iccid>] already existsById.`;
 * other wordings of "already exists" are accepted too (inferred).
 */
export function saysAlreadyExists(reason: string | undefined): boolean {
  return reason !== undefined && /already\s*exist/i.test(reason);
}

/**
 * True when a profile may be deleted and made again: `Available` (created, never ordered or
 * downloaded; the only status the docs name) and bound to no EID. Anything else may be in
 * someone's hands or on a device, so it is left alone and reported.
 */
export function isUntouched(state: ProfileState): boolean {
  return state.status.trim().toLowerCase() === "available" && !state.eid;
}

/** The reason in results.csv for a lost code whose profile was left alone. */
export function leftAloneReason(state: ProfileState): string {
  // The status is the platform's free text: shown only when it reads like a status name
  // (letters only, so never a key or a code).
  const status = /^[A-Za-z][A-Za-z _-]{0,63}$/.test(state.status)
    ? `is ${state.status}`
    : "has an unexpected status";
  const bound = state.eid ? " and is bound to a device (EID)" : "";
  return `the profile was made by an earlier attempt whose answer was lost, so its activation code never reached us; it ${status}${bound}, so it was not deleted and made again`;
}
