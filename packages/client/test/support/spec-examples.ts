// Reads each operation's request and response examples from the bundled contract documents,
// so the Prism tests drive every operation with the spec's own data.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

/** The three products. */
export type Product = "rsp" | "eim" | "cmp";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** One operation with its examples. */
export interface OperationExamples {
  readonly operationId: string;
  /** The first request example. */
  readonly request: JsonObject;
  /** The 200 answer's examples by name, in document order. */
  readonly responses: ReadonlyMap<string, Json>;
}

const require = createRequire(import.meta.url);

function asObject(node: Json | undefined): JsonObject {
  if (node === null || typeof node !== "object" || Array.isArray(node)) {
    throw new Error(`expected an object, got ${JSON.stringify(node)}`);
  }
  return node;
}

/** Lists a product's operations with their examples. */
export function operationExamples(product: Product): OperationExamples[] {
  const document = asObject(
    JSON.parse(readFileSync(require.resolve(`@simlessly/spec/${product}.json`), "utf8")),
  );
  const resolve = (node: Json | undefined): JsonObject => {
    const object = asObject(node);
    const ref = object.$ref;
    if (typeof ref !== "string") return object;
    let target: Json | undefined = document;
    for (const segment of ref.replace(/^#\//, "").split("/")) {
      target = asObject(target)[segment.replaceAll("~1", "/").replaceAll("~0", "~")];
    }
    return resolve(target);
  };
  const examplesOf = (media: JsonObject) =>
    new Map(
      Object.entries(asObject(media.examples ?? {})).map(
        ([name, example]) => [name, resolve(example).value ?? null] as const,
      ),
    );
  const found: OperationExamples[] = [];
  for (const pathItem of Object.values(asObject(document.paths))) {
    for (const rawOperation of Object.values(asObject(pathItem))) {
      const operation = asObject(rawOperation);
      const requestMedia = resolve(
        asObject(resolve(operation.requestBody).content)["application/json"],
      );
      const responseMedia = resolve(
        asObject(resolve(asObject(operation.responses)["200"]).content)["application/json"],
      );
      const [firstRequest] = examplesOf(requestMedia).values();
      found.push({
        operationId: String(operation.operationId),
        request: asObject(firstRequest ?? null),
        responses: examplesOf(responseMedia),
      });
    }
  }
  return found;
}
