// The built declarations as a consumer's compiler reads them: the oldest TypeScript the
// packages support (the `typescript-minimum` devDependency, named in the README's
// Requirements), `skipLibCheck: false` so that every .d.ts a consumer reaches is checked,
// strict, module nodenext. Two consumers, because the declarations must need neither: a Node
// project on @types/node without the DOM lib, and a browser/worker project on the DOM lib
// without @types/node.
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, realpath, rm, symlink, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const execFileAsync = promisify(execFile);
const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const minimumDir = dirname(require.resolve("typescript-minimum/package.json"));
const minimumVersion = (require("typescript-minimum/package.json") as { version: string }).version;

// Every public entry point with the calls a team makes, so that generic types get instantiated.
const app = `
import {
  createCmpClient,
  createEimClient,
  createRspClient,
  SimlesslyApiError,
  SimlesslyConnectionError,
  SimlesslyError,
  SimlesslyTimeoutError,
  SimlesslyUnknownOutcomeError,
  type RspData,
} from "@simlessly/client";
import { cmpValidator, eimValidator, rspValidator } from "@simlessly/client/validation";
import { parseWebhook, SimlesslyWebhookError, verifyWebhook } from "@simlessly/client/webhooks";
import { bytesToSign, signRequest, verifySignedRequest } from "@simlessly/signing";
import { type SigningVectorFile, vectorBodyBytes } from "@simlessly/signing/vectors";

export async function generate(baseUrl: string): Promise<string | undefined> {
  const rsp = createRspClient({ baseUrl, accessKey: "k", secretKey: "s", validator: rspValidator });
  try {
    const data: RspData<"generateAcByBatch"> = await rsp.generateAcByBatch({
      configName: "templateRegular01",
      metaDatas: [{ iccid: "89860468152080349618", imsi: "460048867619618", ki: "6BE2053E8580B135CD43443380DB7111" }],
    });
    for await (const page of rsp.listConfigsPages({ pageSize: 100 })) console.log(page.configs);
    return data.batchCode;
  } catch (error) {
    if (error instanceof SimlesslyUnknownOutcomeError) console.log(error.reason, error.iccids);
    else if (error instanceof SimlesslyApiError) console.log(error.httpStatus, error.code);
    else if (error instanceof SimlesslyTimeoutError) console.log(error.scope);
    else if (error instanceof SimlesslyConnectionError) console.log(error.sent);
    if (error instanceof SimlesslyError) console.log(error.operationId, error.attempts);
    throw error;
  }
}

export async function receive(body: Uint8Array, headers: Record<string, string | string[] | undefined>): Promise<string> {
  try {
    await verifyWebhook({ body, headers, secretKey: "s", replayStore: { seen: async () => false } });
    const webhook = parseWebhook(body);
    if (webhook.kind === "profileStatus") return webhook.payload.notificationStatus.status;
    if (webhook.kind === "eim") return String(webhook.payload.resultDtoitems.length);
    return webhook.payload.status;
  } catch (error) {
    if (error instanceof SimlesslyWebhookError) return error.reason;
    throw error;
  }
}

export const eim = createEimClient({ publicKey: "p", secretKey: "s", token: "t", validator: eimValidator });
export const cmp = createCmpClient({ clientId: "c", clientSecret: "s", validator: cmpValidator });

export async function sign(file: SigningVectorFile): Promise<boolean> {
  const body = '{"imsi":"326543826"}';
  const headers = await signRequest({ scheme: "rsp", key: "k", secret: "s", timestamp: 1, requestId: "r", body });
  const verdict = await verifySignedRequest({ scheme: "rsp", headers, body, secretForKey: () => "s" });
  const vector = file.vectors[0];
  const bytes: Uint8Array = bytesToSign("rsp", { key: "k", timestamp: "1", requestId: "r" }, body);
  return verdict.ok && bytes.byteLength > 0 && (vector === undefined || vectorBodyBytes(vector).byteLength >= 0);
}
`;

// The mock is for tests, which run on Node: only the Node consumer imports it.
const nodeTests = `
import { startPrism } from "@simlessly/mock";
import { generate } from "./app.js";

const prism = await startPrism({ document: "rsp" });
try {
  console.log(await generate(prism.url));
} finally {
  await prism.stop();
}
`;

const compilerOptions = {
  strict: true,
  module: "nodenext",
  moduleResolution: "nodenext",
  target: "es2022",
  skipLibCheck: false,
  noEmit: true,
};

const consumers = {
  node: { lib: ["es2022"], types: ["node"], files: ["app.ts", "node-tests.ts"] },
  web: { lib: ["es2022", "dom"], types: [], files: ["app.ts"] },
} as const;

/** Runs the minimum tsc; resolves with its output, whether or not it found errors. */
async function typeCheck(cwd: string, project: string): Promise<{ code: number; output: string }> {
  const tsc = join(minimumDir, "bin", "tsc");
  try {
    const { stdout } = await execFileAsync(
      process.execPath,
      [tsc, "-p", project, "--pretty", "false"],
      { cwd, timeout: 120_000 },
    );
    return { code: 0, output: stdout };
  } catch (error) {
    const { code, stdout, stderr } = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof code === "number" ? code : -1, output: `${stdout ?? ""}${stderr ?? ""}` };
  }
}

describe(`the built declarations under TypeScript ${minimumVersion}`, () => {
  let consumer: string;
  const results: Partial<Record<keyof typeof consumers, { code: number; output: string }>> = {};

  beforeAll(async () => {
    // Outside the workspace, with the packages linked in as a package manager would: the
    // compiler follows the links, so each package's own dependencies resolve from it.
    consumer = await mkdtemp(join(tmpdir(), "simlessly-consumer-"));
    await mkdir(join(consumer, "node_modules", "@simlessly"), { recursive: true });
    await mkdir(join(consumer, "node_modules", "@types"));
    const links: Record<string, string> = {
      "@simlessly/client": packageDir,
      "@simlessly/signing": await realpath(join(packageDir, "node_modules/@simlessly/signing")),
      "@simlessly/mock": await realpath(join(packageDir, "node_modules/@simlessly/mock")),
      "@types/node": await realpath(join(packageDir, "node_modules/@types/node")),
    };
    for (const [name, target] of Object.entries(links)) {
      await symlink(target, join(consumer, "node_modules", name), "dir");
    }
    await writeFile(join(consumer, "package.json"), JSON.stringify({ type: "module" }));
    await writeFile(join(consumer, "app.ts"), app);
    await writeFile(join(consumer, "node-tests.ts"), nodeTests);
    for (const [name, { lib, types, files }] of Object.entries(consumers)) {
      await writeFile(
        join(consumer, `tsconfig.${name}.json`),
        JSON.stringify({ compilerOptions: { ...compilerOptions, lib, types }, files }),
      );
    }
    // The two compilers run side by side: each takes several seconds over zod's declarations.
    await Promise.all(
      Object.keys(consumers).map(async (name) => {
        results[name as keyof typeof consumers] = await typeCheck(
          consumer,
          `tsconfig.${name}.json`,
        );
      }),
    );
  }, 180_000);

  afterAll(async () => {
    if (consumer !== undefined) await rm(consumer, { recursive: true, force: true });
  });

  it("is the version the README names", async () => {
    const readme = await readFile(join(packageDir, "README.md"), "utf8");
    const section = /^## Requirements\n([\s\S]*?)^## /m.exec(readme)?.[1] ?? "";
    const [major, minor] = minimumVersion.split(".");
    expect(section).toContain(`TypeScript ${major}.${minor} or newer`);
  });

  it.each(Object.keys(consumers))("pass the type check of a %s consumer", (name) => {
    const result = results[name as keyof typeof consumers];
    expect(result?.output.trim()).toBe("");
    expect(result?.code).toBe(0);
  });
});
