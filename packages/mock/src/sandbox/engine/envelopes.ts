// The response envelopes of the three products, and the reply the engine hands to the HTTP
// edge. RSP and eIM answer every call with HTTP 200 and put the outcome in the body, as the
// contract describes; CMP answers bare objects, and 401 for a bad token.
import type { EimSchema, RspSchema } from "@simlessly/contract";
import type { RspFailureCode } from "./rsp-codes.ts";

/** What the HTTP edge sends: a status, a JSON body (or none) and extra headers. */
export interface Reply {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** The RSP success code. */
export const rspSuccessCode = "00000";

/** HTTP 200 with a body. */
export function ok(body: unknown): Reply {
  return { status: 200, body };
}

/** An RSP success envelope carrying `obj`. */
export function rspSuccess<T>(obj: T): { success: true; code: string; msg: string; obj: T } {
  return { success: true, code: rspSuccessCode, msg: "", obj };
}

/** An RSP success envelope without a result. */
export function rspEmptySuccess(): RspSchema<"RspEmptySuccess"> {
  return { success: true, code: rspSuccessCode, msg: "", obj: null };
}

/** An RSP failure envelope. The message must never contain a secret. */
export function rspFailure(code: RspFailureCode, msg: string): RspSchema<"RspFailure"> {
  return { success: false, code, msg: msg.slice(0, 1024), obj: null };
}

/** An eIM success envelope carrying `obj`. */
export function eimSuccess<T>(obj: T): { status: 200; success: true; msg: string; obj: T } {
  return { status: 200, success: true, msg: "", obj };
}

/** An eIM success envelope without a result. */
export function eimEmptySuccess(): EimSchema<"EimEmptySuccess"> {
  return { status: 200, success: true, msg: "" };
}

/** An eIM failure envelope: an Appendix 4 code, or one of the sandbox's own. */
export function eimFailure(status: number, msg: string): EimSchema<"EimFailure"> {
  return { status, success: false, msg: msg.slice(0, 1024), obj: null };
}
