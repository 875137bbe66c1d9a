import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, expectTypeOf, it } from "vitest";
import * as nodeEntry from "./index.node.ts";
import * as webEntry from "./index.ts";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const built = existsSync(new URL("../dist/index.node.js", import.meta.url));

const demo = {
  scheme: "rsp",
  key: "11111",
  secret: "1111",
  timestamp: 1628670421,
  requestId: "4ce9d9cdac9e4e17b3a2c66c358c1ce2",
  body: '{"imsi":"326543826"}',
} as const;
const demoSignature = "7EB765E27DF5373DEA2DBC8C41A7D9557743E46C8054750F3D851B3FD01D0835";

describe("the two entry points", () => {
  it("export the same names", () => {
    expect(Object.keys(nodeEntry).sort()).toEqual(Object.keys(webEntry).sort());
  });

  it("export the same types, so one declaration file serves both", () => {
    expectTypeOf<typeof nodeEntry>().toEqualTypeOf<typeof webEntry>();
  });

  it.each([
    ["web", webEntry],
    ["node", nodeEntry],
  ] as const)("sign the RSP demo from the %s entry", async (_, entry) => {
    await expect(entry.signRequest(demo)).resolves.toMatchObject({ Signature: demoSignature });
  });
});

/** Source files reachable from `entry` through relative imports. */
function moduleGraph(entry: string, seen = new Map<string, string>()): Map<string, string> {
  const url = new URL(entry, import.meta.url);
  if (seen.has(url.href)) return seen;
  const source = readFileSync(url, "utf8");
  seen.set(url.href, source);
  for (const [, specifier] of source.matchAll(/from "(\.[^"]+)"/g)) {
    if (specifier !== undefined) moduleGraph(new URL(specifier, url).href, seen);
  }
  return seen;
}

describe("the web entry's module graph", () => {
  const sources = [...moduleGraph("./index.ts").entries()];

  it("reaches every public module but node-hmac", () => {
    const files = sources.map(([href]) => href.slice(href.lastIndexOf("/") + 1));
    expect(files).toContain("web-crypto-hmac.ts");
    expect(files).not.toContain("node-hmac.ts");
  });

  it.each(
    sources.map(([href, source]) => ({ file: href.slice(href.lastIndexOf("/") + 1), source })),
  )("keeps $file free of Node built-ins and Node-only globals", ({ source }) => {
    expect(source).not.toMatch(/from "node:|\bBuffer\b|\bprocess\.|\brequire\(/);
  });
});

// Runs on the build output, which turbo builds before `test`; skipped in a bare checkout.
describe.skipIf(!built)("the published exports map", () => {
  function runNode(script: string): string {
    return execFileSync(process.execPath, ["--input-type=module", "-e", script], {
      cwd: packageDir,
      encoding: "utf8",
    }).trim();
  }

  it("resolves the package to dist/index.node.js under Node", () => {
    expect(runNode('console.log(import.meta.resolve("@simlessly/signing"))')).toMatch(
      /\/dist\/index\.node\.js$/,
    );
  });

  it("resolves the vectors subpaths", () => {
    const script = `
      import file from "@simlessly/signing/vectors.json" with { type: "json" };
      import { vectorBodyBytes } from "@simlessly/signing/vectors";
      console.log(file.vectors.length, vectorBodyBytes(file.vectors[0]).length);`;
    expect(runNode(script)).toBe("10 20");
  });

  it.each(["dist/index.js", "dist/index.node.js"])("runs %s and signs the RSP demo", (file) => {
    const script = `
      const { signRequest } = await import(${JSON.stringify(`./${file}`)});
      const headers = await signRequest(${JSON.stringify(demo)});
      console.log(headers.Signature);`;
    expect(runNode(script)).toBe(demoSignature);
  });
});
