// parity.ts must make `pnpm typecheck` fail when a zod schema and the openapi-typescript
// type disagree. This renders a fixture document that uses every supported keyword through
// the real pipeline (openapi-typescript, the zod emitter, the parity emitter), compiles it
// with the repository's compiler options, and then breaks one schema at a time.
import { mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { asOpenApiDocument } from "@simlessly/codegen";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderDocument } from "../scripts/generate.ts";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const strict = (properties: Record<string, unknown>, required: string[]) => ({
  type: "object",
  additionalProperties: false,
  properties,
  required,
});

// One schema per keyword and form of spec/README.md.
const fixture = {
  openapi: "3.1.0",
  info: { title: "parity fixture", version: "1" },
  paths: {},
  components: {
    schemas: {
      Text: { type: "string", pattern: "^[a-z]+$", minLength: 1, maxLength: 8, description: "d" },
      Count: { type: "integer", format: "int32", minimum: 0, maximum: 10 },
      Big: { type: "integer", format: "int64" },
      Ratio: { type: "number", minimum: 0, maximum: 1 },
      Flag: { type: "boolean" },
      Nothing: { type: "null" },
      MaybeText: { type: ["string", "null"], maxLength: 3 },
      Mixed: { type: ["integer", "string", "null"], minimum: 0, maxLength: 2 },
      List: { type: "array", items: ref("Text"), minItems: 1, maxItems: 5 },
      Anything: { title: "any JSON value" },
      Fixed: { type: "boolean", const: false },
      Status: { type: "integer", format: "int32", const: 200, minimum: 200, maximum: 200 },
      Color: { type: "string", enum: ["red", "green"] },
      Level: { type: "integer", enum: [1, 2, 3] },
      MaybeColor: { type: ["string", "null"], enum: ["red", null] },
      Named: {
        type: "integer",
        oneOf: [
          { const: 7, title: "SEVEN" },
          { const: 9, title: "NINE" },
        ],
      },
      Bounded: {
        type: "integer",
        maximum: 100,
        anyOf: [ref("Count"), { type: "integer", minimum: 50 }],
      },
      Record: strict(
        {
          text: ref("Text"),
          count: { ...ref("Count"), description: "how many", "x-secret": true },
          list: { type: "array", items: strict({ flag: ref("Flag") }, ["flag"]) },
          maybe: ref("MaybeText"),
          nested: strict({ inner: { type: ["boolean", "null"] } }, []),
        },
        ["text", "list", "maybe"],
      ),
      Success: strict({ success: { type: "boolean", const: true }, obj: ref("Record") }, [
        "success",
        "obj",
      ]),
      Failure: strict({ success: { type: "boolean", const: false }, msg: ref("Text") }, [
        "success",
      ]),
      Envelope: { oneOf: [ref("Success"), ref("Failure")] },
      Either: { anyOf: [ref("Text"), ref("Count")] },
      Mode: { type: "integer", enum: [1], default: 1 },
      Request: strict(
        {
          mode: ref("Mode"),
          requiredMode: ref("Mode"),
          flag: { type: "boolean", default: false },
          name: { type: "string", default: "x" },
        },
        ["requiredMode"],
      ),
      EmptyStrict: {
        type: "object",
        additionalProperties: false,
        properties: { only: ref("Flag") },
      },
    },
  },
};

let dir: string;
let files: Record<string, string>;

async function renderInto(document: object): Promise<Record<string, string>> {
  const rendered = await renderDocument(asOpenApiDocument(document), "parity fixture");
  for (const name of ["types.ts", "schemas.ts", "parity.ts"]) {
    await writeFile(join(dir, name), rendered[name] ?? "");
  }
  return rendered;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "contract-parity-"));
  // The modules import "zod"; resolve it from this package, as ES modules.
  await symlink(join(packageDir, "node_modules"), join(dir, "node_modules"));
  await writeFile(join(dir, "package.json"), '{ "type": "module" }\n');
  files = await renderInto(fixture);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Compiles parity.ts with this package's compiler options; returns `file: source line`. */
function compileErrors(): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(
    join(packageDir, "tsconfig.json"),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
      },
    },
  );
  if (config === undefined) throw new Error("cannot read tsconfig.json");
  const program = ts.createProgram([join(dir, "parity.ts")], { ...config.options, noEmit: true });
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const file = diagnostic.file;
    if (file === undefined || diagnostic.start === undefined) {
      return ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n");
    }
    const line = file.text.split("\n")[file.getLineAndCharacterOfPosition(diagnostic.start).line];
    return `${file.fileName.slice(dir.length + 1)}: ${line?.trim()}`;
  });
}

async function compileWithSchemas(schemas: string): Promise<string[]> {
  await writeFile(join(dir, "schemas.ts"), schemas);
  return compileErrors();
}

describe("parity.ts", () => {
  it("compiles: every supported keyword gives the same type as openapi-typescript", async () => {
    expect(await compileWithSchemas(files["schemas.ts"] ?? "")).toEqual([]);
  });

  it("checks the schemas without defaults exactly and those with defaults by direction", () => {
    const parity = files["parity.ts"] ?? "";
    expect(parity).toContain('Assert<Same<z.input<typeof schemas.Record>, Spec["Record"]>>');
    expect(parity).toContain('Assert<Extends<Spec["Request"], z.input<typeof schemas.Request>>>');
    expect(parity).toContain('Assert<Extends<z.output<typeof schemas.Request>, Spec["Request"]>>');
  });

  // Each change is valid zod; only its type disagrees with the spec.
  it.each([
    {
      name: "an optional key that accepts undefined",
      find: "count: z.exactOptional(Count),",
      replace: "count: z.optional(Count),",
      schema: "Record",
    },
    {
      name: "a required key made optional",
      find: "text: Text,",
      replace: "text: z.exactOptional(Text),",
      schema: "Record",
    },
    {
      name: "an optional key made required",
      find: "count: z.exactOptional(Count),",
      replace: "count: Count,",
      schema: "Record",
    },
    {
      name: "a loose object",
      find: "export const Record = z.strictObject(",
      replace: "export const Record = z.looseObject(",
      schema: "Record",
    },
    {
      name: "a different value type",
      find: "export const Flag = z.boolean();",
      replace: "export const Flag = z.string();",
      schema: "Flag",
    },
    {
      name: "a lost nullable",
      find: "export const MaybeText = z.string().check(maxCodePoints(3)).nullable();",
      replace: "export const MaybeText = z.string().check(maxCodePoints(3));",
      schema: "MaybeText",
    },
    {
      name: "a different enum",
      find: 'z.enum(["red", "green"])',
      replace: 'z.enum(["red", "blue"])',
      schema: "Color",
    },
    {
      name: "a missing union branch",
      find: 'z.discriminatedUnion("success", [Success, Failure])',
      replace: 'z.discriminatedUnion("success", [Success])',
      schema: "Envelope",
    },
    {
      name: "a default that changes the output type",
      find: 'name: z.string().default("x"),',
      replace: "name: z.number().default(1),",
      schema: "Request",
    },
  ])("fails for $name", async ({ find, replace, schema }) => {
    const schemas = files["schemas.ts"] ?? "";
    expect(schemas).toContain(find);
    const errors = await compileWithSchemas(schemas.replace(find, replace));
    expect(errors.length).toBeGreaterThan(0);
    for (const error of errors) expect(error).toMatch(/^parity\.ts: Assert</);
    expect(errors.some((error) => error.includes(`typeof schemas.${schema}>`))).toBe(true);
  });

  it("fails for an object without additionalProperties: false (a known gap, see README)", async () => {
    const loose = structuredClone(fixture);
    loose.components.schemas.EmptyStrict = {
      type: "object",
      properties: { only: ref("Flag") },
    } as never;
    const rendered = await renderInto(loose);
    expect(rendered["schemas.ts"]).toContain("export const EmptyStrict = z.looseObject(");
    const errors = await compileErrors();
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((error) => error.includes("schemas.EmptyStrict>"))).toBe(true);
    await renderInto(fixture);
  });
});
