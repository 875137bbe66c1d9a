// Each schema rule in both directions, for a value the user sends (request) and one the
// platform sends (answer): the same schema sits in the request body and the answer.
import { describe, expect, it } from "vitest";
import type { Level } from "../../scripts/gate/change.ts";
import { classify } from "../../scripts/gate/classify.ts";
import { documentWith } from "./fixture.ts";

const object = (properties: object, required: string[] = []) => ({
  type: "object",
  properties,
  required,
});
const field = (schema: object) => object({ v: schema });

interface Row {
  readonly rule: string;
  readonly before: object;
  readonly after: object;
  /** Levels for before → after and for after → before. */
  readonly request: readonly [Level, Level];
  readonly answer: readonly [Level, Level];
}

const rows: Row[] = [
  {
    rule: "field removed / optional field added",
    before: object({ a: {}, b: {} }),
    after: object({ a: {} }),
    request: ["breaking", "minor"],
    answer: ["breaking", "minor"],
  },
  {
    rule: "field newly required / no longer required",
    before: object({ a: {} }),
    after: object({ a: {} }, ["a"]),
    request: ["breaking", "minor"],
    answer: ["minor", "breaking"],
  },
  {
    rule: "required field added / removed",
    before: object({}),
    after: object({ a: {} }, ["a"]),
    request: ["breaking", "breaking"],
    answer: ["minor", "breaking"],
  },
  {
    rule: "enum value removed / added",
    before: field({ type: "string", enum: ["A", "B"] }),
    after: field({ type: "string", enum: ["A"] }),
    request: ["breaking", "minor"],
    answer: ["breaking", "breaking"],
  },
  {
    rule: "enum introduced / dropped",
    before: field({ type: "string" }),
    after: field({ type: "string", enum: ["A"] }),
    request: ["breaking", "minor"],
    answer: ["minor", "breaking"],
  },
  {
    rule: "const changed",
    before: field({ const: true }),
    after: field({ const: false }),
    request: ["breaking", "breaking"],
    answer: ["breaking", "breaking"],
  },
  {
    rule: "type narrowed / widened",
    before: field({ type: ["string", "null"] }),
    after: field({ type: "string" }),
    request: ["breaking", "minor"],
    answer: ["minor", "breaking"],
  },
  {
    rule: "number narrowed to integer / widened",
    before: field({ type: "number" }),
    after: field({ type: "integer" }),
    request: ["breaking", "minor"],
    answer: ["minor", "breaking"],
  },
  {
    rule: "type replaced",
    before: field({ type: "integer" }),
    after: field({ type: "string" }),
    request: ["breaking", "breaking"],
    answer: ["breaking", "breaking"],
  },
  {
    rule: "maxLength lowered / raised",
    before: field({ type: "string", maxLength: 10 }),
    after: field({ type: "string", maxLength: 5 }),
    request: ["breaking", "minor"],
    answer: ["minor", "breaking"],
  },
  {
    rule: "maximum added / removed",
    before: field({ type: "integer" }),
    after: field({ type: "integer", maximum: 100 }),
    request: ["breaking", "minor"],
    answer: ["minor", "breaking"],
  },
  {
    rule: "minLength raised / lowered",
    before: field({ type: "string", minLength: 1 }),
    after: field({ type: "string", minLength: 2 }),
    request: ["breaking", "minor"],
    answer: ["minor", "breaking"],
  },
  {
    rule: "maxItems lowered / raised",
    before: field({ type: "array", items: {}, maxItems: 64 }),
    after: field({ type: "array", items: {}, maxItems: 16 }),
    request: ["breaking", "minor"],
    answer: ["minor", "breaking"],
  },
  {
    rule: "pattern added / removed",
    before: field({ type: "string" }),
    after: field({ type: "string", pattern: "^[0-9]+$" }),
    request: ["breaking", "minor"],
    answer: ["minor", "breaking"],
  },
  {
    rule: "pattern changed",
    before: field({ type: "string", pattern: "^[0-9]+$" }),
    after: field({ type: "string", pattern: "^[0-9A-F]+$" }),
    request: ["breaking", "breaking"],
    answer: ["breaking", "breaking"],
  },
  {
    rule: "additionalProperties closed / opened",
    before: object({ a: {} }),
    after: { ...object({ a: {} }), additionalProperties: false },
    request: ["breaking", "minor"],
    answer: ["minor", "minor"],
  },
  {
    rule: "item type narrowed / widened",
    before: field({ type: "array", items: { type: ["string", "integer"] } }),
    after: field({ type: "array", items: { type: "string" } }),
    request: ["breaking", "minor"],
    answer: ["minor", "breaking"],
  },
  {
    rule: "anyOf branch removed / added",
    before: field({ anyOf: [{ type: "string", enum: ["A"] }, { type: "string" }] }),
    after: field({ anyOf: [{ type: "string", enum: ["A"] }] }),
    request: ["breaking", "minor"],
    answer: ["breaking", "breaking"],
  },
  {
    rule: "single schema became a union / the other way",
    before: field({ type: "string" }),
    after: field({ anyOf: [{ type: "string" }, { type: "integer" }] }),
    request: ["breaking", "breaking"],
    answer: ["breaking", "breaking"],
  },
];

/** The largest level among the changes found in the request (or the answer). */
function levelOf(before: object, after: object, part: "request" | "answer"): Level | undefined {
  const changes = classify({ rsp: documentWith(before) }, { rsp: documentWith(after) });
  const order: Level[] = ["breaking", "minor", "patch"];
  const levels = changes
    .filter((change) => change.where.includes(` ${part} `))
    .map((change) => change.level);
  return order.find((level) => levels.includes(level));
}

describe.each(rows)("$rule", ({ before, after, request, answer }) => {
  it("in a request", () => {
    expect([levelOf(before, after, "request"), levelOf(after, before, "request")]).toEqual(request);
  });
  it("in an answer", () => {
    expect([levelOf(before, after, "answer"), levelOf(after, before, "answer")]).toEqual(answer);
  });
});

it("finds no change between equal schemas", () => {
  const schema = object({ a: { type: "string", maxLength: 3 } }, ["a"]);
  expect(
    classify({ rsp: documentWith(schema) }, { rsp: documentWith(structuredClone(schema)) }),
  ).toEqual([]);
});

it("follows recursive schemas to an end", () => {
  const recursive = (extra: object) => ({
    openapi: "3.1.0",
    paths: {
      "/x": {
        post: {
          operationId: "x",
          responses: {
            "200": {
              content: { "application/json": { schema: { $ref: "#/components/schemas/Node" } } },
            },
          },
        },
      },
    },
    components: {
      schemas: {
        Node: {
          type: "object",
          properties: { child: { $ref: "#/components/schemas/Node" }, ...extra },
        },
      },
    },
  });
  const changes = classify({ rsp: recursive({ name: {} }) }, { rsp: recursive({}) });
  expect(changes).toEqual([
    {
      level: "breaking",
      where: "rsp POST /x answer 200 application/json.name",
      what: "field removed",
    },
  ]);
});
