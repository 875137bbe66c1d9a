// Test data for the sandbox tests: SIM records with distinct identifiers per test, so that
// every test starts from ICCIDs no other test has used.

/** A 20-digit ICCID, distinct for each (series, index). */
export function iccid(series: number, index: number): string {
  return `8986${String(series).padStart(4, "0")}${String(index).padStart(12, "0")}`;
}

/** A 15-digit IMSI matching {@link iccid}. */
export function imsi(series: number, index: number): string {
  return `460${String(series).padStart(2, "0")}${String(index).padStart(10, "0")}`;
}

/** A 32-digit EID. */
export function eid(index: number): string {
  return `8904903200000100${String(index).padStart(16, "0")}`;
}

/** A 15-digit IMEI. */
export function imei(index: number): string {
  return `35693803${String(index).padStart(7, "0")}`;
}

/** A Ki (hex); never asserted on, never stored by the sandbox. */
export const ki = "6BE2053E8580B135CD43443380DB7111";

/** One batch record. */
export function simRecord(
  series: number,
  index: number,
): { iccid: string; imsi: string; ki: string } {
  return { iccid: iccid(series, index), imsi: imsi(series, index), ki };
}

/** The activation code pattern of the default sandbox (host rsp.sandbox.simlessly.test). */
export const sandboxActivationCode = /^1\$rsp\.sandbox\.simlessly\.test\$[0-9A-F]{32}$/;
