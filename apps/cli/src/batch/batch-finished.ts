/**
 * Whether an RSP batch (`getBatchInfo`) has stopped generating. The docs show two statuses,
 * `PROCESSING` "while records are being generated" and `COMPLETE`; the contract admits any
 * other the platform may add. A status that names a batch not yet done (`PENDING`,
 * `QUEUED`, `RUNNING`…, in any case; inferred, the docs list none) is read as still going, so
 * a batch that has not started is not settled at the first poll; any other (`FAILED`, say) as
 * stopped. Records a stopped batch reports no result for have an unknown outcome.
 */
export function batchFinished(status: string): boolean {
  return !stillGoing.test(status.trim());
}

const stillGoing =
  /^(processing|pending|queued|waiting|running|in[ _-]?progress|created|init(ial|ialized)?|new|submitted|accepted|started)$/i;
