// Reads an answer body, already normalized, as the product's envelope: RSP `{success, code,
// msg, obj}`, eIM `{status, success, msg, obj}`, or (CMP) a bare object.

/** The envelope a product wraps its answers in. */
export type EnvelopeKind = "rsp" | "eim" | "none";

/** What an answer body says. */
export type EnvelopeReading =
  | { readonly outcome: "success"; readonly data: unknown }
  | {
      readonly outcome: "failure";
      /** RSP `code`; eIM `status` (the Appendix 4 code); null without one. */
      readonly code: string | number | null;
      readonly message: string;
    }
  | { readonly outcome: "not-an-envelope" };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function text(value: unknown): string {
  return typeof value === "string" ? value : "";
}

/** Reads a 2xx body as the product's envelope. */
export function readEnvelope(kind: EnvelopeKind, body: unknown): EnvelopeReading {
  if (!isRecord(body)) return { outcome: "not-an-envelope" };
  if (kind === "none") return { outcome: "success", data: body };
  if (typeof body.success !== "boolean") return { outcome: "not-an-envelope" };
  // A missing `obj` (eIM allocate answers have none) reads as null.
  if (body.success) return { outcome: "success", data: body.obj ?? null };
  return { outcome: "failure", ...describeErrorBody(kind, body) };
}

/**
 * The code and message of an error body of any shape seen: an envelope, a problem document
 * (`title`, `detail`; Prism's refusals) or `{error: {code, message}}`.
 */
export function describeErrorBody(
  kind: EnvelopeKind,
  body: unknown,
): { code: string | number | null; message: string } {
  if (!isRecord(body)) return { code: null, message: "" };
  const error = isRecord(body.error) ? body.error : {};
  let code: string | number | null = null;
  if (kind === "eim" && typeof body.status === "number") code = body.status;
  else if (typeof body.code === "string" || typeof body.code === "number") code = body.code;
  else if (typeof error.code === "string" || typeof error.code === "number") code = error.code;
  const message =
    text(body.msg) ||
    text(body.message) ||
    [text(body.title), text(body.detail)].filter(Boolean).join(": ") ||
    text(error.message);
  return { code, message };
}
