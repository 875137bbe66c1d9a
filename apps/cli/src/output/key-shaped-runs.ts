// A reason the platform gives for a record is free text, and may echo the record's Ki or OPc.
// Where the command holds no secrets to compare with (`batch info` sends only a batch code),
// anything shaped like a key is hidden instead: a word of hexadecimal digits, or groups of 2,
// 4 or 8 of them joined by spaces, colons or dashes, with a letter A-F among at least 16
// digits, or 24 or more digits in all. ICCIDs and IMSIs (decimal, at most 20 digits) stay
// readable.

import { hiddenMarker } from "./hidden-marker.ts";

const edge = "(?<![0-9A-Za-z])";
const end = "(?![0-9A-Za-z])";
const keyShapedWords = [
  new RegExp(`${edge}[0-9A-Fa-f]{16,}${end}`, "g"),
  ...[2, 4, 8].map(
    (size) => new RegExp(`${edge}[0-9A-Fa-f]{${size}}(?:[\\s:-][0-9A-Fa-f]{${size}})+${end}`, "g"),
  ),
];

/** `text` with every key-shaped run replaced by {@link hiddenMarker}. */
export function hideKeyShapedRuns(text: string): string {
  let result = text;
  for (const pattern of keyShapedWords) {
    result = result.replace(pattern, (run) => {
      const digits = run.replace(/[\s:-]/g, "");
      const keyShaped = digits.length >= 24 || (digits.length >= 16 && /[A-Fa-f]/.test(digits));
      return keyShaped ? hiddenMarker : run;
    });
  }
  return result;
}
