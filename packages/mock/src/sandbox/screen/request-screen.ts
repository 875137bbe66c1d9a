// The one place in code where the sandbox reads a request beyond its schema: before a body is
// validated, the tolerated forms that spec/README.md lists ("Tolerated forms") are read as the
// documented ones, and the forms whose effect the docs leave open are noticed. Each comes back
// as a warning; whether the request is then accepted or refused (`--strict`) is the caller's
// choice (answer-operation.ts).
import type { ProductName } from "../router/routes.ts";
import { numericFields } from "./contract-integers.ts";
import { readMsisdnAsMsidn } from "./msisdn-spelling.ts";
import { readNumericStrings } from "./numeric-strings.ts";
import type { SandboxWarning } from "./sandbox-warnings.ts";
import { noticeUncertainForms } from "./uncertain-forms.ts";

/** A request body after screening, and what was tolerated or noticed in it. */
export interface ScreenedRequest {
  readonly body: unknown;
  readonly warnings: readonly SandboxWarning[];
}

/**
 * Screens the parsed JSON body of one request. Numeric strings are read in the numeric fields
 * of every product, by the same rule (spec/README.md, "Tolerated forms"); the other forms are
 * RSP's own.
 */
export function screenRequest(
  product: ProductName,
  operationId: string,
  json: unknown,
): ScreenedRequest {
  const spelled =
    product === "rsp" ? readMsisdnAsMsidn(operationId, json) : { body: json, warnings: [] };
  const numbers = readNumericStrings(spelled.body, numericFields(product).get(operationId) ?? []);
  return {
    body: numbers.body,
    warnings: [
      ...spelled.warnings,
      ...numbers.warnings,
      ...(product === "rsp" ? noticeUncertainForms(operationId, numbers.body) : []),
    ],
  };
}
