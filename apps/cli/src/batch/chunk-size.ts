import { rspMetadata } from "@simlessly/contract";

/** Records per batch: the contract's `metaDatas` maximum for generateAcByBatch (200). */
export const maxChunkSize: number = (() => {
  const limit = rspMetadata.batchLimits.find(
    (entry) => entry.operationId === "generateAcByBatch" && entry.field === "metaDatas",
  );
  if (limit?.maxItems == null)
    throw new Error("the contract gives no metaDatas limit for generateAcByBatch");
  return limit.maxItems;
})();
