// Every way a call can end, one row each: the outcome of the last attempt, whether the
// operation only reads, and what the caller gets.
import { findEimError } from "@simlessly/contract";
import { describe, expect, it } from "vitest";
import type { EnvelopeKind } from "../answers/read-envelope.ts";
import { SimlesslyApiError } from "./api-error.ts";
import { SimlesslyConnectionError } from "./connection-error.ts";
import { type CallOutcome, decideOutcome, type OutcomeContext } from "./decide-outcome.ts";
import { SimlesslyInvalidResponseError } from "./invalid-response-error.ts";
import { SimlesslyTimeoutError } from "./timeout-error.ts";
import { SimlesslyUnknownOutcomeError } from "./unknown-outcome-error.ts";

const iccids = ["89860468152080349618"];
const cause = new Error("socket hang up");
const redirect = { httpStatus: 307, origin: "https://other.example" };
const issue = { path: "obj.batchCode", code: "invalid_type", message: "expected string" };

const noAnswer = (failure: Extract<CallOutcome, { kind: "no-answer" }>["failure"]) =>
  ({ kind: "no-answer", failure, cause, systemCode: "ECONNRESET", limitMs: 1000 }) as const;
const status = (httpStatus: number, code: string | number | null = null, message = "") =>
  ({ kind: "error-status", httpStatus, code, message, retryAfterMs: null }) as const;
const answer = (body: Extract<CallOutcome, { kind: "answer" }>["body"], httpStatus = 200) =>
  ({ kind: "answer", httpStatus, body }) as const;

type Expected =
  | { readonly data: unknown }
  | { readonly callerAbort: true }
  | { readonly error: abstract new (...args: never[]) => Error; readonly fields: object };

interface Row {
  readonly name: string;
  readonly outcome: CallOutcome;
  readonly readOnly: boolean;
  readonly envelope?: EnvelopeKind;
  readonly expected: Expected;
}

const Connection = SimlesslyConnectionError;
const Unknown = SimlesslyUnknownOutcomeError;
const Api = SimlesslyApiError;
const Invalid = SimlesslyInvalidResponseError;

const rows: readonly Row[] = [
  // Without an answer.
  {
    name: "not sent, read",
    outcome: noAnswer({ kind: "not-sent" }),
    readOnly: true,
    expected: { error: Connection, fields: { sent: false, systemCode: "ECONNRESET", cause } },
  },
  {
    name: "not sent, change",
    outcome: noAnswer({ kind: "not-sent" }),
    readOnly: false,
    expected: { error: Connection, fields: { sent: false, retryable: true } },
  },
  {
    name: "connection lost, read",
    outcome: noAnswer({ kind: "connection-lost" }),
    readOnly: true,
    expected: { error: Connection, fields: { sent: true, systemCode: "ECONNRESET" } },
  },
  {
    name: "connection lost, change",
    outcome: noAnswer({ kind: "connection-lost" }),
    readOnly: false,
    expected: { error: Unknown, fields: { reason: "connection-lost", iccids, cause } },
  },
  {
    name: "timeout, read",
    outcome: noAnswer({ kind: "timeout", scope: "total" }),
    readOnly: true,
    expected: { error: SimlesslyTimeoutError, fields: { scope: "total", timeoutMs: 1000 } },
  },
  {
    name: "timeout, change",
    outcome: noAnswer({ kind: "timeout", scope: "attempt" }),
    readOnly: false,
    expected: { error: Unknown, fields: { reason: "timeout", iccids } },
  },
  {
    name: "aborted by the caller, read",
    outcome: noAnswer({ kind: "aborted" }),
    readOnly: true,
    expected: { callerAbort: true },
  },
  {
    name: "aborted by the caller, change",
    outcome: noAnswer({ kind: "aborted" }),
    readOnly: false,
    expected: { error: Unknown, fields: { reason: "aborted", iccids } },
  },
  {
    name: "redirect, read",
    outcome: noAnswer({ kind: "redirect", redirect }),
    readOnly: true,
    expected: {
      error: Api,
      fields: { httpStatus: 307, code: null, redirectOrigin: redirect.origin, retryable: false },
    },
  },
  {
    name: "redirect, change",
    outcome: noAnswer({ kind: "redirect", redirect }),
    readOnly: false,
    expected: {
      error: Unknown,
      fields: { reason: "redirect", httpStatus: 307, redirectOrigin: redirect.origin, iccids },
    },
  },
  // An error status.
  {
    name: "400, change",
    outcome: status(400, " PARAM_ERROR ", "bad secret-value"),
    readOnly: false,
    expected: {
      error: Api,
      fields: { httpStatus: 400, code: "PARAM_ERROR", serverMessage: "bad [redacted]" },
    },
  },
  {
    name: "401, read",
    outcome: status(401, "AUTH_FAILED"),
    readOnly: true,
    expected: { error: Api, fields: { httpStatus: 401, code: "AUTH_FAILED", retryable: false } },
  },
  {
    name: "429 with Retry-After, change",
    outcome: { ...status(429), retryAfterMs: 30_000 },
    readOnly: false,
    expected: { error: Api, fields: { httpStatus: 429, retryAfterMs: 30_000, retryable: true } },
  },
  {
    name: "503, read",
    outcome: status(503),
    readOnly: true,
    expected: { error: Api, fields: { httpStatus: 503, code: null, retryable: true } },
  },
  {
    name: "503, change",
    outcome: status(503, "BUSY"),
    readOnly: false,
    expected: { error: Unknown, fields: { reason: "server-error", httpStatus: 503, iccids } },
  },
  {
    name: "500 with an eIM code, read",
    outcome: status(500, 500001, "server error"),
    readOnly: true,
    envelope: "eim",
    expected: { error: Api, fields: { code: 500001, catalog: findEimError(500001) } },
  },
  // A 2xx answer.
  {
    name: "success, read",
    outcome: answer({ kind: "data", data: { batchCode: "B1" }, rejected: [] }),
    readOnly: true,
    expected: { data: { batchCode: "B1" } },
  },
  {
    name: "success, change",
    outcome: answer({ kind: "data", data: null, rejected: [] }, 201),
    readOnly: false,
    expected: { data: null },
  },
  {
    name: "success off the contract, change",
    outcome: answer({ kind: "data", data: {}, rejected: [issue] }),
    readOnly: false,
    expected: {
      error: Invalid,
      fields: { reason: "schema", issues: [issue], envelopeSuccess: true },
    },
  },
  {
    name: "CMP answer off the contract, read",
    outcome: answer({ kind: "data", data: {}, rejected: [issue] }),
    readOnly: true,
    envelope: "none",
    expected: { error: Invalid, fields: { reason: "schema", envelopeSuccess: null } },
  },
  {
    name: "failure envelope, change",
    outcome: answer({ kind: "refusal", code: "BATCH_NOT_FOUND ", message: "no batch" }),
    readOnly: false,
    expected: {
      error: Api,
      fields: { httpStatus: 200, code: "BATCH_NOT_FOUND", serverMessage: "no batch" },
    },
  },
  {
    name: "eIM failure envelope, read",
    outcome: answer({ kind: "refusal", code: 401003, message: "token expired" }),
    readOnly: true,
    envelope: "eim",
    expected: { error: Api, fields: { code: 401003, catalog: findEimError(401003) } },
  },
  {
    name: "not JSON, read",
    outcome: answer({ kind: "not-json" }),
    readOnly: true,
    expected: { error: Invalid, fields: { reason: "not-json", httpStatus: 200 } },
  },
  {
    name: "not JSON, change",
    outcome: answer({ kind: "not-json" }),
    readOnly: false,
    expected: { error: Unknown, fields: { reason: "invalid-response", httpStatus: 200, iccids } },
  },
  {
    name: "not an envelope, read",
    outcome: answer({ kind: "not-an-envelope" }),
    readOnly: true,
    expected: { error: Invalid, fields: { reason: "not-an-envelope" } },
  },
  {
    name: "not an envelope, change",
    outcome: answer({ kind: "not-an-envelope" }),
    readOnly: false,
    expected: { error: Unknown, fields: { reason: "invalid-response", iccids } },
  },
];

function contextFor(row: Row): OutcomeContext {
  const envelope = row.envelope ?? "rsp";
  return {
    operation: {
      operationId: row.readOnly ? "getBatchInfo" : "generateAcByBatch",
      readOnly: row.readOnly,
    },
    requestId: "r-2",
    attempts: 2,
    envelope,
    iccids: () => iccids,
    scrub: (text) => text.replaceAll("secret-value", "[redacted]"),
    catalog: envelope === "eim" ? findEimError : undefined,
  };
}

describe("how a call ends", () => {
  it.each(rows.map((row) => [row.name, row] as const))("%s", (_name, row) => {
    const context = contextFor(row);
    const verdict = decideOutcome(row.outcome, context);
    const { expected } = row;
    if ("data" in expected) {
      expect(verdict).toEqual({ kind: "data", data: expected.data });
    } else if ("callerAbort" in expected) {
      expect(verdict).toEqual({ kind: "caller-abort" });
    } else {
      expect(verdict.kind).toBe("error");
      const error = verdict.kind === "error" ? verdict.error : undefined;
      expect(error).toBeInstanceOf(expected.error);
      expect(error).toMatchObject({
        operationId: context.operation.operationId,
        requestId: "r-2",
        attempts: 2,
        ...expected.fields,
      });
    }
  });
});
