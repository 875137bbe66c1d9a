import { describe, expect, it, vi } from "vitest";
import type { OperationEntry } from "../operation-table.ts";
import { SimlesslyApiError, type SimlesslyApiErrorInit } from "./api-error.ts";
import { type AttemptFailure, isSafeToRetry } from "./attempt-failure.ts";
import { SimlesslyConnectionError } from "./connection-error.ts";
import { isCredentialsRefused } from "./credentials-refused.ts";
import { decideOutcome } from "./decide-outcome.ts";
import { simlesslyErrorBrand } from "./error-brand.ts";
import { SimlesslyInvalidRequestError } from "./invalid-request-error.ts";
import { SimlesslyInvalidResponseError } from "./invalid-response-error.ts";
import { isSimlesslyError } from "./is-simlessly-error.ts";
import { SimlesslyError } from "./simlessly-error.ts";
import { SimlesslyTimeoutError } from "./timeout-error.ts";
import { SimlesslyUnknownOutcomeError } from "./unknown-outcome-error.ts";

const refusal = (init: Partial<SimlesslyApiErrorInit>) =>
  new SimlesslyApiError({
    operationId: "getBatchInfo",
    requestId: "r-1",
    attempts: 1,
    httpStatus: 200,
    code: null,
    serverMessage: "",
    ...init,
  });

// A second copy of the package, as an application with two installed versions has: the
// module registry is reset, so every class below is a different class from the ones above.
async function secondCopy() {
  vi.resetModules();
  return await import("../index.ts");
}

describe("isSimlesslyError", () => {
  it("recognizes an error of another copy of the package, where instanceof fails", async () => {
    const copy = await secondCopy();
    expect(copy.SimlesslyApiError).not.toBe(SimlesslyApiError);
    const foreign = new copy.SimlesslyApiError({
      operationId: "generateAc",
      httpStatus: 401,
      code: "AUTH_FAILED",
      serverMessage: "bad signature",
    });
    expect(foreign).not.toBeInstanceOf(SimlesslyError);
    expect(isSimlesslyError(foreign)).toBe(true);
    expect(copy.isSimlesslyError(refusal({}))).toBe(true);
    expect(isCredentialsRefused(foreign)).toBe(true);
  });

  it("recognizes a plain object with the registered mark, and nothing without it", () => {
    const branded = { [Symbol.for("simlessly.error")]: true, name: "SimlesslyTimeoutError" };
    expect(isSimlesslyError(branded)).toBe(true);
    expect(simlesslyErrorBrand).toBe(Symbol.for("simlessly.error"));
    for (const other of [
      new Error("SimlesslyApiError"),
      { name: "SimlesslyApiError", operationId: "x" },
      { [Symbol.for("simlessly.error")]: "yes" },
      { [Symbol("simlessly.error")]: true },
      null,
      undefined,
      "SimlesslyError",
      42,
    ]) {
      expect(isSimlesslyError(other)).toBe(false);
    }
  });

  it("keeps the mark out of what the error prints", () => {
    const error = refusal({ code: "BATCH_NOT_FOUND" });
    expect(Object.keys(error)).not.toContain(String(simlesslyErrorBrand));
    expect(Object.getOwnPropertySymbols({ ...error })).toEqual([]);
    expect(JSON.stringify(error)).not.toContain("simlessly.error");
  });
});

describe("isCredentialsRefused", () => {
  it("is true for 401/403, RSP key and signature codes, and eIM 401xxx statuses", () => {
    expect(isCredentialsRefused(refusal({ httpStatus: 401 }))).toBe(true);
    expect(isCredentialsRefused(refusal({ httpStatus: 403 }))).toBe(true);
    expect(isCredentialsRefused(refusal({ code: "AUTH_INVALID_KEY" }))).toBe(true);
    expect(isCredentialsRefused(refusal({ code: "INVALID_SIGNATURE" }))).toBe(true);
    expect(isCredentialsRefused(refusal({ code: 401002 }))).toBe(true);
  });

  it("is false for other refusals and other errors", () => {
    expect(isCredentialsRefused(refusal({ code: "BATCH_NOT_FOUND" }))).toBe(false);
    expect(isCredentialsRefused(refusal({ code: 402001 }))).toBe(false);
    expect(isCredentialsRefused(refusal({ httpStatus: 429 }))).toBe(false);
    expect(
      isCredentialsRefused(
        new SimlesslyConnectionError({ operationId: "getBatchInfo", sent: false }),
      ),
    ).toBe(false);
    expect(isCredentialsRefused({ name: "SimlesslyApiError", httpStatus: 401 })).toBe(false);
    expect(isCredentialsRefused(undefined)).toBe(false);
  });
});

describe("retryable", () => {
  const operation = (readOnly: boolean): OperationEntry => ({
    operationId: readOnly ? "getBatchInfo" : "generateAcByBatch",
    path: "/x",
    requestSchema: null,
    responseSchema: null,
    readOnly,
  });
  const failures: Exclude<AttemptFailure, { kind: "http" }>[] = [
    { kind: "not-sent" },
    { kind: "connection-lost" },
    { kind: "timeout", scope: "attempt" },
    { kind: "aborted" },
    { kind: "redirect", redirect: { httpStatus: 307, origin: "https://other.example" } },
  ];

  it("agrees with the retry policy for every failure without an answer", () => {
    for (const readOnly of [true, false]) {
      for (const failure of failures) {
        const verdict = decideOutcome(
          { kind: "no-answer", failure, cause: undefined, systemCode: null, limitMs: 1000 },
          {
            operation: operation(readOnly),
            requestId: "r-1",
            attempts: 1,
            envelope: "rsp",
            iccids: () => ["89860468152080349618"],
            scrub: (text) => text,
          },
        );
        if (verdict.kind !== "error") continue; // an abort of a read-only call: no error of ours
        const { error } = verdict;
        expect({ failure, readOnly, retryable: error.retryable }).toEqual({
          failure,
          readOnly,
          retryable: isSafeToRetry(failure, readOnly),
        });
      }
    }
  });

  it("agrees with the retry policy for refusals (429 and, read-only only, 5xx)", () => {
    for (const httpStatus of [200, 400, 401, 403, 404, 429, 500, 502, 503]) {
      const error = refusal({ httpStatus, retryAfterMs: httpStatus === 429 ? 1000 : null });
      expect({ httpStatus, retryable: error.retryable }).toEqual({
        httpStatus,
        retryable: isSafeToRetry({ kind: "http", status: httpStatus, retryAfterMs: null }, true),
      });
    }
    expect(refusal({ httpStatus: 429 }).retryable).toBe(true);
    expect(refusal({ httpStatus: 200, code: "BATCH_NOT_FOUND" }).retryable).toBe(false);
  });

  it("is true for a read-only call out of total time, false where the effect is unknown", () => {
    const common = { operationId: "getBatchInfo", requestId: "r", attempts: 2 };
    expect(new SimlesslyTimeoutError({ ...common, scope: "total", timeoutMs: 5 }).retryable).toBe(
      true,
    );
    expect(
      new SimlesslyUnknownOutcomeError({ ...common, reason: "server-error", iccids: [] }).retryable,
    ).toBe(false);
    expect(
      new SimlesslyInvalidRequestError({ operationId: "generateAc", issues: [] }).retryable,
    ).toBe(false);
    expect(
      new SimlesslyInvalidResponseError({ ...common, reason: "not-json", httpStatus: 200 })
        .retryable,
    ).toBe(false);
  });

  it("is read-only and printed with the other fields", () => {
    const error = refusal({ httpStatus: 503 });
    expect(() => {
      (error as { retryable: boolean }).retryable = false;
    }).toThrow(TypeError);
    expect(error.retryable).toBe(true);
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({ retryable: true, httpStatus: 503 });
  });
});
