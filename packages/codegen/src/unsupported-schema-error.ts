/**
 * Thrown for a keyword or a form the generators do not translate. It always names the JSON
 * pointer, because a silently skipped keyword would be a constraint the zod schemas lose.
 */
export class UnsupportedSchemaError extends Error {
  /** Where in the document the problem is, e.g. `#/components/schemas/Foo/properties/bar`. */
  readonly pointer: string;

  constructor(pointer: string, problem: string) {
    super(`${pointer}: ${problem}`);
    this.name = "UnsupportedSchemaError";
    this.pointer = pointer;
  }
}
