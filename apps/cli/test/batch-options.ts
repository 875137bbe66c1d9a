import type { GenerateBatchOptions } from "../src/batch/generate-batch-types.ts";

/**
 * Options of a generate-batch run over `in.csv` into `out`, as tests of the pipeline start
 * from: small chunks, no images, nothing skipped or resumed.
 */
export function batchOptions(overrides: Partial<GenerateBatchOptions> = {}): GenerateBatchOptions {
  return {
    input: "in.csv",
    format: undefined,
    outDir: "out",
    configName: "templateRegular01",
    needAcLink: false,
    concurrency: 3,
    ratePerSecond: undefined,
    pollTimeoutMs: 60_000,
    qr: "none",
    dryRun: false,
    skipInvalid: false,
    resume: false,
    resubmitUnknown: false,
    chunkSize: 4,
    ...overrides,
  };
}
