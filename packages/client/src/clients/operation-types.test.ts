// The method types come from the generated `operations`: checked by `tsc` (pnpm typecheck),
// and the runtime half checks that the metadata behind the methods names the same operations.
import {
  type CmpComponents,
  cmpMetadata,
  type EimComponents,
  eimMetadata,
  type RspComponents,
  rspMetadata,
} from "@simlessly/contract";
import { describe, expect, expectTypeOf, it } from "vitest";
import type { CmpData, EimData, RspData, RspMethods, RspRequest } from "./operation-types.ts";

type RspSchemas = RspComponents["schemas"];

describe("operation method types", () => {
  it("resolve to the obj of the success envelope", () => {
    expectTypeOf<RspData<"generateAcByBatch">>().toEqualTypeOf<RspSchemas["BatchAccepted"]>();
    expectTypeOf<RspData<"getBatchInfo">>().toEqualTypeOf<RspSchemas["BatchInfo"]>();
    expectTypeOf<RspData<"releaseProfile">>().toEqualTypeOf<null>();
    expectTypeOf<EimData<"batchImportAc">>().toEqualTypeOf<
      EimComponents["schemas"]["BatchSubmitted"]
    >();
    expectTypeOf<EimData<"allocateAc">>().toEqualTypeOf<null>();
    expectTypeOf<CmpData<"getAccessToken">>().toEqualTypeOf<
      CmpComponents["schemas"]["GetAccessTokenResponse"]
    >();
  });

  it("take the request body of the contract", () => {
    expectTypeOf<RspRequest<"generateAc">>().toEqualTypeOf<RspSchemas["GenerateAcRequest"]>();
    expectTypeOf<RspMethods["deleteProfile"]>()
      .parameter(0)
      .toEqualTypeOf<RspSchemas["DeleteProfileRequest"]>();
  });

  it("exist for operations only, not webhooks", () => {
    expectTypeOf<RspMethods>().not.toHaveProperty("profileStatusNotification");
    expect(rspMetadata.webhooks.map((webhook) => webhook.operationId)).toContain(
      "profileStatusNotification",
    );
  });

  it("are named after every operation id of the metadata, once", () => {
    for (const metadata of [rspMetadata, eimMetadata, cmpMetadata]) {
      const ids = metadata.operations.map((operation) => operation.operationId);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });
});
