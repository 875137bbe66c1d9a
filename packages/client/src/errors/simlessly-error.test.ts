import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { SimlesslyApiError } from "./api-error.ts";
import { SimlesslyInvalidRequestError } from "./invalid-request-error.ts";
import { SimlesslyError } from "./simlessly-error.ts";
import { SimlesslyUnknownOutcomeError } from "./unknown-outcome-error.ts";

const cause = Object.assign(new Error('socket hang up with body {"ki":"SECRET"}'), {
  secret: "SECRET",
});

describe("Simlessly errors", () => {
  const error = new SimlesslyUnknownOutcomeError({
    operationId: "generateAcByBatch",
    requestId: "4ce9d9cd-ac9e-4e17-b3a2-c66c358c1ce2",
    attempts: 1,
    reason: "timeout",
    iccids: ["89860468152080349618", "89860468152080349626"],
    cause,
  });

  it("name the operation, the request id and the ICCID count in the message", () => {
    expect(error.message).toContain("generateAcByBatch");
    expect(error.message).toContain("4ce9d9cd-ac9e-4e17-b3a2-c66c358c1ce2");
    expect(error.message).toContain("2 ICCIDs");
    expect(error.name).toBe("SimlesslyUnknownOutcomeError");
    expect(error).toBeInstanceOf(SimlesslyError);
    expect(String(error.stack)).toMatch(/^SimlesslyUnknownOutcomeError: /);
  });

  it("serialize to their safe fields only", () => {
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: "SimlesslyUnknownOutcomeError",
      message: error.message,
      operationId: "generateAcByBatch",
      requestId: "4ce9d9cd-ac9e-4e17-b3a2-c66c358c1ce2",
      attempts: 1,
      reason: "timeout",
      httpStatus: null,
      iccids: ["89860468152080349618", "89860468152080349626"],
      retryable: false,
    });
  });

  it("keep their cause for programs but never print it", () => {
    expect(error.cause).toBe(cause);
    expect(JSON.stringify(error)).not.toContain("SECRET");
    expect(inspect(error, { depth: null, showHidden: true })).not.toContain("SECRET");
    expect(inspect({ nested: [error] }, { depth: null })).not.toContain("SECRET");
  });

  it("describe an API refusal with its code and catalog entry", () => {
    const refusal = new SimlesslyApiError({
      operationId: "getBatchTaskResult",
      requestId: "r",
      attempts: 2,
      httpStatus: 200,
      code: 123009,
      serverMessage: "batch task not exist",
      catalog: {
        known: true,
        code: 123009,
        name: "BATCH_TASK_NOT_FOUND",
        message: "batch task not exist",
      },
    });
    expect(refusal.message).toBe(
      'getBatchTaskResult failed: HTTP 200 code 123009 (BATCH_TASK_NOT_FOUND) "batch task not exist" [request r, 2 attempts]',
    );
  });

  it("describe an invalid request by path and rule", () => {
    const invalid = new SimlesslyInvalidRequestError({
      operationId: "generateAc",
      issues: [
        { path: "ki", code: "invalid_format", message: "must match pattern" },
        { path: "imsi", code: "invalid_format", message: "must match pattern" },
      ],
    });
    expect(invalid.message).toBe(
      "generateAc request is invalid: ki: must match pattern (and 1 more); nothing was sent",
    );
    expect(invalid.attempts).toBe(0);
  });
});
