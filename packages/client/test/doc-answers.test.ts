// Every answer shape the docs show or allow (test/support/doc-answers.ts), served over HTTP on
// loopback and read by the typed client in each validation mode: the docs' own examples pass
// even `strict`, and the forward-compatible shapes do what the README's table says.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ValidationMode } from "../src/answers/response-validation.ts";
import { createCmpClient } from "../src/clients/cmp-client.ts";
import { createEimClient } from "../src/clients/eim-client.ts";
import type { CallOptions } from "../src/clients/operation-types.ts";
import { createRspClient } from "../src/clients/rsp-client.ts";
import { SimlesslyApiError } from "../src/errors/api-error.ts";
import { SimlesslyInvalidResponseError } from "../src/errors/invalid-response-error.ts";
import { cmpValidator, eimValidator, rspValidator } from "../src/validation.ts";
import { type CaptureLogger, createCaptureLogger } from "./support/capture-logger.ts";
import { type DocAnswer, docAnswers, forwardAnswers } from "./support/doc-answers.ts";
import { type LocalServer, startLocalServer } from "./support/local-server.ts";
import { operationExamples, type Product } from "./support/spec-examples.ts";

type AnyMethod = (body: unknown, options?: CallOptions) => Promise<unknown>;

const modes: readonly ValidationMode[] = ["strict", "lenient", "off"];

// One server for the file: it answers every request with the body under test, except the
// CMP token call that a CMP client makes before its first call.
let server: LocalServer;
let answerText = "";
let answeringTokenCall = false;

beforeAll(async () => {
  server = await startLocalServer((_index, request) => {
    if (request.url.endsWith("/oauth/token") && !answeringTokenCall) {
      return {
        json: { token: "c2a4e6f8091b3d5f7a9c1e3b5d7f9a2c", tokenType: "Bearer", expireIn: "3600" },
      };
    }
    return { text: answerText };
  });
});
afterAll(() => server.close());

function clientFor(product: Product, validation: ValidationMode, logger: CaptureLogger) {
  const common = { baseUrl: server.url, validation, logger, retry: { maxAttempts: 1 } };
  switch (product) {
    case "rsp":
      return createRspClient({
        ...common,
        accessKey: "ak",
        secretKey: "secret-key-for-tests",
        validator: rspValidator,
      }) as unknown as Record<string, AnyMethod>;
    case "eim":
      return createEimClient({
        ...common,
        publicKey: "pk",
        secretKey: "ackey-for-tests",
        token: "token-for-tests",
        validator: eimValidator,
      }) as unknown as Record<string, AnyMethod>;
    case "cmp":
      return createCmpClient({
        ...common,
        clientId: "A1b2C3d4E5f6A7b8C9d0E1f2A3b4C5d6",
        clientSecret: "Z9y8X7w6V5u4T3s2R1q0P9o8N7m6L5k4",
        validator: cmpValidator,
      }) as unknown as Record<string, AnyMethod>;
  }
}

/** The spec's first request example of each operation: valid, so `strict` sends it. */
const requests = new Map(
  (["rsp", "eim", "cmp"] as const).flatMap((product) =>
    operationExamples(product).map(({ operationId, request }) => [operationId, request] as const),
  ),
);

/** Calls `operationId` with the server answering `text`; the outcome and the warnings. */
async function call(
  product: Product,
  operationId: string,
  text: string,
  validation: ValidationMode,
) {
  answerText = text;
  answeringTokenCall = operationId === "getAccessToken";
  const log = createCaptureLogger();
  const method = clientFor(product, validation, log)[operationId];
  if (method === undefined) throw new Error(`no method ${operationId}`);
  const outcome = await method(requests.get(operationId)).then(
    (data) => ({ data }),
    (error: unknown) => ({ error }),
  );
  const warnings = log.entries.filter((entry) => entry.level === "warn");
  return { outcome, warnings };
}

const byMode = (answer: DocAnswer) =>
  modes.map((mode) => [mode, answer.operationId, answer.name, answer] as const);

describe("every documented answer, in every validation mode", () => {
  it("covers every operation of the three products", () => {
    const covered = new Set(docAnswers.map((answer) => answer.operationId));
    expect([...requests.keys()].filter((operationId) => !covered.has(operationId))).toEqual([]);
  });

  const successes = docAnswers.filter((answer) => answer.outcome === "success");
  it.each(successes.flatMap(byMode))(
    "%s: %s, %s: resolves to its data, with nothing reported",
    async (mode, _operationId, _name, answer) => {
      const { outcome, warnings } = await call(
        answer.product,
        answer.operationId,
        answer.text,
        mode,
      );
      expect(outcome).not.toHaveProperty("error");
      expect(warnings).toEqual([]);
      // The same data in every mode: validation judges, it never reshapes.
      const unchecked = await call(answer.product, answer.operationId, answer.text, "off");
      expect(outcome).toEqual(unchecked.outcome);
    },
  );

  const failures = docAnswers.filter((answer) => answer.outcome === "failure");
  it.each(failures.flatMap(byMode))(
    "%s: %s, %s: is a SimlesslyApiError, and no contract breach is reported",
    async (mode, _operationId, _name, answer) => {
      const { outcome, warnings } = await call(
        answer.product,
        answer.operationId,
        answer.text,
        mode,
      );
      expect(outcome).toHaveProperty("error");
      expect((outcome as { error: unknown }).error).toBeInstanceOf(SimlesslyApiError);
      expect(warnings).toEqual([]);
    },
  );

  it("reads the old batch-info example in the contract's spelling", async () => {
    const oldExample = docAnswers.find((answer) => answer.name === "old batch-info example");
    if (oldExample === undefined) throw new Error("fixture missing");
    const { outcome } = await call("rsp", "getBatchInfo", oldExample.text, "strict");
    expect(outcome).toEqual({
      data: {
        batchTaskInfo: expect.objectContaining({
          succeedNum: 10,
          failedNum: 0,
          status: "COMPLETE",
        }),
        results: [expect.objectContaining({ success: false, errorReason: expect.any(String) })],
      },
    });
  });
});

describe("answers the docs do not show, per mode (the README's table)", () => {
  type Verdict = "accepted" | "reported" | "refused";
  const cases: readonly {
    readonly name: keyof typeof forwardAnswers;
    readonly product: Product;
    readonly operationId: string;
    readonly verdicts: Readonly<Record<ValidationMode, Verdict>>;
  }[] = [
    {
      name: "failedBatch",
      product: "rsp",
      operationId: "getBatchInfo",
      verdicts: { strict: "accepted", lenient: "accepted", off: "accepted" },
    },
    {
      name: "queuedSimChange",
      product: "cmp",
      operationId: "changeSimStatus",
      verdicts: { strict: "accepted", lenient: "accepted", off: "accepted" },
    },
    {
      name: "newBatchType",
      product: "eim",
      operationId: "getBatchTaskResult",
      verdicts: { strict: "accepted", lenient: "accepted", off: "accepted" },
    },
    {
      name: "unknownKey",
      product: "rsp",
      operationId: "generateAc",
      verdicts: { strict: "refused", lenient: "reported", off: "accepted" },
    },
    {
      name: "unknownClosedValue",
      product: "eim",
      operationId: "getBatchTaskResult",
      verdicts: { strict: "refused", lenient: "refused", off: "accepted" },
    },
    {
      name: "wrongType",
      product: "rsp",
      operationId: "generateAc",
      verdicts: { strict: "refused", lenient: "refused", off: "accepted" },
    },
  ];

  it.each(cases.flatMap((entry) => modes.map((mode) => [entry.name, mode, entry] as const)))(
    "%s under %s",
    async (name, mode, entry) => {
      const { outcome, warnings } = await call(
        entry.product,
        entry.operationId,
        forwardAnswers[name],
        mode,
      );
      const verdict: Verdict =
        "error" in outcome ? "refused" : warnings.length > 0 ? "reported" : "accepted";
      expect(verdict).toBe(entry.verdicts[mode]);
      if (verdict === "refused") {
        expect(outcome).toMatchObject({ error: expect.any(SimlesslyInvalidResponseError) });
      }
    },
  );
});
