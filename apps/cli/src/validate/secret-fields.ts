import { rspMetadata } from "@simlessly/contract";

// The contract marks secret fields (`x-secret`); the generated metadata lists them, so a new
// secret field is masked the day the spec marks it.
const secretNames = new Set<string>([
  ...rspMetadata.secretPaths.AcMetadata,
  ...rspMetadata.secretPropertyNames,
]);

/** Tells whether values of `field` must never be shown (Ki, OPc, PINs, PUKs, ADM1, CC, …). */
export function isSecretField(field: string): boolean {
  return secretNames.has(field);
}

/** The values of a record's secret fields, to scrub echoes of them from the platform's text. */
export function secretValuesOf(record: Readonly<Record<string, unknown>>): string[] {
  const values: string[] = [];
  // The same fields as Object.entries, without an array for each (this runs for every record).
  for (const field of Object.keys(record)) {
    const value = record[field];
    if (typeof value === "string" && value !== "" && isSecretField(field)) values.push(value);
  }
  return values;
}
