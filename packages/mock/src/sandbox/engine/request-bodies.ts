// The validated request bodies the engine functions take: the output types of the generated
// zod schemas (defaults filled in), so the engine and the validation cannot drift apart.
import type { cmpSchemas, eimSchemas, rspSchemas } from "@simlessly/contract";
import type { z } from "zod";

/** The parsed body of an RSP request schema. */
export type RspBody<Name extends keyof typeof rspSchemas> = z.output<(typeof rspSchemas)[Name]>;

/** The parsed body of an eIM request schema. */
export type EimBody<Name extends keyof typeof eimSchemas> = z.output<(typeof eimSchemas)[Name]>;

/** The parsed body of a CMP request schema. */
export type CmpBody<Name extends keyof typeof cmpSchemas> = z.output<(typeof cmpSchemas)[Name]>;
