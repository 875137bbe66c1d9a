// Redaction by schema: which values are secret comes from the contract (`x-secret` →
// secretPropertyNames), plus the headers that carry signatures and tokens and the exact
// credential strings the client holds. A new secret field in the spec is covered the day it
// is generated.
//
// Property names are enough for bodies: the generator lists, for every secret path of every
// schema (`metaDatas[].ki`, `obj.acLink`, …), its property among secretPropertyNames, so hiding
// those names wherever they appear covers every path (redactor.test.ts checks this against
// the metadata). It also covers bodies of no known schema, such as an error page.

/**
 * What replaces a secret: the marker the simlessly CLI shows too, so that a log line and the
 * CLI's own output hide a value the same way.
 */
export const redactedMarker = "[hidden]";

/** Header names whose values are always secret, compared without regard to case. */
export const secretHeaderNames: readonly string[] = ["signature", "authorization"];

/**
 * Values shorter than this are scrubbed from free text only as whole words: a 4-digit PIN
 * echoed in a message is hidden, the same four digits inside an ICCID are not.
 */
const minimumScrubLength = 6;

/** Where secrets are, as the contract metadata lists them. */
export interface RedactorOptions {
  /** Property names that hold a secret wherever they appear (`secretPropertyNames`). */
  readonly secretPropertyNames?: readonly string[] | undefined;
  /** Extra header names to hide (case-insensitive), besides Signature and Authorization. */
  readonly secretHeaderNames?: readonly string[] | undefined;
  /** Exact strings (secret keys, tokens) to scrub from any text. */
  readonly secretValues?: readonly string[] | undefined;
}

/** Hides secrets in bodies, headers and text. Every method returns a copy. */
export interface Redactor {
  /**
   * A copy of a JSON value with every secret property hidden, and known secret values (and
   * `extraValues`) scrubbed from the remaining strings.
   */
  redactBody(value: unknown, extraValues?: readonly string[]): unknown;
  /** The headers as a plain object, with signatures, tokens and scrubbed values hidden. */
  redactHeaders(headers: Headers | Readonly<Record<string, string>>): Record<string, string>;
  /**
   * `text` with every known secret value, and each of `extraValues` (e.g. the secrets of the
   * request being answered), replaced without regard to case.
   */
  scrub(text: string, extraValues?: readonly string[]): string;
  /** Adds exact values to scrub from now on (e.g. a freshly issued token). */
  addSecretValue(value: string): void;
  /** The secret strings a body holds, for scrubbing echoes of them. */
  secretValuesIn(value: unknown): string[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

// Longest first, so a value that contains another is replaced whole.
function patternOf(values: Iterable<string>): RegExp | null {
  const usable = [...values].filter((value) => value !== "");
  if (usable.length === 0) return null;
  usable.sort((a, b) => b.length - a.length);
  const alternatives = usable.map((value) =>
    value.length >= minimumScrubLength
      ? escapeRegExp(value)
      : `(?<![0-9A-Za-z])${escapeRegExp(value)}(?![0-9A-Za-z])`,
  );
  return new RegExp(alternatives.join("|"), "gi");
}

/** Builds a redactor from the contract's secret markers and the client's credentials. */
export function createRedactor(options: RedactorOptions = {}): Redactor {
  const propertyNames = new Set(options.secretPropertyNames);
  const headerNames = new Set(
    [...secretHeaderNames, ...(options.secretHeaderNames ?? [])].map((name) => name.toLowerCase()),
  );
  const values = new Set(options.secretValues);
  let pattern = patternOf(values);

  const scrub = (text: string, extraValues: readonly string[] = []): string => {
    let result = pattern === null ? text : text.replace(pattern, redactedMarker);
    const extra = extraValues.length === 0 ? null : patternOf(extraValues);
    if (extra !== null) result = result.replace(extra, redactedMarker);
    return result;
  };

  const redactBody = (value: unknown, extraValues: readonly string[] = []): unknown => {
    if (typeof value === "string") return scrub(value, extraValues);
    if (Array.isArray(value)) return value.map((item) => redactBody(item, extraValues));
    if (!isRecord(value)) return value;
    const copy: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) {
      copy[key] =
        propertyNames.has(key) && child != null ? redactedMarker : redactBody(child, extraValues);
    }
    return copy;
  };

  const collect = (value: unknown, found: Set<string>, secret: boolean): void => {
    if (typeof value === "string") {
      if (secret) found.add(value);
    } else if (Array.isArray(value)) {
      for (const item of value) collect(item, found, secret);
    } else if (isRecord(value)) {
      for (const [key, child] of Object.entries(value)) {
        collect(child, found, secret || propertyNames.has(key));
      }
    }
  };

  return {
    redactBody,
    redactHeaders(headers) {
      const result: Record<string, string> = {};
      const add = (value: string, name: string) => {
        result[name] = headerNames.has(name.toLowerCase()) ? redactedMarker : scrub(value);
      };
      if (headers instanceof Headers) headers.forEach(add);
      else for (const [name, value] of Object.entries(headers)) add(value, name);
      return result;
    },
    scrub,
    addSecretValue(value) {
      values.add(value);
      pattern = patternOf(values);
    },
    secretValuesIn(value) {
      const found = new Set<string>();
      collect(value, found, false);
      return [...found];
    },
  };
}
