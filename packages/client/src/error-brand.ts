// Recognizing the clients' errors without `instanceof`. An application can end up with two
// copies of this package (two versions in node_modules, a bundle beside an install, another
// realm); an error thrown by one copy is then no instance of the other copy's classes. Every
// copy marks its errors with the same registered symbol, so any copy recognizes them.
import type { SimlesslyError } from "./simlessly-error.ts";

/** The mark every SimlesslyError carries: `Symbol.for("simlessly.error")`, the same in every copy. */
export const simlesslyErrorBrand: unique symbol = Symbol.for("simlessly.error");

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
