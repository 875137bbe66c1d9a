// Every operation of every product, through its typed client, against Prism serving the
// contract: the spec's first request example must come back as the data of the first answer
// example (validated strictly), every other success example (the shapes the docs allow: an
// optional field left out, a value they leave open) as its data too, and each failure example
// as a SimlesslyApiError.
import { type RunningPrism, startPrism } from "@simlessly/mock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCmpClient } from "../src/clients/cmp-client.ts";
import { createEimClient } from "../src/clients/eim-client.ts";
import type { CallOptions } from "../src/clients/operation-types.ts";
import { createRspClient } from "../src/clients/rsp-client.ts";
import { SimlesslyApiError } from "../src/errors/api-error.ts";
import { cmpValidator, eimValidator, rspValidator } from "../src/validation.ts";
import { createCaptureLogger } from "./support/capture-logger.ts";
import { operationExamples, type Product } from "./support/spec-examples.ts";

type AnyMethod = (body: unknown, options?: CallOptions) => Promise<unknown>;

const prisms: Partial<Record<Product, RunningPrism>> = {};
const cmpLog = createCaptureLogger();

beforeAll(async () => {
  const started = await Promise.all(
    (["rsp", "eim", "cmp"] as const).map(
      async (product) => [product, await startPrism({ document: product })] as const,
    ),
  );
  for (const [product, prism] of started) prisms[product] = prism;
});
afterAll(async () => {
  await Promise.all(Object.values(prisms).map((prism) => prism?.stop()));
});

function clientFor(product: Product): Record<string, AnyMethod> {
  const baseUrl = prisms[product]?.url;
  if (baseUrl === undefined) throw new Error(`Prism for ${product} is not running`);
  const common = { baseUrl, validation: "strict" as const, retry: { maxAttempts: 1 } };
  switch (product) {
    case "rsp":
      return createRspClient({
        ...common,
        accessKey: "c934e1de7e2153366539c1c03b2bce09",
        secretKey: "rsp-secret-key-for-prism",
        validator: rspValidator,
      }) as unknown as Record<string, AnyMethod>;
    case "eim":
      return createEimClient({
        ...common,
        publicKey: "33557c4f7ff14cbbb982660993f48a49",
        secretKey: "eim-ackey-for-prism",
        token: "81db993c3bdb45ecb9ac3943a44878dd",
        validator: eimValidator,
      }) as unknown as Record<string, AnyMethod>;
    case "cmp":
      return createCmpClient({
        ...common,
        clientId: "A1b2C3d4E5f6A7b8C9d0E1f2A3b4C5d6",
        clientSecret: "Z9y8X7w6V5u4T3s2R1q0P9o8N7m6L5k4",
        validator: cmpValidator,
        logger: cmpLog,
        logLevel: "debug",
      }) as unknown as Record<string, AnyMethod>;
  }
}

function dataOf(product: Product, answer: unknown): unknown {
  if (product === "cmp") return answer;
  return (answer as { obj?: unknown }).obj ?? null;
}

describe.each(["rsp", "eim", "cmp"] as const)("the %s client against Prism", (product) => {
  const operations = operationExamples(product);
  let client: Record<string, AnyMethod>;
  beforeAll(() => {
    client = clientFor(product);
  });

  it("has a method for every operation of the contract", () => {
    expect(operations.length).toBeGreaterThan(0);
    for (const { operationId } of operations) expect(typeof client[operationId]).toBe("function");
  });

  describe.each(operations)("$operationId", ({ operationId, request, responses }) => {
    const [firstName, firstAnswer] = [...responses.entries()][0] ?? [];

    it(`resolves to the data of the "${firstName}" example`, async () => {
      const method = client[operationId];
      if (method === undefined) throw new Error(`no method ${operationId}`);
      await expect(method(request)).resolves.toEqual(dataOf(product, firstAnswer));
    });

    const otherSuccesses = [...responses.entries()]
      .slice(1)
      .filter(([, answer]) => (answer as { success?: unknown }).success !== false);
    if (otherSuccesses.length > 0)
      it.each(otherSuccesses)('resolves to the data of the "%s" example', async (name, answer) => {
        const method = client[operationId];
        if (method === undefined) throw new Error(`no method ${operationId}`);
        await expect(method(request, { headers: { prefer: `example=${name}` } })).resolves.toEqual(
          dataOf(product, answer),
        );
      });

    const failures = [...responses.entries()].filter(
      ([, answer]) => (answer as { success?: unknown }).success === false,
    );
    if (failures.length > 0)
      it.each(failures)(
        'rejects with SimlesslyApiError for the "%s" example',
        async (name, answer) => {
          const method = client[operationId];
          if (method === undefined) throw new Error(`no method ${operationId}`);
          const error = await method(request, { headers: { prefer: `example=${name}` } }).catch(
            (caught: unknown) => caught,
          );
          expect(error).toBeInstanceOf(SimlesslyApiError);
          const apiError = error as SimlesslyApiError;
          // RSP failures need only `success` (no docs page shows one): code and msg may be absent.
          const envelope = answer as { code?: string; status?: number; msg?: string };
          expect(apiError.operationId).toBe(operationId);
          expect(apiError.httpStatus).toBe(200);
          expect(apiError.code).toEqual(
            product === "eim" ? envelope.status : (envelope.code?.trim() ?? null),
          );
          expect(apiError.serverMessage).toBe(envelope.msg ?? "");
          expect(apiError.attempts).toBe(1);
          expect(apiError.requestId).toMatch(/^[0-9a-f-]{36}$/);
          if (product === "eim") {
            expect(apiError.catalog).toMatchObject({ code: envelope.status });
          } else {
            expect(apiError.catalog).toBeNull();
          }
        },
      );
  });

  if (product === "eim") {
    it("keeps an error code outside Appendix 4 as an unknown catalog entry", async () => {
      const allocate = operations.find((operation) => operation.operationId === "allocateAc");
      if (allocate === undefined) throw new Error("no allocateAc");
      const error = await client
        .allocateAc?.(allocate.request, {
          headers: { prefer: "example=failureOutsideAppendix4" },
        })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(SimlesslyApiError);
      const { code, catalog } = error as SimlesslyApiError;
      expect(catalog).toEqual({ known: false, code });
      expect(typeof code).toBe("number");
    });

    it("finds the Appendix 4 entry of a known code", async () => {
      const allocate = operations.find((operation) => operation.operationId === "allocateAc");
      if (allocate === undefined) throw new Error("no allocateAc");
      const error = (await client
        .allocateAc?.(allocate.request, {
          headers: { prefer: "example=failure" },
        })
        .catch((caught: unknown) => caught)) as SimlesslyApiError;
      expect(error.catalog).toMatchObject({ known: true, name: "AC_ALREADY_ALLOCATED" });
      expect(error.message).toContain("AC_ALREADY_ALLOCATED");
    });
  }

  if (product === "cmp") {
    it("fetches the token once and sends it as a bearer token", () => {
      const requests = cmpLog.entries.filter((entry) => entry.message === "simlessly request");
      const tokenRequests = requests.filter(
        (entry) => entry.details?.operationId === "getAccessToken",
      );
      expect(requests.length).toBeGreaterThan(2);
      // One for the getAccessToken example call above, one for the client's own token.
      expect(tokenRequests).toHaveLength(2);
      const authorized = requests.filter(
        (entry) => entry.details?.operationId !== "getAccessToken",
      );
      for (const entry of authorized) {
        const headers = Object.entries((entry.details?.headers ?? {}) as Record<string, string>);
        const authorization = headers.find(([name]) => name.toLowerCase() === "authorization");
        expect(authorization?.[1]).toBe("[hidden]");
      }
    });
  }
});
