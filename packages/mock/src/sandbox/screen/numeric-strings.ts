// A tolerated form (spec/README.md, "Tolerated forms"): a string of decimal digits where a
// request has a number (RSP `pageParam.pageNum: "1"`, eIM `batchId: "12"`), as form-driven
// clients send it, and as clients that keep a Java Long id in a string send eIM batch ids.
//
// Why tolerate it: the docs' signing reference is Java, and a Spring service reading JSON with
// Jackson coerces a numeric string to an `int`/`Integer`/`Long` field by default
// (MapperFeature.ALLOW_COERCION_OF_SCALARS), as it takes 1.0 for 1. Only plain digits (and a
// minus sign, so that the range check names the field) are read: "1.5", " 1" and "" stay
// strings, and the schema refuses them. (No request has a fractional `number` field today;
// one would still be read from digits only.)
import { type FieldPath, pathText, rewriteAt } from "./body-paths.ts";
import type { SandboxWarning } from "./sandbox-warnings.ts";

// 16 digits at most, and only a safe integer is read, so nothing is rounded on the way: an eIM
// batch id goes up to 2^53-1 (16 digits). A longer or larger one stays a string and the
// schema refuses it, as it would refuse the rounded number.
const decimalInteger = /^-?[0-9]{1,16}$/;

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
      const number = Number(value);
      if (!Number.isSafeInteger(number)) return value;
      count += 1;
      return number;
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
