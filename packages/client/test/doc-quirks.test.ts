// The doc quirks of reference §4.2, over HTTP: absorbed by one normalization step before
// validation, so strict validation still passes and callers see one spelling.
import { afterEach, describe, expect, it } from "vitest";
import { createEimClient } from "../src/clients/eim-client.ts";
import { createRspClient } from "../src/clients/rsp-client.ts";
import { SimlesslyApiError } from "../src/errors/api-error.ts";
import { eimValidator, rspValidator } from "../src/validation.ts";
import { localServers } from "./support/local-server.ts";

const servers = localServers();
afterEach(() => servers.closeAll());
const serve = servers.serve;

const credentials = { accessKey: "ak", secretKey: "secret-key-for-tests" };
const iccid = "89860468152080349618";

describe("doc quirks", () => {
  it("reads keys with stray spaces, a trailing-space code and success as a string", async () => {
    const server = await serve([
      { json: { " success": "true", " code": "00000 ", " msg": " ", obj: { batchCode: "B1" } } },
    ]);
    const client = createRspClient({
      baseUrl: server.url,
      ...credentials,
      validator: rspValidator,
      validation: "strict",
    });
    await expect(
      client.generateAcByBatch({
        configName: "templateRegular01",
        metaDatas: [{ iccid, imsi: "460048867619618", ki: "6BE2053E8580B135CD43443380DB7111" }],
      }),
    ).resolves.toEqual({ batchCode: "B1" });
  });

  it("maps succeed/failed, result and errorReson, and string booleans in results", async () => {
    const quirky = {
      success: true,
      code: "00000",
      msg: "",
      obj: {
        batchTaskInfo: {
          batchCode: "B202303071234223",
          taskType: "GENERATE AC",
          status: "COMPLETE",
          total: 2,
          succeed: 1,
          failed: 1,
          createTime: "2022/08/30 11:00:23",
        },
        result: [
          {
            iccid,
            success: "false",
            errorReson: "ICCID [89860468152080349618] already existsById.",
          },
          {
            iccid: "89860468152080349626",
            success: true,
            activationCode: "1$rsp-eu.simlessly.com$ABC123",
          },
        ],
      },
    };
    const server = await serve([{ json: quirky }]);
    const client = createRspClient({
      baseUrl: server.url,
      ...credentials,
      validator: rspValidator,
      validation: "strict",
    });
    await expect(client.getBatchInfo({ batchCode: "B202303071234223" })).resolves.toEqual({
      batchTaskInfo: {
        batchCode: "B202303071234223",
        taskType: "GENERATE AC",
        status: "COMPLETE",
        total: 2,
        succeedNum: 1,
        failedNum: 1,
        createTime: "2022/08/30 11:00:23",
      },
      results: [
        { iccid, success: false, errorReason: "ICCID [89860468152080349618] already existsById." },
        quirky.obj.result[1],
      ],
    });
  });

  it('reads a failure sent with success "false" and keeps an unknown code verbatim', async () => {
    const server = await serve([{ json: { success: "false", code: "E9999 ", msg: "mystery" } }]);
    const client = createRspClient({ baseUrl: server.url, ...credentials });
    const error = await client.deleteProfile({ iccid }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SimlesslyApiError);
    expect(error).toMatchObject({ code: "E9999", serverMessage: "mystery", catalog: null });
  });

  it("reads an eIM status sent as a string, and a success without obj", async () => {
    const server = await serve([
      { json: { status: "200", success: true, msg: "" } },
      { json: { status: "123009", success: false, msg: "batch task not exist" } },
    ]);
    const client = createEimClient({
      baseUrl: server.url,
      publicKey: "pk",
      secretKey: "ackey-for-tests",
      token: "token-for-tests",
      validator: eimValidator,
      validation: "strict",
    });
    const allocation = { eid: "89049032000001000000000000000001", imei: "356938035643809", iccid };
    await expect(client.allocateAc(allocation)).resolves.toBeNull();
    const error = await client
      .getBatchTaskResult({ batchId: 7 })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      code: 123009,
      catalog: { known: true, name: "BATCH_TASK_NOT_FOUND" },
    });
  });
});
