import { backoffDelay, defaultPollBackoff } from "../../batch/backoff.ts";
import type { Clock } from "../../batch/clock.ts";

/**
 * Calls `fetch` until `done` says so or `timeoutMs` has passed, waiting between calls with
 * exponential backoff and jitter (1 s doubling to 30 s, as generate-batch polls). Returns the
 * last answer, finished or not: the caller tells the two apart.
 */
export async function pollUntil<T>(
  fetch: () => Promise<T>,
  done: (answer: T) => boolean,
  clock: Clock,
  timeoutMs: number,
): Promise<T> {
  const deadline = clock.now() + timeoutMs;
  for (let attempt = 0; ; attempt += 1) {
    const answer = await fetch();
    const wait = backoffDelay(defaultPollBackoff, attempt, clock.random());
    if (done(answer) || clock.now() + wait > deadline) return answer;
    await clock.sleep(wait);
  }
}
