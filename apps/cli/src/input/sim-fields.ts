import { rspSchemas } from "@simlessly/contract";

// The batch's configuration is --config-name's, sent once per batch as the docs' field table
// says; the per-record `configName` of the docs' example is not read from the input.
const notFromInput = new Set(["configName"]);

/** The fields of one SIM record, in the contract's order (`AcMetadata`), as inputs give them. */
export const simFieldNames: readonly string[] = Object.keys(rspSchemas.AcMetadata.shape).filter(
  (name) => !notFromInput.has(name),
);

/** The fields a record must have: those the contract reports missing from an empty record. */
export const requiredSimFields: readonly string[] = (() => {
  const result = rspSchemas.AcMetadata.safeParse({});
  const missing = new Set(result.error?.issues.map((issue) => issue.path[0]) ?? []);
  return simFieldNames.filter((name) => missing.has(name));
})();

// Other spellings read as a contract field: public clients send `msisdn` where the docs say
// `msidn` (design decision: inputs accept either).
const aliases: Readonly<Record<string, string>> = { msisdn: "msidn" };

const byLowerCase = new Map<string, string>([
  ...simFieldNames.map((name) => [name.toLowerCase(), name] as const),
  ...Object.entries(aliases),
]);

/** The contract's name for a column or key, matched ignoring case and surrounding spaces. */
export function canonicalFieldName(name: string): string | undefined {
  return byLowerCase.get(name.trim().toLowerCase());
}

/** The required fields that `columns` (contract names) leaves out. */
export function missingRequiredFields(columns: readonly string[]): string[] {
  return requiredSimFields.filter((name) => !columns.includes(name));
}

/** Splits an `impu` CSV cell into identities (separated by spaces; URIs hold none). */
export function splitImpuCell(cell: string): string[] {
  return cell.split(/\s+/).filter((part) => part !== "");
}
