// Most patterns of the contract are one character class repeated a fixed number of times:
// `^[0-9]{19,20}$` (ICCID), `^[0-9A-Fa-f]{32}$` (Ki, OPc). RegExp.prototype.test costs about
// 100 ns on such a field, mostly the machinery around the match; a loop over a lookup table
// takes a fraction of that, which counts at four fields a record, twice per run.

/**
 * A function that answers exactly as `pattern.test(value)` does, for a pattern of the form
 * `^[class]{min}$` or `^[class]{min,max}$` whose class lists ASCII letters, digits, `_` and
 * ranges between letters or digits, with no flag or only `u`; undefined for any other pattern.
 *
 * Why exactly: without the `m` flag `^` and `$` anchor at the ends of the string, so the
 * pattern matches when the string is min to max characters of the class. Each character
 * accepted is ASCII, one UTF-16 unit and one code point, so counting units (no flag) and
 * code points (`u`) agree on strings the loop accepts; any other unit (a surrogate half too)
 * is outside the class, and the pattern fails on it with either flag.
 */
export function simplePatternTest(pattern: RegExp): ((value: string) => boolean) | undefined {
  if (pattern.flags !== "" && pattern.flags !== "u") return undefined;
  const match = /^\^\[([0-9A-Za-z_-]+)\]\{([0-9]+)(?:,([0-9]+))?\}\$$/.exec(pattern.source);
  if (match === null) return undefined;
  const allowed = classTable(match[1] as string);
  const min = Number(match[2]);
  const max = match[3] === undefined ? min : Number(match[3]);
  if (allowed === undefined || min > max) return undefined;
  return (value) => {
    const { length } = value;
    if (length < min || length > max) return false;
    for (let index = 0; index < length; index += 1) {
      if (allowed[value.charCodeAt(index)] !== 1) return false;
    }
    return true;
  };
}

const member = /^[0-9A-Za-z_]$/;
const rangeEnd = /^[0-9A-Za-z]$/;

// The class's members as a table over the 128 ASCII codes (1: member); a code past the table
// reads as undefined, so it is never a member. Undefined for a class this cannot read: a `-`
// that is not between two ends of one kind (digits, upper or lower case) in order.
function classTable(members: string): Uint8Array | undefined {
  const table = new Uint8Array(128);
  for (let index = 0; index < members.length; index += 1) {
    const first = members[index] as string;
    if (!member.test(first)) return undefined;
    if (members[index + 1] !== "-") {
      table[first.charCodeAt(0)] = 1;
      continue;
    }
    const last = members[index + 2];
    if (last === undefined || !rangeEnd.test(first) || !rangeEnd.test(last)) return undefined;
    if (kind(first) !== kind(last) || first > last) return undefined;
    for (let code = first.charCodeAt(0); code <= last.charCodeAt(0); code += 1) table[code] = 1;
    index += 2;
  }
  return table;
}

function kind(char: string): "digit" | "upper" | "lower" {
  if (char >= "0" && char <= "9") return "digit";
  return char >= "a" ? "lower" : "upper";
}
