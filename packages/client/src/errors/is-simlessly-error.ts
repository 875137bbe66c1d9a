// The guard that recognizes the clients' errors by their mark (error-brand.ts), across copies
// of this package and realms, where `instanceof` fails.
import { simlesslyErrorBrand } from "./error-brand.ts";
import type { SimlesslyError } from "./simlessly-error.ts";

/**
 * True for an error thrown by any copy of this package: it carries the mark set by the base
 * class. Unlike `instanceof SimlesslyError`, it holds across copies of the package and realms.
 */
export function isSimlesslyError(value: unknown): value is SimlesslyError {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as { [simlesslyErrorBrand]?: unknown })[simlesslyErrorBrand] === true
  );
}
