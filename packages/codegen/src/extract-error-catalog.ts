// The eIM error codes (Appendix 4) and batch result reasons (Appendix 5) live in the spec as
// schemas; this turns them into data, so the catalog has one source.
import { childPointer } from "./json-pointer.ts";
import { isJsonObject, type OpenApiDocument } from "./openapi-document.ts";

/** One documented error code. */
export interface ErrorCodeInfo {
  readonly code: number;
  /** A stable SCREAMING_SNAKE_CASE name (the branch's `title`). */
  readonly name: string;
  /** The platform's own message (the branch's `description`). */
  readonly message: string;
}

/** The error codes and the batch result reasons of a document. */
export interface ErrorCatalog {
  readonly codes: readonly ErrorCodeInfo[];
  readonly batchReasons: readonly string[];
}

/** Which named schemas hold the catalog. */
export interface ErrorCatalogSchemas {
  /** A `oneOf` of `{const, title, description}`. */
  readonly codes: string;
  /** A string `enum`. */
  readonly reasons: string;
}

const eimCatalogSchemas: ErrorCatalogSchemas = {
  codes: "EimErrorCode",
  reasons: "EimBatchResultReason",
};

/** Reads the catalog; null when the document has neither schema (RSP, CMP). */
export function extractErrorCatalog(
  document: OpenApiDocument,
  names: ErrorCatalogSchemas = eimCatalogSchemas,
): ErrorCatalog | null {
  const schemas = document.components?.schemas ?? {};
  const codesSchema = schemas[names.codes];
  const reasonsSchema = schemas[names.reasons];
  if (codesSchema === undefined && reasonsSchema === undefined) return null;
  const codesPointer = childPointer("#/components/schemas", names.codes);
  const reasonsPointer = childPointer("#/components/schemas", names.reasons);
  if (!isJsonObject(codesSchema) || !Array.isArray(codesSchema.oneOf)) {
    throw new Error(`${codesPointer}: expected a oneOf of {const, title, description}.`);
  }
  if (!isJsonObject(reasonsSchema) || !Array.isArray(reasonsSchema.enum)) {
    throw new Error(`${reasonsPointer}: expected a string enum.`);
  }

  const codes = codesSchema.oneOf.map((branch: unknown, index: number): ErrorCodeInfo => {
    const at = childPointer(codesPointer, "oneOf", index);
    if (
      !isJsonObject(branch) ||
      !Number.isInteger(branch.const) ||
      typeof branch.title !== "string" ||
      !/^[A-Z][A-Z0-9_]*$/.test(branch.title) ||
      typeof branch.description !== "string"
    ) {
      throw new Error(`${at}: expected {const: <integer>, title: <NAME>, description: <message>}.`);
    }
    return { code: branch.const as number, name: branch.title, message: branch.description };
  });
  for (const key of ["code", "name"] as const) {
    const values = codes.map((entry) => entry[key]);
    const duplicate = values.find((value, index) => values.indexOf(value) !== index);
    if (duplicate !== undefined)
      throw new Error(`${codesPointer}: ${key} ${duplicate} appears twice.`);
  }

  const batchReasons = reasonsSchema.enum;
  if (!batchReasons.every((reason) => typeof reason === "string")) {
    throw new Error(`${reasonsPointer}/enum: expected strings.`);
  }
  if (new Set(batchReasons).size !== batchReasons.length) {
    throw new Error(`${reasonsPointer}/enum: a reason appears twice.`);
  }
  return { codes, batchReasons };
}
