// The admin request log: the last requests the sandbox answered from an operation, with their
// warnings, so that a test or a person can see what the sandbox tolerated without reading
// response headers. It never holds a body or a header value, only names and times.
import type { ProductName } from "../router/routes.ts";
import type { SandboxWarning } from "../screen/sandbox-warnings.ts";

/** How many requests the log keeps; older ones are dropped. */
export const requestLogCapacity = 200;

/** One answered request. */
export interface RequestLogEntry {
  /** When it was answered, milliseconds since the epoch on the sandbox clock. */
  readonly timeMs: number;
  readonly product: ProductName;
  readonly operationId: string;
  /** The tolerated or uncertain forms it used (see request-screen.ts). */
  readonly warnings: readonly SandboxWarning[];
  /** True when `--strict` refused it for them. */
  readonly refused: boolean;
}

/** The log: append, read oldest first, clear. */
export interface RequestLog {
  record(entry: RequestLogEntry): void;
  entries(): readonly RequestLogEntry[];
  clear(): void;
}

/** Creates an empty log keeping the last `capacity` entries. */
export function createRequestLog(capacity = requestLogCapacity): RequestLog {
  // A ring: `next` is where the next entry goes, the oldest once the ring is full.
  const ring: RequestLogEntry[] = [];
  let next = 0;
  return {
    record(entry) {
      if (ring.length < capacity) ring.push(entry);
      else ring[next] = entry;
      next = (next + 1) % capacity;
    },
    entries: () =>
      ring.length < capacity ? [...ring] : [...ring.slice(next), ...ring.slice(0, next)],
    clear() {
      ring.length = 0;
      next = 0;
    },
  };
}
