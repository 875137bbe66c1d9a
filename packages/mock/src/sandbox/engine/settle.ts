// Time-driven changes (batches finishing, SIM status changes taking effect) happen lazily:
// before each request the sandbox applies everything that has come due, oldest first. The
// outcome is the same as with timers, but a test with an injected clock decides exactly when.
import { completeEimBatch } from "./eim-operations.ts";
import type { EngineContext } from "./engine-context.ts";
import { completeRspBatch } from "./rsp-generate.ts";

/** Applies every change due at the context's current time; returns how many it applied. */
export function settle(ctx: EngineContext): number {
  const now = ctx.now();
  const { state } = ctx;
  let applied = 0;
  // Each queue is in submission order, so a later batch never overtakes an earlier one.
  while (state.rspPending.length > 0 && (state.rspPending[0]?.dueMs ?? Infinity) <= now) {
    const batch = state.rspPending.shift();
    if (batch !== undefined) completeRspBatch(ctx, batch);
    applied += 1;
  }
  while (state.eimPending.length > 0 && (state.eimPending[0]?.dueMs ?? Infinity) <= now) {
    const batch = state.eimPending.shift();
    if (batch !== undefined) completeEimBatch(ctx, batch);
    applied += 1;
  }
  while (state.cmpPending.length > 0 && (state.cmpPending[0]?.dueMs ?? Infinity) <= now) {
    const change = state.cmpPending.shift();
    if (change !== undefined)
      for (const iccid of change.iccids) state.cmpSims.set(iccid, change.active);
    applied += 1;
  }
  return applied;
}
