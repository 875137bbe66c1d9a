/**
 * Tells whether a received hex signature equals the expected lower-case hex, ignoring the
 * received one's case, without an early exit.
 *
 * The time taken depends only on the lengths, which are public (an HMAC-SHA256 is always 64
 * hex digits), never on where the strings first differ. A length mismatch is a plain mismatch.
 */
export function timingSafeEqualHex(received: string, expectedLowerHex: string): boolean {
  // Lower-casing only touches the attacker's own input, so its timing reveals nothing secret.
  const actual = received.toLowerCase();
  if (actual.length !== expectedLowerHex.length) return false;
  let diff = 0;
  for (let index = 0; index < expectedLowerHex.length; index++) {
    diff |= actual.charCodeAt(index) ^ expectedLowerHex.charCodeAt(index);
  }
  return diff === 0;
}
