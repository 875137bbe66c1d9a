// Answers an authenticated, parsed request: screens the body for tolerated and uncertain forms
// (request-screen.ts), refuses them under `--strict` or else hands the screened body to the
// operation, and puts the warnings on the answer (`x-sandbox-warning`) and in the request log.
import type { RequestLog } from "../admin/request-log.ts";
import { EimSandboxStatus } from "../engine/eim-codes.ts";
import type { EngineContext } from "../engine/engine-context.ts";
import { eimFailure, ok, type Reply, rspFailure } from "../engine/envelopes.ts";
import type { ProductName, Route } from "../router/routes.ts";
import { screenRequest } from "../screen/request-screen.ts";
import {
  formatWarnings,
  type SandboxWarning,
  warningHeaderName,
} from "../screen/sandbox-warnings.ts";

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
  const reply = refused ? strictRefusal(route.product, warnings) : route.handle(input.ctx, body);
  return { ...reply, headers: { ...reply.headers, [warningHeaderName]: formatWarnings(warnings) } };
}

/**
 * The failure `--strict` answers: what the product answers for a body outside the schema
 * (routes.ts), naming the forms (never values).
 */
function strictRefusal(product: ProductName, warnings: readonly SandboxWarning[]): Reply {
  const reason = `refused in strict mode, a form the docs do not show: ${formatWarnings(warnings)}`;
  if (product === "eim") {
    return ok(eimFailure(EimSandboxStatus.INVALID_REQUEST, `INVALID_REQUEST: ${reason}`));
  }
  // CMP documents no error body; a plain 400 says what is wrong.
  if (product === "cmp") return { status: 400, body: { message: reason } };
  return ok(rspFailure("INVALID_REQUEST", reason));
}
