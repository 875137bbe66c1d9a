// Why a value breaks the contract, in words a person can act on, from one zod issue. The
// request bodies of single commands and the SIM records of generate-batch share this wording.
import { describePattern } from "./describe-pattern.ts";

/** One zod issue, with only the fields the wording needs (no value is ever read from it). */
export interface BodyIssue {
  readonly code: string;
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly expected?: unknown;
  readonly pattern?: unknown;
  readonly maximum?: unknown;
  readonly minimum?: unknown;
  readonly origin?: unknown;
  readonly keys?: readonly string[];
  /** For a union: the issues of each of its shapes. */
  readonly errors?: readonly (readonly BodyIssue[])[];
}

/** The rule a zod issue says was broken, never quoting the value. */
export function issueReason(issue: BodyIssue): string {
  switch (issue.code) {
    case "invalid_type":
      // zod says "received undefined" for a missing key; the value itself is never read.
      if (/received undefined/.test(issue.message)) return "is required";
      return issue.expected === "array" ? "must be a list" : `must be a ${String(issue.expected)}`;
    case "invalid_format": {
      const described =
        typeof issue.pattern === "string" ? describePattern(issue.pattern) : undefined;
      return described === undefined ? "has the wrong format" : `must be ${described}`;
    }
    case "too_big":
    case "too_small": {
      const bound = issue.code === "too_big" ? "most" : "least";
      const limit = String(issue.code === "too_big" ? issue.maximum : issue.minimum);
      if (issue.origin === "array") return `must have at ${bound} ${limit} entries`;
      if (issue.origin === "string") return `must have at ${bound} ${limit} characters`;
      return `must be at ${bound} ${limit}`;
    }
    case "invalid_value":
    case "invalid_union":
      return "is not one of the accepted values or shapes";
    case "custom": {
      // The contract's length checks are refinements with fixed wording, never the value.
      const length = /^Too (long|short): expected at (most|least) (\d+) characters$/.exec(
        issue.message,
      );
      return length === null ? "is not valid" : `must have at ${length[2]} ${length[3]} characters`;
    }
    default:
      return "is not valid";
  }
}
