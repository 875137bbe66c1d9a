// Every example in every bundled document must validate against its own schema, checked
// with Ajv (JSON Schema 2020-12) independently of the generated zod schemas.
import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";

type Node = { [key: string]: unknown };

const products = ["rsp", "eim", "cmp"] as const;

interface ExampleCase {
  readonly where: string;
  readonly schema: Node;
  readonly value: unknown;
}

function collectExamples(document: Node): ExampleCase[] {
  const cases: ExampleCase[] = [];
  const visit = (node: unknown, where: string) => {
    if (node === null || typeof node !== "object") return;
    if (Array.isArray(node)) {
      for (const [index, item] of node.entries()) visit(item, `${where}/${index}`);
      return;
    }
    const object = node as Node;
    // A media type object: a schema with named examples.
    if (object.schema !== undefined && object.examples !== undefined) {
      for (const [name, example] of Object.entries(object.examples as Node)) {
        cases.push({
          where: `${where}/examples/${name}`,
          schema: object.schema as Node,
          value: (example as Node).value,
        });
      }
    }
    for (const [key, child] of Object.entries(object)) visit(child, `${where}/${key}`);
  };
  visit(document.paths, "#/paths");
  visit(document.webhooks, "#/webhooks");
  visit(document.components, "#/components");
  return cases;
}

describe.each(products)("the examples of the %s document", (product) => {
  const document = JSON.parse(
    readFileSync(new URL(`../dist/${product}.json`, import.meta.url), "utf8"),
  ) as Node;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  ajv.addKeyword("x-secret");
  ajv.addKeyword("x-inferred");
  const root = { $id: "doc", components: document.components };
  ajv.addSchema(root);
  const cases = collectExamples(document);

  it("exist", () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  it.each(cases)("$where is valid", ({ schema, value }) => {
    // Local references point into the document's components, registered under the id "doc".
    const rebased = JSON.parse(
      JSON.stringify(schema).replaceAll('"#/components/', '"doc#/components/'),
    );
    const validate = ajv.compile(rebased);
    expect(validate(value), ajv.errorsText(validate.errors)).toBe(true);
  });
});
