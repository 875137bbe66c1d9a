import type { BatchApi } from "../batch/batch-api.ts";
import { ConfigError } from "../cli/cli-error.ts";
import type { RspSettings } from "../config/product-settings.ts";

/**
 * The real {@link BatchApi} over the typed RSP client. Not wired yet: @simlessly/client is
 * being written. Wiring it means: create the client from `settings` (base URL, keys, signing
 * scheme), call generateAcByBatch / getBatchInfo, and map the client's errors:
 * SimlesslyUnknownOutcomeError → UnknownOutcomeError, 401/403 or a signature refusal →
 * AuthenticationError, 429 or a connection that never sent → NotSentError, other refusals
 * (`success: false`) → BatchRejectedError (see README, "Wiring the client").
 */
export async function createRspBatchApi(_settings: RspSettings): Promise<BatchApi> {
  throw new ConfigError(
    "this build of simlessly cannot reach the platform yet (the RSP client is not wired in); use --dry-run to check an input",
  );
}
