/** One record as read from the input, before validation. */
export interface RawRecord {
  /** 1-based line where the record starts. */
  readonly line: number;
  /** Field values by canonical name (unknown JSON keys keep their own name). Absent = not given. */
  readonly fields: Readonly<Record<string, unknown>>;
}

/** The input formats `simlessly ac generate-batch` reads. */
export type InputFormat = "csv" | "jsonl";
