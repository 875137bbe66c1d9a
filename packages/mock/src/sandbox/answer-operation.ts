// Answers an authenticated, parsed request: screens the body for tolerated and uncertain forms
// (request-screen.ts), refuses them under `--strict` or else hands the screened body to the
// operation, and puts the warnings on the answer (`x-sandbox-warning`) and in the request log.
import type { EngineContext } from "./engine-context.ts";
import { ok, type Reply, rspFailure } from "./envelopes.ts";
import type { RequestLog } from "./request-log.ts";
import { screenRequest } from "./request-screen.ts";
import type { Route } from "./routes.ts";
import { formatWarnings, type SandboxWarning, warningHeaderName } from "./sandbox-warnings.ts";

/** What answering needs besides the request. */
export interface AnswerInput {
  readonly ctx: EngineContext;
  /** Refuse every tolerated or uncertain form instead of accepting it with a warning. */
  readonly strict: boolean;
  readonly log: RequestLog;
}

/** The answer to one request whose signature and JSON were accepted. */
export function answerOperation(input: AnswerInput, route: Route, json: unknown): Reply {
  const { body, warnings } = screenRequest(route.product, route.operationId, json);
  const refused = input.strict && warnings.length > 0;
  input.log.record({
    timeMs: input.ctx.now(),
    product: route.product,
    operationId: route.operationId,
    warnings,
    refused,
  });
  if (warnings.length === 0) return route.handle(input.ctx, body);
  const reply = refused ? strictRefusal(warnings) : route.handle(input.ctx, body);
  return { ...reply, headers: { ...reply.headers, [warningHeaderName]: formatWarnings(warnings) } };
}

/**
 * The failure `--strict` answers: INVALID_REQUEST, as for a body outside the schema, naming
 * the forms (never values). Only RSP requests have such forms (see request-screen.ts).
 */
function strictRefusal(warnings: readonly SandboxWarning[]): Reply {
  return ok(
    rspFailure(
      "INVALID_REQUEST",
      `refused in strict mode, a form the docs do not show: ${formatWarnings(warnings)}`,
    ),
  );
}
