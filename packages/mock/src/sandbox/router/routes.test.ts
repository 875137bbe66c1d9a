import { cmpMetadata, eimMetadata, rspMetadata } from "@simlessly/contract";
import { describe, expect, it } from "vitest";
import { demoCredentials } from "../credentials/credentials.ts";
import { createRouteTable } from "./routes.ts";

describe("createRouteTable", () => {
  const table = createRouteTable(demoCredentials.cmp);

  it("serves every operation of the three documents on its own path", () => {
    const expected = [rspMetadata, eimMetadata, cmpMetadata].flatMap((metadata) =>
      metadata.operations.map((operation) => `${operation.path} ${operation.operationId}`),
    );
    const served = [...table.values()].map((route) => `${route.path} ${route.operationId}`);
    expect(served.sort()).toEqual(expected.sort());
  });

  it("authenticates each product its own way and lets only the token call through", () => {
    const routes = [...table.values()];
    const withAuth = (auth: string) => routes.filter((route) => route.auth === auth);
    expect(withAuth("rsp")).toHaveLength(rspMetadata.operations.length);
    expect(withAuth("eim")).toHaveLength(eimMetadata.operations.length);
    expect(withAuth("none").map((route) => route.operationId)).toEqual(["getAccessToken"]);
  });
});
