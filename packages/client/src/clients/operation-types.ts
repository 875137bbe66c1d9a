// The types of the per-operation methods, derived from the generated openapi-typescript
// `operations` and the operation ids of the generated operation tables: nothing here names an
// operation or a field by hand.
import type { CmpOperations, EimOperations, RspOperations } from "@simlessly/contract";
import type { operations as cmpOperations } from "../generated/cmp.ts";
import type { operations as eimOperations } from "../generated/eim.ts";
import type { operations as rspOperations } from "../generated/rsp.ts";

/** Options of one call. */
export interface CallOptions {
  /** Aborts the call. A call that changes state aborted in flight fails with an unknown outcome. */
  readonly signal?: AbortSignal | undefined;
  /** Extra headers (e.g. tracing); they never replace the signature headers. */
  readonly headers?: Readonly<Record<string, string>> | undefined;
  /** Limit of each attempt for this call, in milliseconds. */
  readonly timeoutMs?: number | undefined;
  /** Limit of the whole call (attempts and backoff), in milliseconds. */
  readonly totalTimeoutMs?: number | undefined;
}

/** The JSON request body of an operation. */
export type RequestBodyOf<Operation> = Operation extends {
  requestBody: { content: { "application/json": infer Body } };
}
  ? Body
  : Operation extends { requestBody?: { content: { "application/json": infer Body } } }
    ? Body | undefined
    : undefined;

/** The JSON body of an operation's 200 answer. */
export type AnswerOf<Operation> = Operation extends {
  responses: { 200: { content: { "application/json": infer Answer } } };
}
  ? Answer
  : unknown;

/** The data of an envelope answer: `obj` of its success branch, null where it may be absent. */
export type EnvelopeDataOf<Answer> = Answer extends { success: true }
  ? "obj" extends keyof Answer
    ? Exclude<Answer["obj"], undefined> | (undefined extends Answer["obj"] ? null : never)
    : null
  : never;

/** One operation as a method: the request body in, the answer's data out. */
export type OperationMethod<Body, Data> = undefined extends Body
  ? (body?: Body, options?: CallOptions) => Promise<Data>
  : (body: Body, options?: CallOptions) => Promise<Data>;

/** The ids of the RSP operations (webhooks excluded). */
export type RspOperationId = (typeof rspOperations)[number]["operationId"];
/** The ids of the eIM operations (webhooks excluded). */
export type EimOperationId = (typeof eimOperations)[number]["operationId"];
/** The ids of the CMP operations. */
export type CmpOperationId = (typeof cmpOperations)[number]["operationId"];

/** The request body of an RSP operation. */
export type RspRequest<Id extends RspOperationId> = RequestBodyOf<RspOperations[Id]>;
/** What an RSP operation resolves to: the `obj` of its success envelope. */
export type RspData<Id extends RspOperationId> = EnvelopeDataOf<AnswerOf<RspOperations[Id]>>;
/** The request body of an eIM operation. */
export type EimRequest<Id extends EimOperationId> = RequestBodyOf<EimOperations[Id]>;
/** What an eIM operation resolves to: the `obj` of its success envelope (null when none). */
export type EimData<Id extends EimOperationId> = EnvelopeDataOf<AnswerOf<EimOperations[Id]>>;
/** The request body of a CMP operation. */
export type CmpRequest<Id extends CmpOperationId> = RequestBodyOf<CmpOperations[Id]>;
/** What a CMP operation resolves to: the answer body (CMP has no envelope). */
export type CmpData<Id extends CmpOperationId> = AnswerOf<CmpOperations[Id]>;

/** One method per RSP operation, named by operationId. */
export type RspMethods = {
  readonly [Id in RspOperationId]: OperationMethod<RspRequest<Id>, RspData<Id>>;
};
/** One method per eIM operation, named by operationId. */
export type EimMethods = {
  readonly [Id in EimOperationId]: OperationMethod<EimRequest<Id>, EimData<Id>>;
};
/** One method per CMP operation, named by operationId. */
export type CmpMethods = {
  readonly [Id in CmpOperationId]: OperationMethod<CmpRequest<Id>, CmpData<Id>>;
};
