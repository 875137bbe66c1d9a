import type { OperationInfo } from "@simlessly/contract";

/** An operation as the transport needs it. */
export type OperationEntry = Pick<
  OperationInfo,
  "operationId" | "path" | "requestSchema" | "responseSchema" | "readOnly"
>;

/** An operation a typed method calls. */
export type CallableOperation = OperationEntry & { readonly method: string };

/** Used for a request to a path the contract does not describe (through `client.raw`). */
export const unknownOperation: OperationEntry = {
  operationId: "unknown",
  path: "",
  requestSchema: null,
  responseSchema: null,
  // Nothing is known about it, so it is treated as changing state: never re-sent.
  readOnly: false,
};

/** Finds the operation of a request URL. */
export interface OperationTable {
  forUrl(url: string): OperationEntry;
}

/** Indexes a product's operations by the full path they have under `baseUrl`. */
export function createOperationTable(
  operations: readonly OperationEntry[],
  baseUrl: string,
): OperationTable {
  const basePath = new URL(baseUrl).pathname.replace(/\/+$/, "");
  const byPath = new Map(operations.map((operation) => [basePath + operation.path, operation]));
  return {
    forUrl(url) {
      return byPath.get(new URL(url).pathname) ?? unknownOperation;
    },
  };
}
