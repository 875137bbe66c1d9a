// Redirects against real loopback servers: a signed request is never sent to the address a
// redirect names. A redirect to a call that changes state is an unknown outcome (the server may
// have processed it first); to a read-only call, a refusal. Neither is ever retried.
import { inspect } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { createCmpClient } from "../src/clients/cmp-client.ts";
import { createEimClient } from "../src/clients/eim-client.ts";
import { createRspClient, type RspClientOptions } from "../src/clients/rsp-client.ts";
import { SimlesslyApiError } from "../src/errors/api-error.ts";
import { SimlesslyUnknownOutcomeError } from "../src/errors/unknown-outcome-error.ts";
import type { AttemptAnswer } from "../src/transport/attempt-hooks.ts";
import type { FetchLike } from "../src/transport/send-attempt.ts";
import { createCaptureLogger } from "./support/capture-logger.ts";
import {
  type LocalServer,
  localServers,
  type ReceivedRequest,
  requestIdOf,
  rspSuccess,
} from "./support/local-server.ts";

const servers = localServers();
afterEach(() => servers.closeAll());
const serve = servers.serve;

const secretKey = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
const iccids = ["89860468152080349618", "89860468152080349626"] as const;
const kis = ["6BE2053E8580B135CD43443380DB7111", "6BE2053E8580B135CD43443380DB7222"] as const;
const opcs = ["85304194B0D2A2F92847F1594529F6AA", "85304194B0D2A2F92847F1594529F6BB"] as const;
const batch = {
  configName: "templateRegular01",
  metaDatas: iccids.map((iccid, index) => ({
    iccid,
    imsi: `46004886761961${index}`,
    ki: kis[index] as string,
    opc: opcs[index] as string,
  })),
};
// A Location whose path and query must never show up anywhere.
const locationPath = "/stolen/path-7f3a?token=leaky-query-token-91c2";

function rsp(url: string, options: Partial<RspClientOptions> = {}) {
  return createRspClient({ baseUrl: url, accessKey: "ak", secretKey, ...options });
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (error: unknown) => error,
  );
}

/** A server that redirects every request to `target`, and the target that must stay unused. */
async function redirecting(status: number) {
  const target = await serve(() => rspSuccess({ batchCode: "B-elsewhere" }));
  const origin = await serve(() => ({
    status,
    headers: { location: `${target.url}${locationPath}` },
    text: `Redirecting to ${target.url}${locationPath}`,
  }));
  return { origin, target };
}

function headerOf(request: ReceivedRequest | undefined, name: string): string {
  const value = request?.headers[name];
  return Array.isArray(value) ? (value[0] ?? "") : (value ?? "");
}

/** Everything the error prints, in every form a program would print it. */
function printed(error: unknown): string {
  return [String((error as Error).message), JSON.stringify(error), inspect(error)].join("\n");
}

function expectNothingSecretIn(text: string, sent: ReceivedRequest | undefined) {
  for (const secret of [...kis, ...opcs, secretKey]) expect(text).not.toContain(secret);
  const signature = headerOf(sent, "signature");
  expect(signature).toMatch(/^[0-9A-F]{64}$/);
  expect(text).not.toContain(signature);
  expect(text).not.toContain("stolen");
  expect(text).not.toContain("leaky-query-token");
}

describe("a redirect to a call that changes state", () => {
  it.each([301, 302, 303, 307, 308])(
    "fails generateAcByBatch answered %i with an unknown outcome and sends nothing to the target",
    async (status) => {
      const { origin, target } = await redirecting(status);
      const logger = createCaptureLogger();
      const client = rsp(origin.url, { logger, logLevel: "debug" });
      const error = await failure(client.generateAcByBatch(batch));

      expect(target.requests).toHaveLength(0);
      expect(origin.requests).toHaveLength(1);
      expect(error).toBeInstanceOf(SimlesslyUnknownOutcomeError);
      expect(error).toMatchObject({
        operationId: "generateAcByBatch",
        reason: "redirect",
        httpStatus: status,
        redirectOrigin: target.url,
        iccids,
        attempts: 1,
        requestId: requestIdOf(origin.requests[0] as ReceivedRequest),
      });
      expect((error as Error).message).toContain(
        `generateAcByBatch answered HTTP ${status} redirecting to ${target.url}; not followed: signed requests are never sent to another address; it may or may not have taken effect`,
      );
      expect(JSON.parse(JSON.stringify(error))).toMatchObject({ redirectOrigin: target.url });
      expectNothingSecretIn(printed(error), origin.requests[0]);
      expectNothingSecretIn(logger.text(), origin.requests[0]);
    },
  );

  it("fails a call through raw the same way, even when the caller asks to follow", async () => {
    const { origin, target } = await redirecting(307);
    const client = rsp(origin.url);
    const error = await failure(
      client.raw.POST("/api/v1/ac/generateByBatch", { body: batch, redirect: "follow" }),
    );

    expect(target.requests).toHaveLength(0);
    expect(origin.requests).toHaveLength(1);
    expect(error).toBeInstanceOf(SimlesslyUnknownOutcomeError);
    expect(error).toMatchObject({
      operationId: "generateAcByBatch",
      reason: "redirect",
      httpStatus: 307,
      iccids,
    });
    expect((error as Error).message).toContain(
      `answered HTTP 307 redirecting to ${target.url}; not followed`,
    );
    expectNothingSecretIn(printed(error), origin.requests[0]);
  });

  it("fails a typed call that hooks watch the same way, and shows them the redirect", async () => {
    const { origin, target } = await redirecting(308);
    const answers: AttemptAnswer[] = [];
    const client = rsp(origin.url, {
      hooks: { afterAttempt: (answer) => void answers.push(answer) },
    });
    const error = await failure(client.generateAcByBatch(batch));

    expect(target.requests).toHaveLength(0);
    expect(origin.requests).toHaveLength(1);
    expect(error).toMatchObject({ reason: "redirect", httpStatus: 308, iccids });
    expect(answers).toMatchObject([{ status: 308, failure: "redirect", attempt: 1 }]);
  });

  it("fails an eIM call that changes state without sending its token elsewhere", async () => {
    const { origin, target } = await redirecting(307);
    const token = "eim-session-token-5d1e9a";
    const client = createEimClient({ baseUrl: origin.url, publicKey: "pk", secretKey, token });
    const error = await failure(
      client.batchImportAc({
        acInfos: [{ iccid: iccids[0], ac: "LPA:1$rsp.example$AC-1", apn: "internet" }],
      }),
    );

    expect(target.requests).toHaveLength(0);
    expect(error).toBeInstanceOf(SimlesslyUnknownOutcomeError);
    expect(error).toMatchObject({ reason: "redirect", httpStatus: 307, iccids: [iccids[0]] });
    expect(printed(error)).not.toContain(token);
  });

  it("says so when the redirect names no address", async () => {
    const server = await serve([{ status: 302, text: "" }]);
    const error = await failure(rsp(server.url).generateAcByBatch(batch));

    expect(error).toMatchObject({ reason: "redirect", httpStatus: 302, redirectOrigin: null });
    expect((error as Error).message).toContain("answered HTTP 302 redirecting elsewhere");
  });
});

describe("a redirect to a read-only call", () => {
  it.each([301, 302, 303, 307, 308])(
    "fails getBatchInfo answered %i with SimlesslyApiError, once, and sends nothing to the target",
    async (status) => {
      const { origin, target } = await redirecting(status);
      const client = rsp(origin.url);
      const error = await failure(client.getBatchInfo({ batchCode: "B1" }));

      expect(target.requests).toHaveLength(0);
      expect(origin.requests).toHaveLength(1);
      expect(error).toBeInstanceOf(SimlesslyApiError);
      expect(error).toMatchObject({
        operationId: "getBatchInfo",
        httpStatus: status,
        code: null,
        redirectOrigin: target.url,
        attempts: 1,
      });
      expect((error as Error).message).toMatch(
        new RegExp(
          `^getBatchInfo answered HTTP ${status} redirecting to ${target.url.replaceAll(".", "\\.")}; not followed: signed requests are never sent to another address \\[request `,
        ),
      );
      expectNothingSecretIn(printed(error), origin.requests[0]);
    },
  );

  it("fails a call through raw the same way", async () => {
    const { origin, target } = await redirecting(301);
    const client = rsp(origin.url);
    const error = await failure(
      client.raw.POST("/api/v1/batch/info", { body: { batchCode: "B1" } }),
    );

    expect(target.requests).toHaveLength(0);
    expect(origin.requests).toHaveLength(1);
    expect(error).toBeInstanceOf(SimlesslyApiError);
    expect(error).toMatchObject({ operationId: "getBatchInfo", httpStatus: 301 });
  });
});

describe("a redirect in a browser", () => {
  // What a browser hands back for `redirect: "manual"`: status 0, no headers, no body. The
  // request still crosses real HTTP; only the answer is reshaped as a browser would.
  const browserFetch: FetchLike = async (input, init) => {
    expect(init.redirect).toBe("manual");
    const response = await fetch(input, init);
    if (response.status < 300 || response.status > 399) return response;
    await response.body?.cancel();
    return Object.defineProperty(Response.error(), "type", { value: "opaqueredirect" });
  };

  it("fails a call that changes state with an unknown outcome naming no address", async () => {
    const { origin, target } = await redirecting(307);
    const error = await failure(rsp(origin.url, { fetch: browserFetch }).generateAcByBatch(batch));

    expect(target.requests).toHaveLength(0);
    expect(error).toBeInstanceOf(SimlesslyUnknownOutcomeError);
    expect(error).toMatchObject({
      reason: "redirect",
      httpStatus: 0,
      redirectOrigin: null,
      iccids,
    });
    expect((error as Error).message).toContain(
      "generateAcByBatch answered with a redirect the browser hides; not followed",
    );
  });

  it("fails a read-only call with SimlesslyApiError and sends it once", async () => {
    const { origin, target } = await redirecting(302);
    const client = rsp(origin.url, { fetch: browserFetch });
    const error = await failure(client.getBatchInfo({ batchCode: "B1" }));

    expect(target.requests).toHaveLength(0);
    expect(origin.requests).toHaveLength(1);
    expect(error).toBeInstanceOf(SimlesslyApiError);
    expect(error).toMatchObject({ httpStatus: 0, redirectOrigin: null, attempts: 1 });
  });
});

describe("a redirect of the CMP token call", () => {
  it("fails the call that needed the token and sends the client secret nowhere else", async () => {
    const clientSecret = "cmp-client-secret-3b7c0e";
    const target = await serve(() => ({ json: { token: "t", tokenType: "Bearer", expireIn: 60 } }));
    const origin: LocalServer = await serve(() => ({
      status: 307,
      headers: { location: `${target.url}${locationPath}` },
    }));
    const client = createCmpClient({ baseUrl: origin.url, clientId: "id", clientSecret });
    const error = await failure(client.getDeviceSimsDetail({ iccidList: [iccids[0]] }));

    expect(target.requests).toHaveLength(0);
    expect(origin.requests.map((request) => request.url)).toEqual(["/api/v1/external/oauth/token"]);
    expect(error).toBeInstanceOf(SimlesslyUnknownOutcomeError);
    expect(error).toMatchObject({
      operationId: "getAccessToken",
      reason: "redirect",
      httpStatus: 307,
      redirectOrigin: target.url,
    });
    const text = printed(error);
    expect(text).not.toContain(clientSecret);
    expect(text).not.toContain("leaky-query-token");
  });
});
