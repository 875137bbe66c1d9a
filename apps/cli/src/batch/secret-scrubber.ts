// The platform's per-record reasons are free text, and a reason may echo the record's Ki or OPc
// (re-cased, or grouped with spaces or dashes, as some systems print keys). Polling a batch
// sends no secret, so the client has nothing to scrub them with; the pipeline does: each chunk
// keeps fingerprints of its secrets from submission until its rows are written, so no Ki or
// OPc stays in memory once its request has gone.
import { hiddenMarker } from "../output/hidden-marker.ts";

// Secrets shorter than this (4-digit PINs, confirmation codes) are hidden only as a whole
// token: anywhere else they would mangle ICCIDs and counts that hold the same digits.
const minGroupedLength = 8;

// A run of letters and digits, possibly grouped as an echoed key may be: `6BE2 053E`,
// `6b-e2-05`, `6B:E2`.
const groupedRun = /[0-9A-Za-z][0-9A-Za-z\s\-:._]*/g;
const alphanumeric = /[0-9A-Za-z]/;

/** Looks fingerprints up: of a length (grouped secrets), or of a whole token (short ones). */
interface FingerprintIndex {
  readonly lengths: Iterable<number>;
  readonly anyToken: boolean;
  hasGrouped(length: number, fingerprint: number): boolean;
  hasToken(fingerprint: number): boolean;
}

/** The fingerprints of one chunk's secrets, sorted for lookup; they hide echoes of them. */
export class HeldSecrets {
  /** Sorted fingerprints of upper-case secrets without separators, by length. */
  readonly grouped: ReadonlyMap<number, Float64Array>;
  /** Sorted fingerprints of upper-case short secrets. */
  readonly tokens: Float64Array;
  readonly #fingerprint: (text: string) => number;

  constructor(values: Iterable<string>, fingerprint: (text: string) => number) {
    this.#fingerprint = fingerprint;
    const grouped = new Map<number, number[]>();
    const tokens: number[] = [];
    for (const value of values) {
      const key = value.replace(/[^0-9A-Za-z]/g, "").toUpperCase();
      if (key === "") continue;
      if (key.length < minGroupedLength) {
        tokens.push(fingerprint(key));
        continue;
      }
      const list = grouped.get(key.length) ?? [];
      list.push(fingerprint(key));
      grouped.set(key.length, list);
    }
    this.grouped = new Map([...grouped].map(([length, list]) => [length, sorted(list)]));
    this.tokens = sorted(tokens);
  }

  /** `text` with every secret of this chunk replaced by `[hidden]`. */
  scrub(text: string): string {
    return hideFingerprints(text, this.#fingerprint, {
      lengths: this.grouped.keys(),
      anyToken: this.tokens.length > 0,
      hasGrouped: (length, fingerprint) => contains(this.grouped.get(length), fingerprint),
      hasToken: (fingerprint) => contains(this.tokens, fingerprint),
    });
  }
}

/**
 * The secrets of every chunk in flight, as {@link HeldSecrets}, for text that may concern any
 * of them (the log of the platform's answers). Holding and releasing cost nothing but the
 * fingerprints; the merged index that `scrub` looks up is rebuilt only when a text is scrubbed
 * after the held chunks changed. Matching ignores case and separators, and is made for the
 * letters and digits of SIM keys: a secret with punctuation of its own (an activation code)
 * needs the exact match of `scrubText` instead.
 */
export class SecretScrubber {
  readonly #held = new Set<HeldSecrets>();
  readonly #seeds = crypto.getRandomValues(new Uint32Array(2));
  #index: { grouped: Map<number, Float64Array>; tokens: Float64Array } | undefined;

  /** Fingerprints `values` and holds them until {@link release}. */
  hold(values: Iterable<string>): HeldSecrets {
    const held = new HeldSecrets(values, (text) => this.#fingerprint(text));
    this.#held.add(held);
    this.#index = undefined;
    return held;
  }

  /** Lets go of secrets held before. */
  release(held: HeldSecrets): void {
    if (this.#held.delete(held)) this.#index = undefined;
  }

  /** `text` with every held secret replaced by `[hidden]`. */
  scrub(text: string): string {
    if (this.#held.size === 0) return text;
    const index = this.#merged();
    return hideFingerprints(text, (value) => this.#fingerprint(value), {
      lengths: index.grouped.keys(),
      anyToken: index.tokens.length > 0,
      hasGrouped: (length, fingerprint) => contains(index.grouped.get(length), fingerprint),
      hasToken: (fingerprint) => contains(index.tokens, fingerprint),
    });
  }

  #merged() {
    if (this.#index !== undefined) return this.#index;
    const grouped = new Map<number, number[]>();
    const tokens: number[] = [];
    for (const held of this.#held) {
      for (const [length, list] of held.grouped) {
        const all = grouped.get(length) ?? [];
        for (const fingerprint of list) all.push(fingerprint);
        grouped.set(length, all);
      }
      for (const fingerprint of held.tokens) tokens.push(fingerprint);
    }
    this.#index = {
      grouped: new Map([...grouped].map(([length, list]) => [length, sorted(list)])),
      tokens: sorted(tokens),
    };
    return this.#index;
  }

  // Two FNV-1a hashes with this process's own seeds, joined into 53 bits: no secret can be read
  // back from them, and a false match among the windows of a text is out of the question.
  #fingerprint(text: string): number {
    let first = 0x811c9dc5 ^ (this.#seeds[0] as number);
    let second = 0x01000193 ^ (this.#seeds[1] as number);
    for (let index = 0; index < text.length; index += 1) {
      const code = text.charCodeAt(index);
      first = Math.imul(first ^ code, 0x01000193);
      second = Math.imul(second ^ code, 0x5bd1e995);
    }
    return (first >>> 0) * 0x200000 + ((second >>> 0) >>> 11);
  }
}

// Each run of letters, digits and separators is read without its separators; every window of
// a held length is looked up, and a hit hides the original characters it spans. Short secrets
// are looked up as whole tokens.
function hideFingerprints(
  text: string,
  fingerprint: (text: string) => number,
  index: FingerprintIndex,
): string {
  const hidden: [number, number][] = [];
  const lengths = [...index.lengths];
  if (lengths.length > 0) {
    for (const run of text.matchAll(groupedRun)) {
      let letters = "";
      const origins: number[] = [];
      for (let offset = 0; offset < run[0].length; offset += 1) {
        const char = run[0][offset] as string;
        if (!alphanumeric.test(char)) continue;
        letters += char.toUpperCase();
        origins.push(run.index + offset);
      }
      for (const length of lengths) {
        for (let start = 0; start + length <= letters.length; start += 1) {
          if (!index.hasGrouped(length, fingerprint(letters.slice(start, start + length))))
            continue;
          hidden.push([origins[start] as number, (origins[start + length - 1] as number) + 1]);
        }
      }
    }
  }
  for (const match of index.anyToken ? text.matchAll(/[0-9A-Za-z]+/g) : []) {
    if (match[0].length >= minGroupedLength) continue;
    if (index.hasToken(fingerprint(match[0].toUpperCase()))) {
      hidden.push([match.index, match.index + match[0].length]);
    }
  }
  if (hidden.length === 0) return text;
  hidden.sort((a, b) => a[0] - b[0]);
  let result = "";
  let position = 0;
  for (const [start, end] of hidden) {
    if (end <= position) continue;
    if (start >= position) result += text.slice(position, start) + hiddenMarker;
    position = end;
  }
  return result + text.slice(position);
}

function sorted(list: readonly number[]): Float64Array {
  return Float64Array.from(list).sort();
}

function contains(list: Float64Array | undefined, value: number): boolean {
  if (list === undefined) return false;
  let low = 0;
  let high = list.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const found = list[middle] as number;
    if (found === value) return true;
    if (found < value) low = middle + 1;
    else high = middle - 1;
  }
  return false;
}
