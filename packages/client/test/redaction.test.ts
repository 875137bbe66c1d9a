// Known Ki, OPc, secret keys, tokens and activation codes go through success and failure
// paths with the logger at debug; afterwards none of them appears in any log entry, nor in any
// error's message, stack, JSON.stringify or util.inspect.
import { inspect } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { createCmpClient } from "../src/clients/cmp-client.ts";
import { createEimClient } from "../src/clients/eim-client.ts";
import { createRspClient } from "../src/clients/rsp-client.ts";
import { eimValidator, rspValidator } from "../src/validation.ts";
import { createCaptureLogger } from "./support/capture-logger.ts";
import { type LocalServer, rspSuccess, startLocalServer } from "./support/local-server.ts";

const secrets = {
  ki: "6BE2053E8580B135CD43443380DB7111",
  opc: "85304194B0D2A2F92847F1594529F6AA",
  puk1: "13572468",
  adm1: "80614927",
  rspSecretKey: "rsp-SECRET-9f8e7d6c5b4a3928",
  eimSecretKey: "eim-ACKEY-0a1b2c3d4e5f6071",
  eimToken: "eimTOKEN81db993c3bdb45ecb9ac",
  clientSecret: "Z9y8X7w6V5u4T3s2R1q0P9o8N7m6L5k4",
  cmpToken: "cmpTOKENc2a4e6f8091b3d5f7a9c",
  matchingId: "SECRETMATCHINGID42XYZ",
  importedAc: "1$rsp-eu.simlessly.com$IMPORTEDAC7788991",
  upp: "A05A8001SECRETUPP0123456789ABCDEF",
};
// A PIN is too short to scrub wherever it occurs (its digits may be part of an ICCID), so it
// is hidden as a word: it must not appear as one.
const pin1 = "4711";
const activationCode = `1$rsp-eu.simlessly.com$${secrets.matchingId}`;
const acLink = `https://static.simlessly.com/simlessly/QR/${secrets.matchingId}.png`;
const iccid = "89860468152080349618";
const imsi = "460048867619618";

const log = createCaptureLogger();
const errors: unknown[] = [];
const servers: LocalServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
});

async function serve(script: Parameters<typeof startLocalServer>[0]): Promise<LocalServer> {
  const server = await startLocalServer(script);
  servers.push(server);
  return server;
}

async function capture(promise: Promise<unknown>): Promise<void> {
  try {
    await promise;
  } catch (error) {
    errors.push(error);
  }
}

const logging = { logger: log, logLevel: "debug" as const, retry: { baseDelayMs: 1 } };

describe("secrets through the RSP client", () => {
  it("go through success, refusal, unknown outcome, invalid request and invalid answer", async () => {
    const server = await serve([
      rspSuccess({ iccid, activationCode, acLink }),
      {
        json: {
          success: false,
          code: "E1",
          msg: `ki ${secrets.ki} and opc ${secrets.opc.toLowerCase()} refused, pin1 ${pin1} invalid`,
        },
      },
      { status: 500, text: `upstream said ${secrets.ki}` },
      rspSuccess({
        batchTaskInfo: { batchCode: "B1" },
        results: [{ iccid, success: true, activationCode }],
      }),
    ]);
    const client = createRspClient({
      baseUrl: server.url,
      accessKey: "ak",
      secretKey: secrets.rspSecretKey,
      validator: rspValidator,
      validation: "strict",
      ...logging,
    });
    const record = {
      configName: "templateRegular01",
      iccid,
      imsi,
      ki: secrets.ki,
      opc: secrets.opc,
      puk1: secrets.puk1,
      adm1: secrets.adm1,
      pin1,
      needAcLink: true,
    };
    await capture(client.generateAc(record));
    await capture(client.generateAc(record));
    await capture(
      client.generateAcByBatch({
        configName: "templateRegular01",
        metaDatas: [{ iccid, imsi, ki: secrets.ki, opc: secrets.opc }],
      }),
    );
    await capture(client.generateAc({ ...record, ki: `${secrets.ki}XYZ-not-hex` }));
    await capture(client.getBatchInfo({ batchCode: "B1" }));
    await capture(client.updateProfileByUpp({ iccid, imsi, upp: secrets.upp }));

    // The values really travelled: the server got them.
    const received = server.requests.map((request) => request.body.toString("utf8")).join("\n");
    expect(received).toContain(secrets.ki);
    expect(received).toContain(secrets.opc);
    expect(errors.length).toBeGreaterThanOrEqual(4);
  });
});

describe("secrets through the eIM client", () => {
  it("go through success and refusal", async () => {
    const server = await serve([
      { json: { status: 200, success: true, msg: "", obj: { batchId: 1 } } },
      { json: { status: 700, success: false, msg: `token ${secrets.eimToken} expired`, obj: 2 } },
    ]);
    const client = createEimClient({
      baseUrl: server.url,
      publicKey: "pk",
      secretKey: secrets.eimSecretKey,
      token: secrets.eimToken,
      validator: eimValidator,
      ...logging,
    });
    const body = { acInfos: [{ iccid, ac: secrets.importedAc, apn: "internet" }] };
    await capture(client.batchImportAc(body));
    await capture(client.batchImportAc(body));
    expect(server.requests[0]?.headers.authorization).toBe(secrets.eimToken);
  });
});

describe("secrets through the CMP client", () => {
  it("go through the token, its renewal and a refusal", async () => {
    const token = { token: secrets.cmpToken, tokenType: "Bearer", expireIn: "3600" };
    const server = await serve([
      { json: token },
      { status: 401, text: `bad token ${secrets.cmpToken}` },
      { json: token },
      { status: 403, json: { message: `client ${secrets.clientSecret} not allowed` } },
    ]);
    const client = createCmpClient({
      baseUrl: server.url,
      clientId: "A1b2C3d4E5f6A7b8C9d0E1f2A3b4C5d6",
      clientSecret: secrets.clientSecret,
      ...logging,
    });
    await capture(client.getDeviceSimsDetail({ iccidList: [iccid] }));
    expect(server.requests[1]?.headers.authorization).toBe(`Bearer ${secrets.cmpToken}`);
  });
});

describe("afterwards", () => {
  const everything = () =>
    [
      log.text(),
      ...errors.flatMap((error) => [
        String(error),
        (error as Error).stack ?? "",
        JSON.stringify(error),
        inspect(error, { depth: null }),
        inspect({ wrapped: error }, { depth: null }),
      ]),
    ].join("\n");

  it("logged requests and answers at debug level", () => {
    expect(log.entries.filter((entry) => entry.level === "debug").length).toBeGreaterThan(8);
    expect(log.text()).toContain("[hidden]");
  });

  it.each(Object.entries(secrets))("finds %s nowhere", (_name, value) => {
    const text = everything();
    expect(text).not.toContain(value);
    expect(text.toLowerCase()).not.toContain(value.toLowerCase());
  });

  it("finds the PIN nowhere as a word, though the server echoed it", () => {
    expect(everything()).not.toMatch(new RegExp(`(?<![0-9A-Za-z])${pin1}(?![0-9A-Za-z])`));
    expect(everything()).toContain("pin1 [hidden] invalid");
  });

  it("finds the activation code and its link nowhere", () => {
    expect(everything()).not.toContain(activationCode);
    expect(everything()).not.toContain(acLink);
  });

  it("still names operations and ICCIDs", () => {
    expect(everything()).toContain("generateAcByBatch");
    expect(everything()).toContain(iccid);
  });
});
