// What of an input may be repeated back to the person who wrote it. When a file is not what we
// think (no header row, columns in another order, a value in the wrong column), any cell may
// be a Ki or an OPc, whatever its column says: a value is shown only when it has the shape of
// its own non-secret field and could not be the value of a secret field.
import { rspSchemas } from "@simlessly/contract";
import { isSecretField } from "../validate/secret-fields.ts";

const recordShape = rspSchemas.AcMetadata.shape;

// The secret fields of a SIM record, each with the contract's own schema: a value that one of
// them accepts (32 hex digits, 4 or 8 digits, …) is never shown.
const secretFieldSchemas = Object.entries(recordShape)
  .filter(([name]) => isSecretField(name))
  .map(([, schema]) => schema);

// Near misses worth showing, per non-secret field: values of the field's own kind of
// characters, somewhat too long or too short, which is what a typo makes. A field without an
// entry never shows its value.
const nearMissShapes: Readonly<Record<string, RegExp>> = {
  iccid: /^[0-9]{15,22}$/,
  imsi: /^[0-9]{12,18}$/,
  msidn: /^\+?[0-9]{1,20}$/,
  expireTime: /^[0-9]{1,4}[-/.][0-9]{1,2}[-/.][0-9]{1,4}(?:[ T][0-9]{1,2}(?::[0-9]{1,2}){0,2})?$/,
  // IMS identities are URIs or NAIs: a value with `@` or `:` and no space.
  impi: /^[^\s@:]*[@:]\S*$/,
  impu: /^[^\s@:]*[@:]\S*$/,
};

const maxShownLength = 40;

/**
 * The value of `field` as it may appear in a message (quoted, cut to 40 characters), or
 * undefined when it must not be shown. The empty string is always shown: it says nothing.
 */
export function shownValue(field: string, value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  if (value === "") return '""';
  if (isSecretField(field) || couldBeSecret(value)) return undefined;
  const shape = nearMissShapes[field];
  if (shape === undefined || !shape.test(value)) return undefined;
  const cut = value.length > maxShownLength ? `${value.slice(0, maxShownLength)}…` : value;
  return JSON.stringify(cut);
}

/**
 * Tells whether a column name or JSON key may be shown: it reads like a name (a letter first,
 * at most 40 letters, digits, spaces, `_`, `.` or `-`) and holds no run that reads like a
 * value (8 hexadecimal digits, 4 decimal digits).
 */
export function isShowableName(text: string): boolean {
  return (
    /^[A-Za-z][A-Za-z0-9 _.-]{0,39}$/.test(text) &&
    !/[0-9A-Fa-f]{8}/.test(text) &&
    !/[0-9]{4}/.test(text) &&
    !couldBeSecret(text)
  );
}

/**
 * Tells whether a cell reads like a value, not like a name: four or more hexadecimal digits
 * with at least one decimal digit among them (a key, an ICCID), or a number written with
 * spaces, dots or dashes.
 */
export function looksLikeValue(cell: string): boolean {
  return /^(?=.*[0-9])[0-9A-Fa-f]{4,}$/.test(cell) || /^\+?[0-9][0-9 .:+-]*[0-9]$/.test(cell);
}

function couldBeSecret(value: string): boolean {
  return secretFieldSchemas.some((schema) => schema.safeParse(value).success);
}
