import { createHash } from "node:crypto";
import { Transform } from "node:stream";
import type { InputLayout } from "../input/input-layout.ts";
import type { InputSource } from "../input/input-source.ts";
import { readRecordBatches } from "../input/read-records.ts";
import { runValidationPass, type ValidationStats } from "../validate/validation-pass.ts";

/** The first pass's findings plus the input's fingerprint. */
export interface FirstPass {
  readonly stats: ValidationStats;
  /** SHA-256 of every byte read, lower-case hex: a resumed run must read the same bytes. */
  readonly sha256: string;
  readonly bytes: number;
}

/** Reads the whole input once: validates every record and fingerprints the bytes. */
export async function runFirstPass(source: InputSource, layout: InputLayout): Promise<FirstPass> {
  const hash = createHash("sha256");
  let bytes = 0;
  const stream = source.open();
  const hashed = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      bytes += chunk.length;
      callback(null, chunk);
    },
  });
  stream.on("error", (error) => hashed.destroy(error));
  stream.pipe(hashed);
  const stats = await runValidationPass(readRecordBatches(hashed, layout, source.displayName));
  return { stats, sha256: hash.digest("hex"), bytes };
}
