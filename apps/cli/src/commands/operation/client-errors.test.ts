import {
  SimlesslyApiError,
  SimlesslyInvalidRequestError,
  SimlesslyTimeoutError,
  SimlesslyUnknownOutcomeError,
} from "@simlessly/client";
import { describe, expect, it } from "vitest";
import { CliError } from "../../core/cli-error.ts";
import { cliErrorFrom } from "./client-errors.ts";

const secret = "6BE2053E8580B135CD43443380DB7111";

describe("cliErrorFrom", () => {
  it("carries the client's safe fields, scrubbed of the secrets it knows", () => {
    const error = cliErrorFrom(
      new SimlesslyApiError({
        operationId: "generateAc",
        requestId: "req-1",
        attempts: 1,
        httpStatus: 200,
        code: `BAD_KI_${secret}`,
        serverMessage: `ki ${secret} is invalid`,
      }),
      [secret],
    ) as CliError;
    expect(error).toBeInstanceOf(CliError);
    expect(error.exitCode).toBe(1);
    expect(error.details).toEqual({
      kind: "api",
      operation: "generateAc",
      httpStatus: 200,
      code: expect.stringMatching(/^BAD_KI_/),
      requestId: "req-1",
      retryable: false,
    });
    expect(JSON.stringify([error.message, error.details])).not.toContain(secret);
  });

  it("names the kind of each failure and whether it is worth repeating", () => {
    const common = { operationId: "getBatchInfo", requestId: "r", attempts: 3 };
    const timeout = cliErrorFrom(
      new SimlesslyTimeoutError({ ...common, scope: "attempt", timeoutMs: 10 }),
      [],
    ) as CliError;
    expect(timeout.details).toMatchObject({ kind: "timeout", retryable: true, httpStatus: null });
    const unknown = cliErrorFrom(
      new SimlesslyUnknownOutcomeError({
        ...common,
        operationId: "generateAcByBatch",
        reason: "server-error",
        httpStatus: 502,
        iccids: [],
      }),
      [],
    ) as CliError;
    expect(unknown.exitCode).toBe(4);
    expect(unknown.details).toMatchObject({
      kind: "unknown-outcome",
      httpStatus: 502,
      retryable: false,
    });
    const invalid = cliErrorFrom(
      new SimlesslyInvalidRequestError({ operationId: "generateAc", issues: [] }),
      [],
    ) as CliError;
    expect(invalid.details).toMatchObject({ kind: "invalid-request", requestId: null });
  });

  it("returns anything else as it is", () => {
    const other = new TypeError("boom");
    expect(cliErrorFrom(other, [])).toBe(other);
  });
});
