// What the gate reports: one change between the released contract and the spec, and how
// much of a release it takes.

/** `breaking` needs a breaking release, `minor` is an addition, `patch` changes only text. */
export type Level = "breaking" | "minor" | "patch";

export interface Change {
  readonly level: Level;
  /** Where: the document, the operation and the field (`rsp POST /x request .a[].b`). */
  readonly where: string;
  /** What changed, in a few words (`field newly required`). */
  readonly what: string;
}

/**
 * Who produces a value decides which way a change hurts. `request`: the user's code sends
 * it (request bodies and parameters, and the reply of the user's webhook receiver), so
 * admitting less breaks callers. `answer`: the platform sends it to the user's code
 * (responses, and the payload and headers of a webhook call), so admitting more, or taking
 * away what code reads or names, breaks receivers.
 */
export type Flow = "request" | "answer";

export type OpenApiNode = { readonly [key: string]: unknown };
