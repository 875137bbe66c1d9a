// The route table: every operation of the three documents, keyed by path, with the generated
// zod schema that validates its body and the engine function that answers it. The table is
// built from the generated operation metadata and refuses to start when an operation has no
// handler, a handler validates with another schema than the spec names, or two paths collide.
import {
  cmpMetadata,
  cmpSchemas,
  eimMetadata,
  eimSchemas,
  rspMetadata,
  rspSchemas,
} from "@simlessly/contract";
import type { z } from "zod";
import type { CmpCredentials } from "../credentials/credentials.ts";
import { changeSimStatus, getAccessToken, getDeviceSimsDetail } from "../engine/cmp-operations.ts";
import { EimSandboxStatus } from "../engine/eim-codes.ts";
import { allocateAc, getBatchTaskResult, submitEimBatch } from "../engine/eim-operations.ts";
import type { EngineContext } from "../engine/engine-context.ts";
import { eimFailure, ok, type Reply, rspFailure } from "../engine/envelopes.ts";
import { addCampaignResource, listConfigs } from "../engine/rsp-catalog.ts";
import {
  generateAc,
  generateAcByBatch,
  generateAcByUpp,
  getBatchInfo,
} from "../engine/rsp-generate.ts";
import {
  cancelOrder,
  confirmOrder,
  downloadOrder,
  expireOrder,
  releaseProfile,
} from "../engine/rsp-orders.ts";
import {
  changeRecycleTime,
  deleteProfile,
  getProfileDetail,
  listProfileLogs,
  updateProfileByUpp,
  updateProfileParam,
} from "../engine/rsp-profiles.ts";
import { describeIssues, type IssueLike } from "../engine/validation.ts";

/** A product of the platform. */
export type ProductName = "rsp" | "eim" | "cmp";

/** How a route authenticates: the product's signature, a CMP bearer token, or not at all. */
export type RouteAuth = "rsp" | "eim" | "cmp-bearer" | "none";

/** One operation as the HTTP edge serves it. */
export interface Route {
  readonly product: ProductName;
  readonly operationId: string;
  readonly path: string;
  readonly auth: RouteAuth;
  /** Validates the parsed JSON body (screened by request-screen.ts) and answers it. */
  readonly handle: (ctx: EngineContext, json: unknown) => Reply;
}

/** A handler before it is placed in the table: the schema it validates with, by name. */
interface RouteHandler {
  readonly schemaName: string;
  readonly handle: (ctx: EngineContext, json: unknown) => Reply;
}

type RspSchemaName = keyof typeof rspSchemas;
type EimSchemaName = keyof typeof eimSchemas;
type CmpSchemaName = keyof typeof cmpSchemas;

type RspOperationId = (typeof rspMetadata.operations)[number]["operationId"];
type EimOperationId = (typeof eimMetadata.operations)[number]["operationId"];
type CmpOperationId = (typeof cmpMetadata.operations)[number]["operationId"];

function rspRoute<N extends RspSchemaName>(
  schemaName: N,
  handler: (ctx: EngineContext, body: z.output<(typeof rspSchemas)[N]>) => Reply,
): RouteHandler {
  const schema = rspSchemas[schemaName] as unknown as z.ZodType;
  return {
    schemaName,
    handle: (ctx, json) => {
      const parsed = schema.safeParse(json);
      if (!parsed.success)
        return ok(rspFailure("INVALID_REQUEST", describeIssues(parsed.error.issues)));
      return handler(ctx, parsed.data as z.output<(typeof rspSchemas)[N]>);
    },
  };
}

function eimRoute<N extends EimSchemaName>(
  schemaName: N,
  handler: (ctx: EngineContext, body: z.output<(typeof eimSchemas)[N]>) => Reply,
): RouteHandler {
  const schema = eimSchemas[schemaName] as unknown as z.ZodType;
  return {
    schemaName,
    handle: (ctx, json) => {
      const parsed = schema.safeParse(json);
      if (!parsed.success) return ok(eimInvalidRequest(json, parsed.error.issues));
      return handler(ctx, parsed.data as z.output<(typeof eimSchemas)[N]>);
    },
  };
}

/** eIM batch routes read their items themselves (an item may fail alone, see eim-batch-items.ts). */
function eimBatchRoute(schemaName: EimSchemaName, handle: RouteHandler["handle"]): RouteHandler {
  return { schemaName, handle };
}

function cmpRoute<N extends CmpSchemaName>(
  schemaName: N,
  handler: (ctx: EngineContext, body: z.output<(typeof cmpSchemas)[N]>) => Reply,
): RouteHandler {
  const schema = cmpSchemas[schemaName] as unknown as z.ZodType;
  return {
    schemaName,
    handle: (ctx, json) => {
      const parsed = schema.safeParse(json);
      // CMP documents no error body; a plain 400 says what is wrong.
      if (!parsed.success)
        return { status: 400, body: { message: describeIssues(parsed.error.issues) } };
      return handler(ctx, parsed.data as z.output<(typeof cmpSchemas)[N]>);
    },
  };
}

/**
 * The Appendix 4 code that fits a malformed single request, where one does: a bad EID,
 * IMEI or ICCID, or neither EID nor IMEI; else the sandbox's INVALID_REQUEST.
 */
function eimInvalidRequest(
  json: unknown,
  issues: readonly IssueLike[],
): ReturnType<typeof eimFailure> {
  const body = typeof json === "object" && json !== null ? (json as Record<string, unknown>) : {};
  if (body.eid === undefined && body.imei === undefined && "iccid" in body) {
    return eimFailure(123022, "eid and imei must not be empty");
  }
  const field = issues[0]?.path[0];
  if (field === "eid") return eimFailure(23510, "Invalid eid");
  if (field === "imei") return eimFailure(23018, "Invalid parameter: imei");
  if (field === "iccid") return eimFailure(110033, "ICCID parameter is illegal");
  return eimFailure(EimSandboxStatus.INVALID_REQUEST, `INVALID_REQUEST: ${describeIssues(issues)}`);
}

function rspHandlers(): Record<RspOperationId, RouteHandler> {
  return {
    generateAc: rspRoute("GenerateAcRequest", generateAc),
    // The same call with an access rule, which the sandbox validates and does not keep.
    generateAcV2: rspRoute("GenerateAcV2Request", generateAc),
    generateAcByBatch: rspRoute("GenerateAcByBatchRequest", generateAcByBatch),
    getBatchInfo: rspRoute("GetBatchInfoRequest", getBatchInfo),
    generateAcByUpp: rspRoute("GenerateAcByUppRequest", generateAcByUpp),
    addProfileByUpp: rspRoute("GenerateAcByUppRequest", generateAcByUpp),
    updateProfileParam: rspRoute("UpdateProfileParamRequest", updateProfileParam),
    updateProfileByUpp: rspRoute("UpdateProfileByUppRequest", updateProfileByUpp),
    deleteProfile: rspRoute("DeleteProfileRequest", deleteProfile),
    getProfileDetail: rspRoute("GetProfileDetailRequest", getProfileDetail),
    listProfileLogs: rspRoute("ListProfileLogsRequest", listProfileLogs),
    listConfigs: rspRoute("ListConfigsRequest", listConfigs),
    downloadOrder: rspRoute("DownloadOrderRequest", downloadOrder),
    confirmOrder: rspRoute("ConfirmOrderRequest", confirmOrder),
    cancelOrder: rspRoute("CancelOrderRequest", cancelOrder),
    releaseProfile: rspRoute("ReleaseProfileRequest", releaseProfile),
    expireOrder: rspRoute("ExpireOrderRequest", expireOrder),
    changeRecycleTime: rspRoute("ChangeRecycleTimeRequest", changeRecycleTime),
    addCampaignResource: rspRoute("AddCampaignResourceRequest", addCampaignResource),
  };
}

function eimHandlers(): Record<EimOperationId, RouteHandler> {
  return {
    allocateAc: eimRoute("AllocateAcRequest", allocateAc),
    allocateAcSingle: eimRoute("AllocateAcRequest", allocateAc),
    batchAllocateAc: eimBatchRoute("BatchAllocateAcRequest", (ctx, json) =>
      submitEimBatch(ctx, "allocate", json),
    ),
    batchImportAc: eimBatchRoute("BatchImportAcRequest", (ctx, json) =>
      submitEimBatch(ctx, "importAc", json),
    ),
    batchImportDevice: eimBatchRoute("BatchImportDeviceRequest", (ctx, json) =>
      submitEimBatch(ctx, "importDevice", json),
    ),
    getBatchTaskResult: eimRoute("GetBatchTaskResultRequest", getBatchTaskResult),
  };
}

function cmpHandlers(credentials: CmpCredentials): Record<CmpOperationId, RouteHandler> {
  return {
    getAccessToken: cmpRoute("GetAccessTokenRequest", (ctx, body) =>
      getAccessToken(ctx, body, credentials),
    ),
    getDeviceSimsDetail: cmpRoute("GetDeviceSimsDetailRequest", getDeviceSimsDetail),
    changeSimStatus: cmpRoute("ChangeSimStatusRequest", changeSimStatus),
  };
}

/** The operations of one product as the metadata lists them. */
interface OperationList {
  readonly operations: readonly {
    readonly operationId: string;
    readonly path: string;
    readonly method: string;
    readonly requestSchema: string | null;
  }[];
}

/** Builds the table of every operation of the three products, keyed by path. */
export function createRouteTable(cmpCredentials: CmpCredentials): ReadonlyMap<string, Route> {
  const table = new Map<string, Route>();
  const add = (
    product: ProductName,
    metadata: OperationList,
    handlers: Record<string, RouteHandler>,
    authOf: (operationId: string) => RouteAuth,
  ) => {
    for (const operation of metadata.operations) {
      const handler = handlers[operation.operationId];
      if (handler === undefined) {
        throw new Error(`sandbox: no handler for ${product} operation ${operation.operationId}`);
      }
      if (handler.schemaName !== operation.requestSchema) {
        throw new Error(
          `sandbox: ${operation.operationId} validates with ${handler.schemaName}, the spec says ${operation.requestSchema}`,
        );
      }
      if (operation.method !== "post") {
        throw new Error(`sandbox: ${operation.operationId} is not a POST`);
      }
      const clash = table.get(operation.path);
      if (clash !== undefined) {
        throw new Error(
          `sandbox: ${operation.path} is both ${clash.operationId} and ${operation.operationId}`,
        );
      }
      table.set(operation.path, {
        product,
        operationId: operation.operationId,
        path: operation.path,
        auth: authOf(operation.operationId),
        handle: handler.handle,
      });
    }
  };
  add("rsp", rspMetadata, rspHandlers(), () => "rsp");
  add("eim", eimMetadata, eimHandlers(), () => "eim");
  add("cmp", cmpMetadata, cmpHandlers(cmpCredentials), (id) =>
    id === "getAccessToken" ? "none" : "cmp-bearer",
  );
  return table;
}
