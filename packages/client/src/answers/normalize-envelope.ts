// One normalization step between JSON.parse and validation that absorbs the quirks the docs
// show (reference §4.2), so validation and callers see one spelling:
//   keys with stray spaces (" code")   → trimmed, at every depth
//   success "false" / "true"           → booleans, at every depth (batch results too)
//   code "00000 "                      → trimmed (top level)
//   status "200"                       → 200 (top level, eIM)
//   product aliases (RSP: succeed → succeedNum, failed → failedNum, result → results,
//   errorReson → errorReason; eIM: bathId → batchId), applied only when the documented key
//   is absent, so a body that sends both keeps the documented one.
// A missing `obj` is left missing: callers read `obj ?? null`. Unchanged input comes back as
// the same object, so the common case allocates nothing.

/** Renames per product: the key seen in the docs' examples → the key of the contract. */
export type KeyAliases = Readonly<Record<string, string>>;

/** The RSP spellings the docs' examples use for documented keys. */
export const rspKeyAliases: KeyAliases = {
  succeed: "succeedNum",
  failed: "failedNum",
  result: "results",
  errorReson: "errorReason",
};

/** The eIM spellings the docs' tables use for the keys of their examples. */
export const eimKeyAliases: KeyAliases = { bathId: "batchId" };

/** The result of {@link normalizeEnvelope}. */
export interface NormalizedBody {
  readonly value: unknown;
  /** True when anything was rewritten (the body then needs re-serializing). */
  readonly changed: boolean;
}

const booleanText = /^\s*(true|false)\s*$/i;
const integerText = /^\s*-?[0-9]{1,15}\s*$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function normalizeNode(value: unknown, aliases: KeyAliases): unknown {
  if (Array.isArray(value)) {
    let copy: unknown[] | null = null;
    for (let index = 0; index < value.length; index++) {
      const item = value[index];
      const normalized = normalizeNode(item, aliases);
      if (normalized !== item) {
        copy ??= value.slice();
        copy[index] = normalized;
      }
    }
    return copy ?? value;
  }
  if (!isRecord(value)) return value;
  // Recorded only from the first change on: an answer with nothing to fix, the common case,
  // allocates nothing here, not even the list of keys (a batch's answer has a node for each
  // of its 200 records, polled for every batch).
  let entries: [key: string, value: unknown, exact: boolean][] | null = null;
  let index = -1;
  for (const rawKey in value) {
    // Own keys, in the order of Object.keys.
    if (!Object.hasOwn(value, rawKey)) continue;
    index += 1;
    const child = value[rawKey];
    let key = rawKey.trim();
    // Own keys only: a body key such as "constructor" is not an alias.
    const alias = Object.hasOwn(aliases, key) ? aliases[key] : undefined;
    if (alias !== undefined && !Object.hasOwn(value, alias)) key = alias;
    let normalized = normalizeNode(child, aliases);
    if (key === "success" && typeof normalized === "string" && booleanText.test(normalized)) {
      normalized = normalized.trim().toLowerCase() === "true";
    }
    if (entries === null) {
      if (key === rawKey && normalized === child) continue;
      entries = Object.keys(value)
        .slice(0, index)
        .map((same) => [same, value[same], true]);
    }
    entries.push([key, normalized, key === rawKey]);
  }
  if (entries === null) return value;
  // A key spelled exactly always wins over a trimmed or aliased one that lands on it.
  const result: Record<string, unknown> = {};
  for (const [key, child, exact] of entries) {
    if (exact || !(Object.hasOwn(value, key) || Object.hasOwn(result, key))) {
      // defineProperty: a "__proto__" key from JSON.parse stays a plain property.
      Object.defineProperty(result, key, {
        value: child,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
  }
  return result;
}

/** Absorbs the documented quirks of an RSP or eIM envelope (or any JSON body). */
export function normalizeEnvelope(body: unknown, aliases: KeyAliases = {}): NormalizedBody {
  let value = normalizeNode(body, aliases);
  if (isRecord(value)) {
    let top: Record<string, unknown> | null = null;
    const { code, status } = value;
    if (typeof code === "string" && code !== code.trim()) {
      top = { ...value, code: code.trim() };
    }
    if (typeof status === "string" && integerText.test(status)) {
      top = { ...(top ?? value), status: Number(status.trim()) };
    }
    if (top !== null) value = top;
  }
  return { value, changed: value !== body };
}
