// A tolerated form (spec/README.md, "Tolerated forms"): a string of decimal digits where an
// RSP request has an integer (`pageParam.pageNum: "1"`), as form-driven clients send it.
//
// Why tolerate it: the docs' signing reference is Java, and a Spring service reading JSON with
// Jackson coerces a numeric string to an `int`/`Integer` field by default
// (MapperFeature.ALLOW_COERCION_OF_SCALARS), as it takes 1.0 for 1. Only plain digits (and a
// minus sign, so that the range check names the field) are read: "1.5", " 1" and "" stay
// strings, and the schema refuses them.
import { type FieldPath, pathText, rewriteAt } from "./body-paths.ts";
import type { SandboxWarning } from "./sandbox-warnings.ts";

// 15 digits at most: always a safe integer, so nothing is rounded on the way.
const decimalInteger = /^-?[0-9]{1,15}$/;

/** The body with numeric strings at `paths` read as integers, and a warning per path used. */
export function readNumericStrings(
  body: unknown,
  paths: readonly FieldPath[],
): { readonly body: unknown; readonly warnings: SandboxWarning[] } {
  let result = body;
  const warnings: SandboxWarning[] = [];
  for (const path of paths) {
    let count = 0;
    result = rewriteAt(result, path, (value) => {
      if (typeof value !== "string" || !decimalInteger.test(value)) return value;
      count += 1;
      return Number(value);
    });
    if (count > 0) {
      warnings.push({
        field: pathText(path),
        count,
        message: "a string where the docs have an integer, read as that integer",
      });
    }
  }
  return { body: result, warnings };
}
