import { hiddenMarker } from "../../output/hidden-marker.ts";

/**
 * A deep copy of `value` in which every property named in `secretNames` (the contract's
 * `x-secret` names) holds {@link hiddenMarker} instead of its value. Absent and null values
 * stay as they are, so the output still tells "none" from "hidden".
 */
export function maskSecrets(value: unknown, secretNames: ReadonlySet<string>): unknown {
  if (Array.isArray(value)) return value.map((item) => maskSecrets(item, secretNames));
  if (typeof value !== "object" || value === null) return value;
  const masked: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const hide = secretNames.has(key) && item !== null && item !== undefined;
    masked[key] = hide ? hiddenMarker : maskSecrets(item, secretNames);
  }
  return masked;
}

/** Every string held under a secret name anywhere in `value` (to scrub them from text). */
export function secretValuesIn(value: unknown, secretNames: ReadonlySet<string>): string[] {
  const found: string[] = [];
  const visit = (item: unknown, secret: boolean) => {
    if (typeof item === "string") {
      if (secret && item !== "") found.push(item);
    } else if (Array.isArray(item)) {
      for (const entry of item) visit(entry, secret);
    } else if (typeof item === "object" && item !== null) {
      for (const [key, entry] of Object.entries(item)) visit(entry, secret || secretNames.has(key));
    }
  };
  visit(value, false);
  return found;
}

// Shorter secrets (4-digit PINs and confirmation codes) are replaced in free text only as
// whole words: anywhere else they would mangle ICCIDs and counts that contain the same digits.
const minScrubbedAnywhere = 8;

/**
 * Replaces every occurrence of the given secrets in a text. The last line of defence: the
 * client already scrubs what it knows from server messages, but a secret of the request or
 * the answer must not reach the terminal even if a message echoes it some other way.
 */
export function scrubText(text: string, secrets: readonly string[]): string {
  let result = text;
  // Longest first, so a secret that contains another is replaced whole.
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    if (secret.length >= minScrubbedAnywhere) {
      result = result.replaceAll(secret, hiddenMarker);
    } else if (secret !== "") {
      const word = new RegExp(`(?<![0-9A-Za-z])${escapeRegExp(secret)}(?![0-9A-Za-z])`, "g");
      result = result.replace(word, hiddenMarker);
    }
  }
  return result;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
