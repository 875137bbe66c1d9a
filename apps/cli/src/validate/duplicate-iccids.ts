import type { FieldIssue } from "./field-issue.ts";

const maxLinesKept = 10;

interface Occurrences {
  /** Line of the first occurrence, learnt when the second pass meets it. */
  first: number | undefined;
  /** Lines of the later occurrences (the first pass finds these), at most {@link maxLinesKept}. */
  readonly later: number[];
  /** Later occurrences beyond those kept. */
  more: number;
}

/**
 * The ICCIDs that occur more than once in an input, with their lines. The first pass finds
 * the later occurrences (it cannot know a first occurrence is one until the second shows up);
 * the second pass, reading in the same order, meets the first occurrence before any other.
 */
export class DuplicateIccids {
  readonly #byIccid = new Map<string, Occurrences>();

  /** Number of distinct ICCIDs that occur more than once. */
  get size(): number {
    return this.#byIccid.size;
  }

  /** Tells whether `iccid` has been seen repeated. */
  isRepeated(iccid: string): boolean {
    return this.#byIccid.has(iccid);
  }

  /** Records a later occurrence of `iccid` at `line` (first pass). */
  noteRepeat(iccid: string, line: number): void {
    let entry = this.#byIccid.get(iccid);
    if (entry === undefined) {
      entry = { first: undefined, later: [], more: 0 };
      this.#byIccid.set(iccid, entry);
    }
    if (entry.later.length < maxLinesKept) entry.later.push(line);
    else entry.more += 1;
  }

  /** The issue for the record of `iccid` at `line` (second pass), or undefined when unique. */
  issueFor(iccid: string, line: number): FieldIssue | undefined {
    const entry = this.#byIccid.get(iccid);
    if (entry === undefined) return undefined;
    if (entry.first === undefined) entry.first = line;
    const others = [entry.first, ...entry.later].filter((other) => other !== line);
    const more = entry.more > 0 ? ` and ${entry.more} more` : "";
    const count = 1 + entry.later.length + entry.more;
    return {
      field: "iccid",
      reason: `${iccid} occurs ${count} times in the input (also on line${others.length === 1 && more === "" ? "" : "s"} ${others.join(", ")}${more})`,
    };
  }
}
