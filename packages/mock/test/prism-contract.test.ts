// Drives every operation of every document through Prism over loopback HTTP: the example
// request must succeed with a body the generated zod schema accepts (served examples and
// schema-invented data alike), and broken requests must be refused. Prism serves the contract
// as written: it takes the forms the docs show and refuses the ones only the sandbox
// tolerates (spec/README.md, "Tolerated forms").
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Product, products } from "../src/documents.ts";
import { type RunningPrism, startPrism } from "../src/prism.ts";
import { loadOperations } from "./openapi-document.ts";
import { responseSchemaFor } from "./response-schemas.ts";

/** Every operation the contract must describe, per product. */
const expectedOperationIds: Record<Product, string[]> = {
  rsp: [
    "generateAc",
    "generateAcV2",
    "generateAcByBatch",
    "getBatchInfo",
    "generateAcByUpp",
    "addProfileByUpp",
    "updateProfileParam",
    "updateProfileByUpp",
    "deleteProfile",
    "listConfigs",
    "getProfileDetail",
    "listProfileLogs",
    "downloadOrder",
    "confirmOrder",
    "cancelOrder",
    "releaseProfile",
    "expireOrder",
    "changeRecycleTime",
    "addCampaignResource",
  ],
  eim: [
    "allocateAc",
    "allocateAcSingle",
    "batchAllocateAc",
    "batchImportAc",
    "batchImportDevice",
    "getBatchTaskResult",
  ],
  cmp: ["getAccessToken", "getDeviceSimsDetail", "changeSimStatus"],
};

/** Dynamic responses are random: sample each operation a few times. */
const dynamicSamples = 3;

describe.each(products)("the %s contract served by Prism", (product) => {
  const operations = loadOperations(product);
  let prism: RunningPrism;

  beforeAll(async () => {
    prism = await startPrism({ document: product });
  });
  afterAll(async () => {
    await prism?.stop();
  });

  const send = (path: string, headers: Record<string, string>, body: string): Promise<Response> =>
    fetch(`${prism.url}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body,
      signal: AbortSignal.timeout(10_000),
    });

  it("describes exactly the documented operations", () => {
    expect(operations.map((operation) => operation.operationId).sort()).toEqual(
      [...expectedOperationIds[product]].sort(),
    );
  });

  describe.each(operations)("$operationId ($path)", (operation) => {
    const schema = responseSchemaFor(product, operation.successSchemaName);
    const exampleBody = JSON.stringify(operation.exampleRequest);

    it("answers the example request with a body that matches the contract", async () => {
      const response = await send(operation.path, operation.securityHeaders, exampleBody);
      expect(response.status).toBe(200);
      const parsed = schema.safeParse(await response.json());
      expect(parsed.error?.issues ?? []).toEqual([]);
    });

    it("invents only data that matches the contract in dynamic mode", async () => {
      for (let sample = 0; sample < dynamicSamples; sample++) {
        const response = await send(
          operation.path,
          { ...operation.securityHeaders, prefer: "dynamic=true" },
          exampleBody,
        );
        expect(response.status).toBe(200);
        const body: unknown = await response.json();
        const parsed = schema.safeParse(body);
        expect(parsed.error?.issues ?? [], JSON.stringify(body)).toEqual([]);
      }
    });

    it("refuses a request with a field outside the contract", async () => {
      const body = JSON.stringify({ ...operation.exampleRequest, unexpectedField: true });
      const response = await send(operation.path, operation.securityHeaders, body);
      expect(response.status).toBe(422);
      const problem = (await response.json()) as { validation?: { message: string }[] };
      expect(problem.validation?.map((entry) => entry.message).join("\n")).toContain(
        "unexpectedField",
      );
    });

    it("refuses a request that lacks a required field", async () => {
      // Drop the first required field, or everything when the body is a union of shapes.
      const [required] = operation.requiredFields;
      const incomplete = Object.fromEntries(
        Object.entries(operation.exampleRequest).filter(
          ([field]) => required !== undefined && field !== required,
        ),
      );
      const response = await send(
        operation.path,
        operation.securityHeaders,
        JSON.stringify(incomplete),
      );
      expect(response.status).toBe(422);
    });

    if (Object.keys(operation.securityHeaders).length > 0) {
      it("refuses a request without credentials", async () => {
        const response = await send(operation.path, {}, exampleBody);
        expect(response.status).toBe(401);
      });
    }
  });

  describe.runIf(product === "rsp")("the RSP forms the docs show, and those they do not", () => {
    const pathOf = (operationId: string) => {
      const operation = operations.find((entry) => entry.operationId === operationId);
      if (operation === undefined) throw new Error(`no operation ${operationId}`);
      return operation;
    };
    const status = async (operationId: string, body: unknown) => {
      const { path, securityHeaders } = pathOf(operationId);
      return (await send(path, securityHeaders, JSON.stringify(body))).status;
    };
    const record = {
      iccid: "89860468152080349618",
      imsi: "460048867619618",
      ki: "6BE2053E8580B135CD43443380DB7111",
    };
    const config = { configName: "templateRegular01" };

    it("accepts opc: null, configName in a batch record, multiImsiDataList and ara on v2", async () => {
      expect(await status("generateAc", { ...config, ...record, opc: null })).toBe(200);
      expect(
        await status("generateAcByBatch", {
          ...config,
          metaDatas: [{ ...config, ...record, opc: null }],
        }),
      ).toBe(200);
      const multiImsiDataList = [
        { imsi: "260060000019709", plmnList: [{ plmn: "26006", rat: "4000" }] },
      ];
      expect(await status("generateAc", { ...config, ...record, multiImsiDataList })).toBe(200);
      expect(await status("generateAcV2", { ...config, ...record, ara: "E2A0" })).toBe(200);
    });

    it("refuses msisdn, a numeric string for an integer, and ara on v1", async () => {
      expect(await status("generateAc", { ...config, ...record, msisdn: "8613912345678" })).toBe(
        422,
      );
      expect(await status("listConfigs", { pageParam: { pageNum: "1", pageSize: 10 } })).toBe(422);
      expect(await status("generateAc", { ...config, ...record, ara: "E2A0" })).toBe(422);
    });
  });

  it("answers malformed JSON with 400 instead of hanging", async () => {
    const [operation] = operations;
    if (operation === undefined) throw new Error("no operation");
    const response = await send(operation.path, operation.securityHeaders, '{"configName":');
    expect(response.status).toBe(400);
  });
});
