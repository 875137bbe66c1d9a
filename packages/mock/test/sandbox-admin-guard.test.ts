// The /__sandbox/ endpoints cannot be driven by a web page: a cross-site request (a "simple"
// text/plain POST, with the page's Origin), a request addressed to another host name (what a
// DNS-rebinding page sends) and a request without `x-sandbox-admin: 1` are refused before
// anything changes, and a CORS preflight gets no allowance. Sent with node:http, which lets a
// test set Host and Origin the way a browser would.
import { request } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { createSandbox, type Sandbox, type SandboxOptions } from "../src/index.ts";
import { createTestClients } from "./sandbox-clients.ts";
import { simRecord } from "./sandbox-fixtures.ts";

const S = 21;
const T = Date.UTC(2027, 0, 1);
const tenYearsMs = 10 * 365 * 86_400_000;
const admin = { "x-sandbox-admin": "1" };
const json = { "content-type": "application/json" };
const foreignOrigin = { origin: "http://pages.example" };

const running: Sandbox[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((sandbox) => sandbox.stop()));
});

/** A sandbox on a fixed clock, holding one profile. */
async function start(options: SandboxOptions = {}) {
  const sandbox = await createSandbox({ env: {}, batchDelayMs: 0, now: () => T, ...options });
  running.push(sandbox);
  const clients = createTestClients({
    rspUrl: sandbox.url,
    eimUrl: sandbox.url,
    cmpUrl: sandbox.url,
    credentials: sandbox.credentials,
    now: () => T,
  });
  const generated = await clients.rsp.call("generateAc", {
    configName: "templateRegular01",
    ...simRecord(S, 1),
  });
  expect(generated.body).toMatchObject({ success: true });
  return sandbox;
}

interface Answer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: unknown;
}

/** One request with exactly these headers (Host defaults to the sandbox's). */
function send(
  sandbox: Sandbox,
  method: string,
  path: string,
  headers: Readonly<Record<string, string>>,
  body?: string,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      `${sandbox.url}${path}`,
      {
        method,
        headers: {
          ...headers,
          ...(body === undefined ? {} : { "content-length": String(Buffer.byteLength(body)) }),
        },
      },
      (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (part: string) => {
          text += part;
        });
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: text === "" ? undefined : JSON.parse(text),
          }),
        );
      },
    );
    outgoing.on("error", reject);
    outgoing.end(body);
  });
}

/** The state as the admin API tells it to a proper caller. */
async function profilesAndClock(sandbox: Sandbox) {
  const state = await send(sandbox, "GET", "/__sandbox/state", admin);
  const clock = await send(
    sandbox,
    "POST",
    "/__sandbox/clock",
    { ...admin, ...json },
    '{"advanceMs":0}',
  );
  expect(state.status).toBe(200);
  expect(clock.status).toBe(200);
  return {
    profiles: (state.body as { profiles: number }).profiles,
    now: (clock.body as { now: number }).now,
  };
}

const resetBody = "{}";
const clockBody = JSON.stringify({ advanceMs: tenYearsMs });

describe("a cross-site request to the admin endpoints", () => {
  it.each([
    { name: "without x-sandbox-admin", headers: foreignOrigin },
    { name: "with x-sandbox-admin", headers: { ...foreignOrigin, ...admin } },
  ])(
    "is refused for a text/plain POST from another Origin, $name, and changes nothing",
    async ({ headers }) => {
      const sandbox = await start();
      const textPlain = { ...headers, "content-type": "text/plain" };
      const reset = await send(sandbox, "POST", "/__sandbox/reset", textPlain, resetBody);
      const clock = await send(sandbox, "POST", "/__sandbox/clock", textPlain, clockBody);
      expect(reset.status).toBe(403);
      expect(clock.status).toBe(403);
      expect(await profilesAndClock(sandbox)).toEqual({ profiles: 1, now: T });
    },
  );

  it("is refused from another Origin even as JSON with the header", async () => {
    const sandbox = await start();
    const headers = { ...foreignOrigin, ...admin, ...json };
    expect((await send(sandbox, "POST", "/__sandbox/reset", headers, resetBody)).status).toBe(403);
    expect((await send(sandbox, "POST", "/__sandbox/clock", headers, clockBody)).status).toBe(403);
    const nullOrigin = { ...admin, ...json, origin: "null" };
    expect((await send(sandbox, "POST", "/__sandbox/reset", nullOrigin, resetBody)).status).toBe(
      403,
    );
    expect(await profilesAndClock(sandbox)).toEqual({ profiles: 1, now: T });
  });

  it("is refused when addressed to another host name, and accepted at every loopback name of the sandbox", async () => {
    const sandbox = await start();
    const rebound = { ...admin, ...json, host: `pages.example:${sandbox.port}` };
    expect((await send(sandbox, "POST", "/__sandbox/reset", rebound, resetBody)).status).toBe(403);
    expect((await send(sandbox, "POST", "/__sandbox/clock", rebound, clockBody)).status).toBe(403);
    expect((await send(sandbox, "GET", "/__sandbox/state", rebound)).status).toBe(403);
    const otherPort = { ...admin, host: `127.0.0.1:${sandbox.port + 1}` };
    expect((await send(sandbox, "GET", "/__sandbox/state", otherPort)).status).toBe(403);
    expect(await profilesAndClock(sandbox)).toEqual({ profiles: 1, now: T });

    for (const name of ["127.0.0.1", "localhost", "LOCALHOST", "[::1]"]) {
      const host = `${name}:${sandbox.port}`;
      const own = await send(sandbox, "GET", "/__sandbox/state", { ...admin, host });
      expect(own.status, host).toBe(200);
    }
    const ownOrigin = { ...admin, ...json, origin: sandbox.url };
    expect((await send(sandbox, "POST", "/__sandbox/reset", ownOrigin, resetBody)).status).toBe(
      200,
    );
    expect((await profilesAndClock(sandbox)).profiles).toBe(0);
  });

  it("is refused without x-sandbox-admin, whatever its type, and changes nothing", async () => {
    const sandbox = await start();
    const textPlain = { "content-type": "text/plain" };
    expect((await send(sandbox, "POST", "/__sandbox/reset", textPlain, resetBody)).status).toBe(
      403,
    );
    expect((await send(sandbox, "POST", "/__sandbox/clock", textPlain, clockBody)).status).toBe(
      403,
    );
    expect((await send(sandbox, "POST", "/__sandbox/reset", json, resetBody)).status).toBe(403);
    expect((await send(sandbox, "POST", "/__sandbox/reset", {})).status).toBe(403);
    const wrongValue = { "x-sandbox-admin": "yes", ...json };
    expect((await send(sandbox, "POST", "/__sandbox/clock", wrongValue, clockBody)).status).toBe(
      403,
    );
    const read = await send(sandbox, "GET", "/__sandbox/state", {});
    expect(read.status).toBe(403);
    expect(read.body).toEqual({
      error: "admin requests must carry the header x-sandbox-admin: 1",
    });
    expect(await profilesAndClock(sandbox)).toEqual({ profiles: 1, now: T });
  });

  it("is refused with 415 for a body not declared as JSON, even with the header", async () => {
    const sandbox = await start();
    const form = { ...admin, "content-type": "application/x-www-form-urlencoded" };
    expect((await send(sandbox, "POST", "/__sandbox/clock", form, clockBody)).status).toBe(415);
    const textPlain = { ...admin, "content-type": "text/plain" };
    expect((await send(sandbox, "POST", "/__sandbox/reset", textPlain, resetBody)).status).toBe(
      415,
    );
    expect(await profilesAndClock(sandbox)).toEqual({ profiles: 1, now: T });
  });
});

describe("a CORS preflight", () => {
  it.each(["/__sandbox/reset", "/__sandbox/clock", "/__sandbox/state"])(
    "to %s is refused with 403 and no CORS allowance",
    async (path) => {
      const sandbox = await start();
      const preflight = await send(sandbox, "OPTIONS", path, {
        ...foreignOrigin,
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type,x-sandbox-admin",
      });
      expect(preflight.status).toBe(403);
      const allowances = Object.keys(preflight.headers).filter((name) =>
        name.startsWith("access-control-"),
      );
      expect(allowances).toEqual([]);
      expect(await profilesAndClock(sandbox)).toEqual({ profiles: 1, now: T });
    },
  );
});
