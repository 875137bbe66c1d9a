import {
  isCredentialsRefused,
  type RspClient,
  type RspData,
  SimlesslyApiError,
  SimlesslyConnectionError,
  SimlesslyInvalidRequestError,
} from "@simlessly/client";
import {
  AuthenticationError,
  type BatchApi,
  type BatchInfo,
  BatchRejectedError,
  NotSentError,
  UnknownOutcomeError,
} from "../batch/batch-api.ts";
import { batchFinished } from "../batch/batch-finished.ts";
import type { RspSettings } from "../config/product-settings.ts";
import type { ClientLogging } from "./client-logging.ts";
import { rspClientFrom } from "./clients.ts";

/**
 * The {@link BatchApi} of the bulk pipeline over the typed RSP client. The client signs each
 * attempt, retries only what is safe (a submission only when it provably never left, or on
 * 429) and says what it knows of a failure; this maps that onto what the pipeline does next.
 */
export async function createRspBatchApi(
  settings: RspSettings,
  logging: ClientLogging = {},
): Promise<BatchApi> {
  return rspBatchApi(rspClientFrom(settings, logging));
}

/** The mapping itself, for any RSP client. */
export function rspBatchApi(client: RspClient): BatchApi {
  return {
    async submitBatch({ configName, needAcLink, records }) {
      let accepted: RspData<"generateAcByBatch">;
      try {
        accepted = await client.generateAcByBatch({
          configName,
          needAcLink,
          metaDatas: [...records],
        });
      } catch (error) {
        throw submissionError(error);
      }
      return { batchCode: batchCodeOf(accepted) };
    },
    async hasConfig(configName) {
      try {
        // The filter's matching is not documented: look for the exact name in what it returns.
        for await (const page of client.listConfigsPages({ configName, pageSize: 100 })) {
          if (page.configs.includes(configName)) return true;
        }
        return false;
      } catch (error) {
        if (error instanceof SimlesslyApiError && isCredentialsRefused(error)) {
          throw new AuthenticationError(error.message, { cause: error });
        }
        return undefined;
      }
    },
    async profileState(iccid) {
      try {
        const detail = await client.getProfileDetail({ iccid });
        // The platform keeps answering for a deleted profile (the sandbox does); it holds none.
        if (detail.status.toLowerCase() === "deleted") return undefined;
        return { status: detail.status, eid: detail.eid };
      } catch (error) {
        if (error instanceof SimlesslyApiError) {
          if (isCredentialsRefused(error))
            throw new AuthenticationError(error.message, { cause: error });
          if (saysNotFound(error)) return undefined;
        }
        throw error;
      }
    },
    async deleteProfile(iccid) {
      try {
        await client.deleteProfile({ iccid });
      } catch (error) {
        throw submissionError(error);
      }
    },
    async generateOne({ configName, needAcLink, record }) {
      try {
        const generated = await client.generateAc({ ...record, configName, needAcLink });
        return {
          iccid: generated.iccid,
          success: true,
          activationCode: generated.activationCode,
          acLink: generated.acLink,
        };
      } catch (error) {
        throw submissionError(error);
      }
    },
    async getBatchInfo({ batchCode, needAcLink }) {
      try {
        return batchInfoFrom(await client.getBatchInfo({ batchCode, needAcLink }));
      } catch (error) {
        // Read-only: the pipeline polls again, except when the credentials are refused.
        if (error instanceof SimlesslyApiError && isCredentialsRefused(error)) {
          throw new AuthenticationError(error.message, { cause: error });
        }
        throw error;
      }
    },
  };
}

/**
 * What a failed submission means for its records. Only an answer that refused the call, or a
 * request that never left, proves that nothing was processed; every other failure (timeout,
 * lost connection, 5xx, an unreadable answer) is an unknown outcome.
 */
function submissionError(error: unknown): Error {
  const options = { cause: error };
  if (error instanceof SimlesslyApiError) {
    if (isCredentialsRefused(error)) return new AuthenticationError(error.message, options);
    if (error.httpStatus === 429) return new NotSentError(error.message, options);
    const code = error.code === null ? undefined : String(error.code);
    return new BatchRejectedError(error.message, { ...options, code });
  }
  if (error instanceof SimlesslyConnectionError && !error.sent) {
    return new NotSentError(error.message, options);
  }
  if (error instanceof SimlesslyInvalidRequestError) {
    // Refused before sending: the records passed the same schema, so this is the client's
    // own limit (batch size, body size); nothing reached the platform.
    return new BatchRejectedError(error.message, options);
  }
  const message = error instanceof Error ? error.message : "the submission failed";
  return new UnknownOutcomeError(message, options);
}

/**
 * A refusal that says the ICCID holds no profile. The platform's code for it is not
 * documented (inferred: the sandbox's PROFILE_NOT_FOUND, or a message saying "not found" or
 * "not exist", as the appendix's other codes do).
 */
function saysNotFound(error: SimlesslyApiError): boolean {
  if (error.code === "PROFILE_NOT_FOUND") return true;
  return /not\s*(found|exists?)/i.test(error.serverMessage);
}

/**
 * The code to poll an accepted batch with. The docs' table marks it optional; an accepted
 * batch without one cannot be polled, and its records may have been generated: an unknown
 * outcome, as for a submission whose answer was lost.
 */
function batchCodeOf(accepted: RspData<"generateAcByBatch">): string {
  if (accepted.batchCode !== undefined && accepted.batchCode !== "") return accepted.batchCode;
  throw new UnknownOutcomeError(
    "the platform accepted the batch without a batch code to poll it with; its records may have been generated",
  );
}

function batchInfoFrom(info: RspData<"getBatchInfo">): BatchInfo {
  return {
    // A stopped batch (COMPLETE, or FAILED, say) is settled with the results it reports; its
    // other records are unknown.
    status: batchFinished(info.batchTaskInfo.status) ? "COMPLETE" : "PROCESSING",
    platformStatus: info.batchTaskInfo.status,
    results: (info.results ?? []).map((result) => ({
      iccid: result.iccid,
      success: result.success,
      activationCode: result.activationCode,
      acLink: result.acLink,
      errorReason: result.errorReason,
    })),
  };
}
