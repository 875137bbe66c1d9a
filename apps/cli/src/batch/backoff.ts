/** How polling waits between batch/info calls. */
export interface BackoffPolicy {
  readonly initialMs: number;
  readonly maxMs: number;
  readonly factor: number;
}

/** Polls start after one second and slow down to one every 30 seconds. */
export const defaultPollBackoff: BackoffPolicy = { initialMs: 1000, maxMs: 30_000, factor: 2 };

/**
 * The wait before poll number `attempt` (0-based): exponential, capped, with "equal jitter"
 * (half fixed, half random) so that batches submitted together do not poll in lockstep.
 */
export function backoffDelay(policy: BackoffPolicy, attempt: number, random: number): number {
  const ceiling = Math.min(policy.maxMs, policy.initialMs * policy.factor ** attempt);
  return Math.round(ceiling / 2 + (ceiling / 2) * random);
}
