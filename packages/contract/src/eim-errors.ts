// The eIM error catalog (Appendix 4) and batch result reasons (Appendix 5), generated from
// the spec, with lookups that keep codes and reasons the catalog does not list: the platform
// sends such codes (its own error example carries 700), and they must reach the caller intact.
import { batchResultReasons, errorCodes } from "./generated/eim/metadata.ts";

/** The documented eIM error codes, in the order of Appendix 4. */
export const eimErrorCodes = errorCodes;

/** One documented eIM error: `{ code, name, message }`. */
export type EimErrorInfo = (typeof errorCodes)[number];

/** A documented eIM error code (a number literal union). */
export type KnownEimErrorCode = EimErrorInfo["code"];

/** The stable name of a documented eIM error, e.g. `"DEVICE_NOT_FOUND"`. */
export type EimErrorName = EimErrorInfo["name"];

/** The result of {@link findEimError}: the catalog entry, or the unknown code as received. */
export type EimErrorLookup =
  | (EimErrorInfo & { readonly known: true })
  | { readonly known: false; readonly code: number };

const byCode: ReadonlyMap<number, EimErrorInfo> = new Map(
  errorCodes.map((entry) => [entry.code, entry]),
);

/** True when `code` is one of the documented eIM error codes. */
export function isKnownEimErrorCode(code: number): code is KnownEimErrorCode {
  return byCode.has(code);
}

/**
 * Looks up an eIM error code. An unknown code is returned as `{ known: false, code }` with the
 * code unchanged, never replaced by a generic one.
 */
export function findEimError(code: number): EimErrorLookup {
  const entry = byCode.get(code);
  return entry === undefined ? { known: false, code } : { ...entry, known: true };
}

/** The documented reasons why one item of an eIM batch task failed, exact strings. */
export const eimBatchResultReasons = batchResultReasons;

/** A documented eIM batch result reason. */
export type EimBatchResultReason = (typeof batchResultReasons)[number];

const reasons: ReadonlySet<string> = new Set(batchResultReasons);

/** True when `reason` is one of the documented batch result reasons (compared exactly). */
export function isEimBatchResultReason(reason: string): reason is EimBatchResultReason {
  return reasons.has(reason);
}
