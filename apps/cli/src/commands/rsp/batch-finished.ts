/**
 * Whether an RSP batch (`getBatchInfo`) has stopped generating. The docs show two statuses,
 * `PROCESSING` "while records are being generated" and `COMPLETE`; the contract admits any
 * other the platform may add (a `FAILED` batch, say) and reads it as stopped, since only
 * `PROCESSING` is described as still generating. Records such a batch reports no result for
 * have an unknown outcome.
 */
export function batchFinished(status: string): boolean {
  return status !== "PROCESSING";
}
