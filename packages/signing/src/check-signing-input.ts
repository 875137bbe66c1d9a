import { isSigningScheme, type SigningScheme } from "./schemes.ts";
import { SigningInputError } from "./signing-input-error.ts";

// Visible ASCII only: these values travel in headers, and fetch would reject or mangle
// anything else after the signature was already computed over it.
const headerToken = /^[\x21-\x7e]+$/;
const decimalDigits = /^[0-9]{1,16}$/;

/** The long-lived part of a signing input: who signs and with what. */
export interface SigningCredentials<S extends SigningScheme = SigningScheme> {
  readonly scheme: S;
  /** AccessKey (rsp) or public-key (appendix). */
  readonly key: string;
  /** RSP SecretKey or eIM ackey, used as its UTF-8 bytes; never sent. */
  readonly secret: string;
  /** eIM `authorization` token, sent as is; `rsp` takes none. */
  readonly token?: string | undefined;
}

/** Throws a {@link SigningInputError} unless `value` can travel as a header value. */
export function checkHeaderValue(field: string, value: unknown): asserts value is string {
  if (typeof value !== "string" || !headerToken.test(value)) {
    throw new SigningInputError(field, "must be a non-empty string of visible ASCII characters");
  }
}

/** Throws a {@link SigningInputError} when the credentials cannot sign for their scheme. */
export function checkCredentials(credentials: SigningCredentials): void {
  if (!isSigningScheme(credentials.scheme)) {
    throw new SigningInputError("scheme", 'must be "rsp" or "appendix"');
  }
  checkHeaderValue("key", credentials.key);
  checkSecret(credentials.secret);
  if (credentials.token === undefined) return;
  if (credentials.scheme === "rsp") {
    // RSP documents no token; silently dropping one would hide a mixed-up configuration.
    throw new SigningInputError("token", "is not used by the rsp scheme");
  }
  checkHeaderValue("token", credentials.token);
}

/** Throws a {@link SigningInputError} unless `secret` is a non-empty string. */
export function checkSecret(secret: unknown): asserts secret is string {
  // Web Crypto refuses zero-length HMAC keys while node:crypto accepts them; refusing here
  // keeps both paths identical (and an empty secret is always a configuration mistake).
  if (typeof secret !== "string" || secret.length === 0) {
    throw new SigningInputError("secret", "must be a non-empty string");
  }
}

/** Renders a timestamp in milliseconds as the decimal string that is sent and signed. */
export function formatTimestamp(value: unknown): string {
  if (typeof value === "number" && Number.isSafeInteger(value) && value >= 0) return String(value);
  if (typeof value === "string" && decimalDigits.test(value)) return value;
  throw new SigningInputError("timestamp", "must be a non-negative integer (milliseconds)");
}
