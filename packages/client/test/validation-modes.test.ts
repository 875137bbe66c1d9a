// The three validation modes over HTTP, and requests that break the contract, which never
// leave the client.
import { afterEach, describe, expect, it } from "vitest";
import type { ValidationMode } from "../src/answers/response-validation.ts";
import { createRspClient } from "../src/clients/rsp-client.ts";
import { SimlesslyInvalidRequestError } from "../src/errors/invalid-request-error.ts";
import { SimlesslyInvalidResponseError } from "../src/errors/invalid-response-error.ts";
import { rspValidator } from "../src/validation.ts";
import { createCaptureLogger } from "./support/capture-logger.ts";
import { type Behaviour, localServers, rspSuccess } from "./support/local-server.ts";

const servers = localServers();
afterEach(() => servers.closeAll());
const serve = servers.serve;

const credentials = { accessKey: "ak", secretKey: "secret-key-for-tests" };
const iccid = "89860468152080349618";

describe("validation modes", () => {
  const withExtra: Behaviour = rspSuccess({ iccid, status: "Available", colour: "blue" });

  const detail = async (validation: ValidationMode | undefined, withValidator = true) => {
    const server = await serve([withExtra]);
    const log = createCaptureLogger();
    const client = createRspClient({
      baseUrl: server.url,
      ...credentials,
      ...(withValidator ? { validator: rspValidator } : {}),
      ...(validation === undefined ? {} : { validation }),
      logger: log,
    });
    const outcome = await client.getProfileDetail({ iccid }).catch((caught: unknown) => caught);
    return { outcome, warnings: log.entries.filter((entry) => entry.level === "warn") };
  };

  it("lenient (the default) passes an unknown field through and reports it", async () => {
    const { outcome, warnings } = await detail(undefined);
    expect(outcome).toEqual({ iccid, status: "Available", colour: "blue" });
    expect(warnings.map((entry) => entry.details?.fields)).toEqual([["obj.colour"]]);
  });

  it("strict refuses an unknown field", async () => {
    const { outcome } = await detail("strict");
    expect(outcome).toBeInstanceOf(SimlesslyInvalidResponseError);
    expect(outcome).toMatchObject({
      reason: "schema",
      envelopeSuccess: true,
      issues: [{ path: "obj.colour", code: "unknown-key" }],
    });
  });

  it("off checks nothing", async () => {
    const { outcome, warnings } = await detail("off");
    expect(outcome).toMatchObject({ colour: "blue" });
    expect(warnings).toEqual([]);
  });

  it("checks nothing without a validator", async () => {
    const { outcome, warnings } = await detail("strict", false);
    expect(outcome).toMatchObject({ colour: "blue" });
    expect(warnings).toEqual([]);
  });

  it("lenient refuses a field of the wrong type", async () => {
    const server = await serve([rspSuccess({ iccid: 42, status: "Available" })]);
    const client = createRspClient({
      baseUrl: server.url,
      ...credentials,
      validator: rspValidator,
    });
    const error = await client.getProfileDetail({ iccid }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      reason: "schema",
      issues: [{ path: "obj.iccid", code: "invalid_type" }],
    });
  });
});

describe("requests that break the contract", () => {
  const badKi = {
    configName: "templateRegular01",
    metaDatas: [{ iccid, imsi: "460048867619618", ki: "not hex at all, and secret" }],
  };

  it("are sent as they are under lenient validation: the server judges them", async () => {
    const server = await serve([rspSuccess({ batchCode: "B1" })]);
    const client = createRspClient({
      baseUrl: server.url,
      ...credentials,
      validator: rspValidator,
    });
    await expect(client.generateAcByBatch(badKi)).resolves.toEqual({ batchCode: "B1" });
    expect(server.requests).toHaveLength(1);
  });

  it("are refused before sending under strict validation when the schema says so", async () => {
    const server = await serve([rspSuccess({ batchCode: "B1" })]);
    const client = createRspClient({
      baseUrl: server.url,
      ...credentials,
      validator: rspValidator,
      validation: "strict",
    });
    const error = await client.generateAcByBatch(badKi).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SimlesslyInvalidRequestError);
    expect(error).toMatchObject({
      attempts: 0,
      issues: [{ path: "metaDatas[0].ki", code: "invalid_format" }],
    });
    expect(server.requests).toHaveLength(0);
  });

  it("are refused before sending when a batch is over its limit, even without a validator", async () => {
    const server = await serve([rspSuccess({ batchCode: "B1" })]);
    const client = createRspClient({ baseUrl: server.url, ...credentials });
    const metaDatas = Array.from({ length: 201 }, (_, index) => ({
      iccid: `898604681520803${String(index).padStart(5, "0")}`,
      imsi: "460048867619618",
      ki: "6BE2053E8580B135CD43443380DB7111",
    }));
    const error = await client
      .generateAcByBatch({ configName: "templateRegular01", metaDatas })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ issues: [{ path: "metaDatas", code: "batch-size" }] });
    expect(server.requests).toHaveLength(0);
  });

  it("are refused before sending when the body cannot be written as JSON", async () => {
    const server = await serve([rspSuccess({})]);
    const client = createRspClient({ baseUrl: server.url, ...credentials });
    const error = await client
      .getProfileDetail({ iccid: 1n } as unknown as { iccid: string })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SimlesslyInvalidRequestError);
    expect(error).toMatchObject({ issues: [{ code: "not-serializable" }] });
    expect(server.requests).toHaveLength(0);
  });
});
