const hexDigitCodes = Array.from("0123456789abcdef", (digit) => digit.charCodeAt(0));

/**
 * Renders a short byte string (a MAC) as lower-case hex. One flat string from the character
 * codes: concatenating two-digit pieces builds a rope of 32 strings that `toUpperCase` then
 * has to flatten, about twice the work.
 */
export function bytesToHex(bytes: Uint8Array): string {
  const codes = new Array<number>(bytes.length * 2);
  for (let index = 0; index < bytes.length; index++) {
    const byte = bytes[index] as number;
    codes[2 * index] = hexDigitCodes[byte >> 4] as number;
    codes[2 * index + 1] = hexDigitCodes[byte & 15] as number;
  }
  return String.fromCharCode(...codes);
}
