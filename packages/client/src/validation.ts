// @simlessly/client/validation: the generated zod schemas of each product as validators for
// the clients' `validator` option. A separate entry point, because it brings in zod: a
// browser bundle that does not import it stays small.
//
//   import { rspValidator } from "@simlessly/client/validation";
//   const rsp = createRspClient({ accessKey, secretKey, validator: rspValidator });
import { cmpSchemas, eimSchemas, rspSchemas } from "@simlessly/contract";
import { createSchemaValidator, type SchemaValidator } from "./answers/schema-validator.ts";

/** Checks RSP bodies against the zod schemas generated from the contract. */
export const rspValidator: SchemaValidator = createSchemaValidator(rspSchemas);

/** Checks eIM bodies against the zod schemas generated from the contract. */
export const eimValidator: SchemaValidator = createSchemaValidator(eimSchemas);

/** Checks CMP bodies against the zod schemas generated from the contract. */
export const cmpValidator: SchemaValidator = createSchemaValidator(cmpSchemas);

export type { SchemaValidator } from "./answers/schema-validator.ts";
