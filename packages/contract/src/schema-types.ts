// Shorthands for the spec type of one named schema, e.g. `RspSchema<"GenerateAcRequest">`.
import type { components as CmpComponents } from "./generated/cmp/types.ts";
import type { components as EimComponents } from "./generated/eim/types.ts";
import type { components as RspComponents } from "./generated/rsp/types.ts";

/** The type of the RSP named schema `Name`. */
export type RspSchema<Name extends keyof RspComponents["schemas"]> = RspComponents["schemas"][Name];

/** The type of the eIM named schema `Name`. */
export type EimSchema<Name extends keyof EimComponents["schemas"]> = EimComponents["schemas"][Name];

/** The type of the CMP named schema `Name`. */
export type CmpSchema<Name extends keyof CmpComponents["schemas"]> = CmpComponents["schemas"][Name];
