// Shared set-up of the engine unit tests (src/sandbox/**/*.test.ts): an engine on a clock the
// test moves, parsed request bodies, and reply bodies for assertions.
import { eimSchemas, rspSchemas } from "@simlessly/contract";
import type { z } from "zod";
import type { ProfileStatusNotification } from "../src/sandbox/engine/engine-context.ts";
import type { Reply } from "../src/sandbox/engine/envelopes.ts";
import {
  createSandboxEngine,
  type EngineSettingsInput,
} from "../src/sandbox/engine/sandbox-engine.ts";

/** An engine whose clock starts at 2027-03-07 11:00:00 UTC and moves only when told. */
export function testEngine(settings: EngineSettingsInput = {}) {
  let now = Date.UTC(2027, 2, 7, 11, 0, 0);
  const notifications: ProfileStatusNotification[] = [];
  const { ctx, codeKey } = createSandboxEngine({
    settings: { batchDelayMs: 1000, ...settings },
    now: () => now,
    seed: 1,
    notify: (notification) => notifications.push(notification),
  });
  return {
    ctx,
    codeKey,
    notifications,
    advance(ms: number) {
      now += ms;
    },
  };
}

/** A parsed RSP request body (defaults filled in), as the route table hands it over. */
export function rspBody<Name extends keyof typeof rspSchemas>(
  name: Name,
  input: z.input<(typeof rspSchemas)[Name]>,
): z.output<(typeof rspSchemas)[Name]> {
  return (rspSchemas[name] as unknown as z.ZodType).parse(input) as z.output<
    (typeof rspSchemas)[Name]
  >;
}

/** A parsed eIM request body. */
export function eimBody<Name extends keyof typeof eimSchemas>(
  name: Name,
  input: z.input<(typeof eimSchemas)[Name]>,
): z.output<(typeof eimSchemas)[Name]> {
  return (eimSchemas[name] as unknown as z.ZodType).parse(input) as z.output<
    (typeof eimSchemas)[Name]
  >;
}

/** The body of a reply, for assertions. */
export function bodyOf(reply: Reply): Record<string, unknown> {
  return reply.body as Record<string, unknown>;
}
