// Shared set-up of the conformance tests: a sandbox, `prism proxy --errors` in front of it
// for one document, signed callers through the proxy (right and wrong secrets) and straight to
// the sandbox (for set-up), and the contract assertion that records which operations were
// driven to success and to failure.
import { cmpMetadata, eimMetadata, rspMetadata } from "@simlessly/contract";
import { afterAll, beforeAll, expect } from "vitest";
import type { Product } from "../src/documents.ts";
import { createSandbox, type Sandbox } from "../src/index.ts";
import { type RunningPrism, startPrism } from "../src/prism.ts";
import { responseSchemaFor } from "./response-schemas.ts";
import { type CallResult, createTestClients, type TestClients } from "./sandbox-clients.ts";

const metadata = { rsp: rspMetadata, eim: eimMetadata, cmp: cmpMetadata } as const;

/** Whether a call was meant to succeed or to fail. */
export type Outcome = "success" | "failure";

/** What a conformance test works with (filled in before its first test runs). */
export interface ConformanceHarness {
  readonly sandbox: Sandbox;
  /** Signed callers whose `product` calls go through Prism (the others straight to the sandbox). */
  readonly viaPrism: TestClients;
  /** Like `viaPrism`, signing with wrong secrets. */
  readonly forged: TestClients;
  /** Signed callers straight to the sandbox, for set-up outside the contract check. */
  readonly direct: TestClients;
  /**
   * Asserts that an answer conforms: HTTP 200, no `sl-violations` header, a body the
   * operation's response schema accepts, and (RSP, eIM) the expected `success`.
   */
  conforms<T = Record<string, unknown>>(
    operationId: string,
    result: CallResult,
    outcome: Outcome,
  ): T;
  /** Records a call checked by other means (e.g. the documented CMP 401). */
  cover(operationId: string, outcome: Outcome): void;
  /** The operations of the document not yet driven to each of `outcomes`. */
  missing(outcomes: readonly Outcome[]): string[];
}

/** Starts the sandbox and the proxy around the tests of the calling file. */
export function useConformanceHarness(product: Product): ConformanceHarness {
  let sandbox: Sandbox | undefined;
  let prism: RunningPrism | undefined;
  let clients: { viaPrism: TestClients; forged: TestClients; direct: TestClients } | undefined;
  const covered = new Set<string>();
  const ready = () => {
    if (sandbox === undefined || clients === undefined)
      throw new Error("the harness is not started");
    return { sandbox, ...clients };
  };

  beforeAll(async () => {
    sandbox = await createSandbox({ batchDelayMs: 0, seed: 1, env: {} });
    prism = await startPrism({
      document: product,
      mode: "proxy",
      errors: true,
      upstream: sandbox.url,
    });
    const direct = { rspUrl: sandbox.url, eimUrl: sandbox.url, cmpUrl: sandbox.url };
    const urls = { ...direct, [`${product}Url`]: prism.url };
    const { credentials } = sandbox;
    clients = {
      viaPrism: createTestClients({ ...urls, credentials }),
      direct: createTestClients({ ...direct, credentials }),
      forged: createTestClients({
        ...urls,
        credentials: {
          ...credentials,
          rsp: { ...credentials.rsp, secretKey: "not-the-secret" },
          eim: { ...credentials.eim, secretKey: "not-the-secret" },
        },
      }),
    };
  });
  afterAll(async () => {
    await prism?.stop();
    await sandbox?.stop();
  });

  return {
    get sandbox() {
      return ready().sandbox;
    },
    get viaPrism() {
      return ready().viaPrism;
    },
    get forged() {
      return ready().forged;
    },
    get direct() {
      return ready().direct;
    },
    conforms<T>(operationId: string, result: CallResult, outcome: Outcome): T {
      const operation = metadata[product].operations.find(
        (entry) => entry.operationId === operationId,
      );
      if (operation?.responseSchema == null)
        throw new Error(`no response schema for ${operationId}`);
      expect(result.headers.get("sl-violations"), JSON.stringify(result.body)).toBeNull();
      expect(result.status, JSON.stringify(result.body)).toBe(200);
      const parsed = responseSchemaFor(product, operation.responseSchema).safeParse(result.body);
      expect(parsed.error?.issues ?? []).toEqual([]);
      if (product !== "cmp") {
        expect((result.body as { success?: boolean }).success, JSON.stringify(result.body)).toBe(
          outcome === "success",
        );
      }
      covered.add(`${operationId} ${outcome}`);
      return result.body as T;
    },
    cover(operationId, outcome) {
      covered.add(`${operationId} ${outcome}`);
    },
    missing(outcomes) {
      return metadata[product].operations.flatMap(({ operationId }) =>
        outcomes
          .filter((outcome) => !covered.has(`${operationId} ${outcome}`))
          .map((outcome) => `${operationId} ${outcome}`),
      );
    },
  };
}
