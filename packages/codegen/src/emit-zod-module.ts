// Writes the zod module of a document: one exported schema per named schema, declared in
// dependency order, so that `schemas.GenerateAcRequest.parse(body)` checks exactly what
// the spec says.
import { dependencyOrder } from "./dependency-order.ts";
import { docComment } from "./doc-comment.ts";
import { emitZodSchema, type ZodEmitContext, type ZodHelper } from "./emit-zod-schema.ts";
import { generatedHeader } from "./generated-header.ts";
import { childPointer } from "./json-pointer.ts";
import { namedSchemas, type OpenApiDocument } from "./openapi-document.ts";

/** Options of {@link emitZodModule}. */
export interface EmitZodModuleOptions {
  /** The document's name in the do-not-edit header, e.g. `spec/dist/rsp.json`. */
  readonly source?: string;
  /**
   * The module exporting openapi-typescript's `components`. Only needed when schemas
   * reference each other in a cycle: TypeScript cannot infer such a `const`'s type, so it
   * is annotated with the spec type.
   */
  readonly typesModule?: string;
}

const identifier = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
// Names a schema cannot take: reserved words and the module's own bindings.
const reservedNames: ReadonlySet<string> = new Set([
  "z",
  "minCodePoints",
  "maxCodePoints",
  "codePointCount",
  ...(
    "break case catch class const continue debugger default delete do else enum export extends " +
    "false finally for function if import in instanceof new null return super switch this throw " +
    "true try typeof var void while with let static yield await implements interface package " +
    "private protected public arguments eval undefined NaN Infinity"
  ).split(" "),
]);

const helperSource: Record<ZodHelper, string> = {
  minCodePoints: `const minCodePoints = (min: number) =>
  z.refine<string>((value) => codePointCount(value) >= min, \`Too short: expected at least \${min} characters\`);`,
  maxCodePoints: `const maxCodePoints = (max: number) =>
  z.refine<string>((value) => codePointCount(value) <= max, \`Too long: expected at most \${max} characters\`);`,
};

const codePointCountSource = [
  "// JSON Schema counts minLength/maxLength in Unicode code points; zod's .min()/.max() count",
  "// UTF-16 code units, which differ for characters outside the BMP such as emoji.",
  "const codePointCount = (value: string): number => {",
  "  let count = 0;",
  "  for (const _ of value) count += 1;",
  "  return count;",
  "};",
].join("\n");

/** The TypeScript source of a module that exports a zod schema per named schema. */
export function emitZodModule(
  document: OpenApiDocument,
  options: EmitZodModuleOptions = {},
): string {
  const schemas = new Map(namedSchemas(document));
  for (const name of schemas.keys()) {
    if (!identifier.test(name) || reservedNames.has(name)) {
      throw new Error(
        `${childPointer("#/components/schemas", name)}: the name cannot be a TypeScript export; rename the schema.`,
      );
    }
  }
  const { order, cyclic } = dependencyOrder(document);
  if (cyclic.size > 0 && options.typesModule === undefined) {
    throw new Error(
      `Schemas ${[...cyclic].join(", ")} reference each other in a cycle; pass typesModule so they can be typed.`,
    );
  }

  const declared = new Set<string>();
  const context: ZodEmitContext = {
    document,
    isDeclared: (name) => declared.has(name),
    helpers: new Set<ZodHelper>(),
  };
  const declarations: string[] = [];
  for (const name of order) {
    const schema = schemas.get(name) ?? {};
    const expression = emitZodSchema(schema, childPointer("#/components/schemas", name), context);
    // On a cycle the type comes from the spec (z.ZodType<Output, Input>); parity then holds
    // by construction in one direction only, which tsc checks at this annotation.
    const specType = `components["schemas"][${JSON.stringify(name)}]`;
    const annotation = cyclic.has(name) ? `: z.ZodType<${specType}, ${specType}>` : "";
    declarations.push(`${docComment(schema)}export const ${name}${annotation} = ${expression};`);
    declared.add(name);
  }

  const preamble = [
    generatedHeader(options.source ?? "an OpenAPI document"),
    'import { z } from "zod";',
  ];
  if (cyclic.size > 0) {
    preamble.push(`import type { components } from ${JSON.stringify(options.typesModule)};`);
  }
  const helpers = [...context.helpers].sort();
  const helperBlock =
    helpers.length === 0
      ? []
      : [[codePointCountSource, ...helpers.map((h) => helperSource[h])].join("\n")];
  return `${[preamble.join("\n"), ...helperBlock, ...declarations].join("\n\n")}\n`;
}
