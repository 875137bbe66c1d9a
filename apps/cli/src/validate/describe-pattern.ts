const characterClasses: Readonly<Record<string, string>> = {
  "0-9": "digits",
  "0-9A-Fa-f": "hexadecimal characters",
  "A-Fa-f0-9": "hexadecimal characters",
};

/**
 * Words for a simple anchored pattern of the contract, e.g. `/^[0-9]{15}$/u` → "15 digits".
 * Returns undefined for patterns it cannot put in words.
 */
export function describePattern(pattern: string): string | undefined {
  const match = /^\/\^\[([^\]]+)\]\{(\d+)(?:,(\d+))?\}\$\/u?$/.exec(pattern);
  if (match === null) return undefined;
  const [, characterClass, low, high] = match;
  const noun = characterClasses[characterClass as string];
  if (noun === undefined) return undefined;
  if (high === undefined || high === low) return `${low} ${noun}`;
  if (Number(high) === Number(low) + 1) return `${low} or ${high} ${noun}`;
  return `${low} to ${high} ${noun}`;
}
