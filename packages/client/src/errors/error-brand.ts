// Recognizing the clients' errors without `instanceof`. An application can end up with two
// copies of this package (two versions in node_modules, a bundle beside an install, another
// realm); an error thrown by one copy is then no instance of the other copy's classes. Every
// copy marks its errors with the same registered symbol, so any copy recognizes them
// (is-simlessly-error.ts). The mark has no imports, so the base class can set it.

/** The mark every SimlesslyError carries: `Symbol.for("simlessly.error")`, the same in every copy. */
export const simlesslyErrorBrand: unique symbol = Symbol.for("simlessly.error");
