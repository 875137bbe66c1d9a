// RSP resources created in the console that the API only reads or fills: configurations and
// campaign pools.
import type { EngineContext } from "./engine-context.ts";
import { ok, type Reply, rspEmptySuccess, rspFailure, rspSuccess } from "./envelopes.ts";
import type { RspBody } from "./request-bodies.ts";

/** `listConfigs`: names containing `configName` (case-insensitive; the docs do not say how it matches), one page. */
export function listConfigs(ctx: EngineContext, body: RspBody<"ListConfigsRequest">): Reply {
  const filter = body.configName?.toLowerCase();
  const names = ctx.settings.configs
    .map((config) => config.name)
    .filter((name) => filter === undefined || name.toLowerCase().includes(filter));
  const { pageNum, pageSize } = body.pageParam;
  const start = (pageNum - 1) * pageSize;
  return ok(
    rspSuccess({
      configs: names.slice(start, start + pageSize),
      pageParam: { total: names.length, pageNum, pageSize },
    }),
  );
}

/**
 * `addCampaignResource`: all or nothing, since the answer has no per-record results; an
 * ICCID repeated in the request or already in the pool fails the call.
 */
export function addCampaignResource(
  ctx: EngineContext,
  body: RspBody<"AddCampaignResourceRequest">,
): Reply {
  if (!ctx.settings.campaigns.includes(body.campaignName)) {
    return ok(rspFailure("CAMPAIGN_NOT_FOUND", `campaign ${body.campaignName} not found`));
  }
  const pool = ctx.state.campaigns.get(body.campaignName) ?? new Set<string>();
  const incoming = new Set<string>();
  for (const record of body.metaDatas) {
    if (pool.has(record.iccid) || incoming.has(record.iccid)) {
      return ok(
        rspFailure(
          "DUPLICATE_ICCID",
          `ICCID [${record.iccid}] is repeated or already in campaign ${body.campaignName}`,
        ),
      );
    }
    incoming.add(record.iccid);
  }
  for (const iccid of incoming) pool.add(iccid);
  ctx.state.campaigns.set(body.campaignName, pool);
  return ok(rspEmptySuccess());
}
