import { type ColumnOptions, columnKey, shownColumn } from "./column-options.ts";
import { canonicalFieldName } from "./sim-fields.ts";

/** What a column or key is read as: a contract field, dropped, or unknown (no field). */
export type ColumnMatch =
  | { readonly kind: "field"; readonly field: string }
  | { readonly kind: "ignored" }
  | { readonly kind: "unknown" };

const ignored: ColumnMatch = { kind: "ignored" };
const unknown: ColumnMatch = { kind: "unknown" };

interface Entry {
  readonly option: "--ignore-columns" | "--rename-columns";
  readonly given: string;
  readonly match: ColumnMatch;
  used: boolean;
}

/**
 * Reads column names (a header row, `--columns`, JSON keys) under `--ignore-columns` and
 * `--rename-columns`, and remembers which of their names matched something, so that a name
 * that matches nothing (a typo) is reported instead of silently doing nothing. One per input
 * pass: built once, it costs one map look-up a name.
 */
export class ColumnMatcher {
  readonly #entries = new Map<string, Entry>();

  constructor(options: ColumnOptions) {
    for (const given of options.ignore) {
      this.#entries.set(columnKey(given), {
        option: "--ignore-columns",
        given,
        match: ignored,
        used: false,
      });
    }
    for (const { column, field } of options.rename) {
      this.#entries.set(columnKey(column), {
        option: "--rename-columns",
        given: column,
        match: { kind: "field", field },
        used: false,
      });
    }
  }

  /** True when no option drops or renames anything. */
  get isEmpty(): boolean {
    return this.#entries.size === 0;
  }

  /** What the column or key `name` is read as. */
  match(name: string): ColumnMatch {
    if (this.#entries.size > 0) {
      const entry = this.#entries.get(columnKey(name));
      if (entry !== undefined) {
        entry.used = true;
        return entry.match;
      }
    }
    const field = canonicalFieldName(name);
    return field === undefined ? unknown : { kind: "field", field };
  }

  /** The option names that matched no column, e.g. `--ignore-columns "ACC"`. */
  unused(): string[] {
    return [...this.#entries.values()]
      .filter((entry) => !entry.used)
      .map((entry) => `${entry.option} ${shownColumn(entry.given)}`);
  }
}

/** The hint that follows a refused unknown column or key. */
export const columnOptionsHint =
  "to drop a column, add --ignore-columns NAME; to read it as a field, --rename-columns NAME=FIELD";
