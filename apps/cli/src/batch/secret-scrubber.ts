// The platform's per-record reasons are free text, and a reason may echo the record's Ki or OPc
// (re-cased, or grouped with spaces or dashes, as some systems print keys). Polling a batch
// sends no secret, so the client has nothing to scrub them with; the pipeline does: it holds
// the secrets of every chunk in flight here until the chunk's rows are written.

import { hiddenMarker } from "../output/hidden-marker.ts";

// Secrets shorter than this (4-digit PINs, confirmation codes) are hidden only as a whole
// token: anywhere else they would mangle ICCIDs and counts that hold the same digits.
const minGroupedLength = 8;

// A run of letters and digits, possibly grouped as an echoed key may be: `6BE2 053E`,
// `6b-e2-05`, `6B:E2`.
const groupedRun = /[0-9A-Za-z][0-9A-Za-z\s\-:._]*/g;
const alphanumeric = /[0-9A-Za-z]/;

/**
 * The secret values of the records in flight, counted (two chunks may hold the same PIN), and
 * a scrubber that hides any of them in a text. Matching ignores case and separators, so its
 * cost grows with the text and the number of distinct secret lengths, not with the number of
 * secrets held. It is made for the letters and digits of SIM keys: a value is held without its
 * other characters, so a secret with punctuation of its own (an activation code, a key with
 * `$`) needs the exact match of `scrubText` instead.
 */
export class SecretScrubber {
  /** Upper-case secrets without separators, by length, with how many holders each has. */
  readonly #grouped = new Map<number, Map<string, number>>();
  /** Upper-case short secrets, matched as whole tokens. */
  readonly #tokens = new Map<string, number>();

  /** Holds `values` until {@link release} is called with the same values. */
  hold(values: Iterable<string>): void {
    for (const value of values) {
      const [table, key] = this.#tableOf(value, true);
      if (table !== undefined) table.set(key, (table.get(key) ?? 0) + 1);
    }
  }

  /** Lets go of `values` held before. */
  release(values: Iterable<string>): void {
    for (const value of values) {
      const [table, key] = this.#tableOf(value, false);
      const count = table?.get(key);
      if (table === undefined || count === undefined) continue;
      if (count > 1) table.set(key, count - 1);
      else table.delete(key);
    }
  }

  /** `text` with every held secret replaced by `[hidden]`. */
  scrub(text: string): string {
    if (this.#grouped.size === 0 && this.#tokens.size === 0) return text;
    const hidden: [number, number][] = [...this.#findGrouped(text), ...this.#findTokens(text)];
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

  #tableOf(value: string, create: boolean): [Map<string, number> | undefined, string] {
    const key = value.replace(/[^0-9A-Za-z]/g, "").toUpperCase();
    if (key === "") return [undefined, key];
    if (key.length < minGroupedLength) return [this.#tokens, key];
    let table = this.#grouped.get(key.length);
    if (table === undefined && create) {
      table = new Map();
      this.#grouped.set(key.length, table);
    }
    return [table, key];
  }

  // Each run of letters, digits and separators is read without its separators; every window of
  // a held length is looked up, and a hit hides the original characters it spans.
  *#findGrouped(text: string): Generator<[number, number]> {
    for (const run of text.matchAll(groupedRun)) {
      let letters = "";
      const origins: number[] = [];
      for (let offset = 0; offset < run[0].length; offset += 1) {
        const char = run[0][offset] as string;
        if (!alphanumeric.test(char)) continue;
        letters += char.toUpperCase();
        origins.push(run.index + offset);
      }
      for (const [length, table] of this.#grouped) {
        for (let start = 0; start + length <= letters.length; start += 1) {
          if (!table.has(letters.slice(start, start + length))) continue;
          yield [origins[start] as number, (origins[start + length - 1] as number) + 1];
        }
      }
    }
  }

  *#findTokens(text: string): Generator<[number, number]> {
    if (this.#tokens.size === 0) return;
    for (const match of text.matchAll(/[0-9A-Za-z]+/g)) {
      if (this.#tokens.has(match[0].toUpperCase())) {
        yield [match.index, match.index + match[0].length];
      }
    }
  }
}
