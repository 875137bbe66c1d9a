/** Thrown when a signing input cannot produce a valid request; names the field, never its value. */
export class SigningInputError extends TypeError {
  /** The input field that is wrong, e.g. `timestamp`. */
  readonly field: string;
  /** The rule the field breaks, e.g. `must be a non-empty string`. */
  readonly problem: string;

  constructor(field: string, problem: string) {
    // The message names the field and the rule only: values may be secrets.
    super(`${field} ${problem}`);
    this.name = "SigningInputError";
    this.field = field;
    this.problem = problem;
  }
}
