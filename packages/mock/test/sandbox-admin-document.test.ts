// spec/sandbox-admin.yaml, the OpenAPI document of the `/__sandbox/` endpoints, against a
// running sandbox over loopback: it describes exactly the routes the admin router serves (read
// from the router's source and from its own 404 listing), every documented operation answers
// with the admin header (POSTs with the document's example), and the answers match the
// documented schemas. Schemas are checked with zod's JSON Schema reader, the validator library
// the contract's generated schemas use; a mutated answer is shown to fail, so that the check
// cannot pass by accepting anything.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fromJSONSchema, type ZodType } from "zod";
import { createSandbox, type Sandbox } from "../src/index.ts";
import { createTestClients } from "./sandbox-clients.ts";
import { startWebhookReceiver, type WebhookReceiver } from "./webhook-receiver.ts";

type Node = { [key: string]: unknown };

const document = JSON.parse(
  readFileSync(fileURLToPath(import.meta.resolve("@simlessly/spec/sandbox-admin.json")), "utf8"),
) as { paths: Record<string, Record<string, Node>>; components: { schemas: Node } };

/** A documented operation: `GET state`, as the router names its routes, and what to send. */
interface DocumentedOperation {
  readonly route: string;
  readonly method: string;
  readonly path: string;
  readonly operationId: string;
  readonly example: unknown;
  readonly okSchema: Node;
}

const prefix = "/__sandbox/";
const operations: DocumentedOperation[] = Object.entries(document.paths).flatMap(([path, item]) =>
  Object.entries(item).map(([method, operation]) => {
    const media = (operation.requestBody as Node | undefined)?.content as Node | undefined;
    const examples = (media?.["application/json"] as Node | undefined)?.examples as
      | Record<string, { value: unknown }>
      | undefined;
    const ok = (operation.responses as Record<string, Node>)["200"]?.content as Node;
    return {
      route: `${method.toUpperCase()} ${path.slice(prefix.length)}`,
      method: method.toUpperCase(),
      path,
      operationId: String(operation.operationId),
      example: examples === undefined ? undefined : Object.values(examples)[0]?.value,
      okSchema: (ok["application/json"] as Node).schema as Node,
    };
  }),
);

/** The zod form of a documented schema; its references point into the components. */
function validatorOf(schema: Node): ZodType {
  const text = JSON.stringify({ ...schema, $defs: document.components.schemas });
  return fromJSONSchema(JSON.parse(text.replaceAll('"#/components/schemas/', '"#/$defs/')));
}

/** The routes the admin router dispatches on: the `case "GET state":` labels of its switch. */
function routerRoutes(): string[] {
  const source = readFileSync(
    new URL("../src/sandbox/http/admin-routes.ts", import.meta.url),
    "utf8",
  );
  return [...source.matchAll(/case "([A-Z]+ [a-z-]+)":/g)].map((match) => match[1] ?? "");
}

describe("spec/sandbox-admin.yaml against a running sandbox", () => {
  let sandbox: Sandbox;
  let receiver: WebhookReceiver;

  const admin = async (method: string, path: string, body?: unknown, withHeader = true) => {
    const response = await fetch(`${sandbox.url}${path}`, {
      method,
      headers: {
        "content-type": "application/json",
        ...(withHeader ? { "x-sandbox-admin": "1" } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(10_000),
    });
    return { status: response.status, body: (await response.json()) as unknown };
  };

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    sandbox = await createSandbox({ env: {}, batchDelayMs: 0, webhookUrl: receiver.url });
    // Something in every listing: the profile the device-event example names (generated with
    // `msisdn`, a tolerated form, so that the request log holds a warning), a finished batch,
    // a device event with its webhook, and a batch end status other than the default.
    const clients = createTestClients({
      rspUrl: sandbox.url,
      eimUrl: sandbox.url,
      cmpUrl: sandbox.url,
      credentials: sandbox.credentials,
    });
    const deviceEvent = operations.find((operation) => operation.route === "POST device-events");
    if (deviceEvent === undefined) throw new Error("POST device-events is not documented");
    const { iccid } = deviceEvent.example as { iccid: string };
    const sim = { iccid, imsi: "460048867619618", ki: "6BE2053E8580B135CD43443380DB7111" };
    const config = { configName: "templateRegular01" };
    await clients.rsp.call("generateAc", { ...config, ...sim, msisdn: "8613912345678" } as never);
    await clients.rsp.call("generateAcByBatch", {
      ...config,
      metaDatas: [{ ...sim, iccid: "89860468152080349619" }],
    });
    expect((await admin("POST", `${prefix}device-events`, deviceEvent.example)).status).toBe(200);
    await receiver.waitFor(1);
    // The delivery is listed once its answer is in, a moment after the receiver has it.
    for (let tries = 0; tries < 100; tries++) {
      const listing = (await admin("GET", `${prefix}webhooks`)).body as { deliveries: unknown[] };
      if (listing.deliveries.length > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect((await admin("POST", `${prefix}batch-end-status`, { status: "FAILED" })).status).toBe(
      200,
    );
  });

  afterAll(async () => {
    await sandbox?.stop();
    await receiver?.close();
  });

  it("describes exactly the routes the admin router serves", () => {
    const served = routerRoutes();
    expect(served.length).toBeGreaterThan(0);
    expect(operations.map((operation) => operation.route).sort()).toEqual(served.sort());
  });

  it("describes every endpoint the sandbox lists for an unknown admin path", async () => {
    const answer = await admin("GET", `${prefix}no-such-endpoint`);
    expect(answer.status).toBe(404);
    const listed = ((answer.body as { endpoints: string[] }).endpoints ?? []).flatMap((line) => {
      const [methods = "", path = ""] = line.split(" ");
      const name = path.split("?")[0]?.slice(prefix.length);
      return methods.split("|").map((method) => `${method} ${name}`);
    });
    expect(listed.sort()).toEqual(operations.map((operation) => operation.route).sort());
  });

  describe.each(operations.filter((operation) => operation.method === "GET"))(
    "$route ($operationId)",
    (operation) => {
      it("answers 200 with a body the documented schema accepts", async () => {
        const answer = await admin("GET", operation.path);
        expect(answer.status).toBe(200);
        const parsed = validatorOf(operation.okSchema).safeParse(answer.body);
        expect(parsed.error?.issues ?? [], JSON.stringify(answer.body)).toEqual([]);
      });
    },
  );

  it("holds something in every GET answer checked above", async () => {
    const lengths = await Promise.all(
      ["profiles", "webhooks", "requests"].map(async (name) => {
        const body = (await admin("GET", `${prefix}${name}`)).body as Record<string, unknown[]>;
        return (body.profiles ?? body.deliveries ?? body.requests ?? []).length;
      }),
    );
    expect(lengths.every((length) => length > 0)).toBe(true);
    const requests = (await admin("GET", `${prefix}requests`)).body as {
      requests: { warnings: unknown[] }[];
    };
    expect(requests.requests.some((entry) => entry.warnings.length > 0)).toBe(true);
  });

  it("refuses an answer that breaks the documented schema", async () => {
    const profiles = operations.find((operation) => operation.route === "GET profiles");
    const state = operations.find((operation) => operation.route === "GET state");
    if (profiles === undefined || state === undefined) throw new Error("undocumented");
    const listing = (await admin("GET", profiles.path)).body as { profiles: Node[] };
    const [first] = listing.profiles;
    const wrongStatus = { ...listing, profiles: [{ ...first, status: "Lost" }] };
    expect(validatorOf(profiles.okSchema).safeParse(wrongStatus).success).toBe(false);
    const summary = (await admin("GET", state.path)).body as Node;
    expect(validatorOf(state.okSchema).safeParse({ ...summary, extra: 1 }).success).toBe(false);
    const { cmpTokens: _, ...incomplete } = summary;
    expect(validatorOf(state.okSchema).safeParse(incomplete).success).toBe(false);
  });

  // A reset empties what the GET checks read: it goes last.
  const answering = [...operations].sort(
    (a, b) => Number(a.route === "POST reset") - Number(b.route === "POST reset"),
  );
  it.each(answering)(
    "answers $route with the admin header (POST with its example) and refuses it without",
    async (operation) => {
      expect((await admin(operation.method, operation.path, operation.example, false)).status).toBe(
        403,
      );
      const answer = await admin(operation.method, operation.path, operation.example);
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      const parsed = validatorOf(operation.okSchema).safeParse(answer.body);
      expect(parsed.error?.issues ?? [], JSON.stringify(answer.body)).toEqual([]);
    },
  );

  it("answers 404 for a method the document does not give a documented path", async () => {
    for (const path of Object.keys(document.paths)) {
      const documented = Object.keys(document.paths[path] ?? {}).map((m) => m.toUpperCase());
      for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"]) {
        if (documented.includes(method)) continue;
        const body = method === "GET" ? undefined : {};
        expect((await admin(method, path, body)).status, `${method} ${path}`).toBe(404);
      }
    }
  });
});
