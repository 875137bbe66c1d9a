// Compile-time proof that the zod schemas and the openapi-typescript types describe the same
// values. The module has no runtime code: `tsc` fails on the first schema that disagrees,
// and the failing line names it.
import { generatedHeader } from "./generated-header.ts";
import { namedSchemas, type OpenApiDocument } from "./openapi-document.ts";
import { schemasWithDefaults } from "./schemas-with-defaults.ts";

/** Options of {@link emitParityModule}. */
export interface EmitParityModuleOptions {
  /** The document's name in the do-not-edit header. */
  readonly source?: string;
  /** The module emitted by emitZodModule, relative to the parity module. */
  readonly schemasModule: string;
  /** The openapi-typescript module (exports `components`), relative to the parity module. */
  readonly typesModule: string;
}

const prelude = `/**
 * True only when A and B are the same type. The identity check alone does not tell \`k?: T\`
 * from \`k?: T | undefined\` (exactOptionalPropertyTypes), so assignability both ways is
 * checked as well.
 */
type Same<A, B> = [
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false,
  Extends<A, B>,
  Extends<B, A>,
] extends [true, true, true]
  ? true
  : false;
/** True when every A is a B. */
type Extends<A, B> = [A] extends [B] ? true : false;
/** Fails to compile unless T is true. */
type Assert<T extends true> = T;`;

/** The TypeScript source of the parity assertions for every named schema. */
export function emitParityModule(
  document: OpenApiDocument,
  options: EmitParityModuleOptions,
): string {
  const withDefaults = schemasWithDefaults(document);
  const exact: string[] = [];
  const directional: string[] = [];
  for (const [name] of namedSchemas(document)) {
    const spec = `Spec[${JSON.stringify(name)}]`;
    const zod = `typeof schemas.${name}`;
    if (withDefaults.has(name)) {
      directional.push(
        `  Assert<Extends<${spec}, z.input<${zod}>>>,`,
        `  Assert<Extends<z.output<${zod}>, ${spec}>>,`,
      );
    } else {
      exact.push(
        `  Assert<Same<z.input<${zod}>, ${spec}>>,`,
        `  Assert<Same<z.output<${zod}>, ${spec}>>,`,
      );
    }
  }
  return [
    generatedHeader(options.source ?? "an OpenAPI document"),
    'import type { z } from "zod";',
    `import type * as schemas from ${JSON.stringify(options.schemasModule)};`,
    `import type { components } from ${JSON.stringify(options.typesModule)};`,
    "",
    'type Spec = components["schemas"];',
    prelude,
    "",
    "/** Schemas without defaults: zod's input and output types are exactly the spec type. */",
    `export type ExactParity = [\n${exact.join("\n")}\n];`,
    "",
    "/**",
    " * Schemas with a default (inside them or in a schema they use): zod's input lets the key be",
    " * absent or `undefined` and its output always has it, while the spec type keeps it optional.",
    " * So every spec value must be a valid input, and every parsed output a valid spec value.",
    " */",
    `export type DefaultParity = [\n${directional.join("\n")}\n];`,
    "",
  ].join("\n");
}
