import type {
  CmpData,
  CmpOperationId,
  CmpRequest,
  EimData,
  EimOperationId,
  EimRequest,
  RspData,
  RspOperationId,
  RspRequest,
} from "@simlessly/client";
import type { CommandModule } from "../command-module.ts";
import { type OperationSpec, operationCommand } from "./run-operation.ts";

// Typed front doors to operationCommand: the operation id fixes the body and answer types, so
// a command's field builder and report are checked against the contract.

type SpecOf<P extends "rsp" | "eim" | "cmp", Body, Answer> = Omit<
  OperationSpec<P, Body, Answer>,
  "product" | "operationId"
>;

/** A command for one RSP operation. */
export function rspOperation<Id extends RspOperationId, Answer = RspData<Id>>(
  operationId: Id,
  spec: SpecOf<"rsp", RspRequest<Id>, Answer> = {},
): CommandModule {
  return operationCommand({ ...spec, product: "rsp", operationId });
}

/** A command for one eIM operation. */
export function eimOperation<Id extends EimOperationId, Answer = EimData<Id>>(
  operationId: Id,
  spec: SpecOf<"eim", EimRequest<Id>, Answer> = {},
): CommandModule {
  return operationCommand({ ...spec, product: "eim", operationId });
}

/** A command for one CMP operation. */
export function cmpOperation<Id extends CmpOperationId, Answer = CmpData<Id>>(
  operationId: Id,
  spec: SpecOf<"cmp", CmpRequest<Id>, Answer> = {},
): CommandModule {
  return operationCommand({ ...spec, product: "cmp", operationId });
}
