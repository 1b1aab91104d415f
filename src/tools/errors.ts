/** A tool argument the server rejected before anything was sent; names the field to fix. */
export class InputError extends Error {
  override name = 'InputError';
  constructor(
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${field}: ${problem}`);
  }

  /** The error as the model reads it. */
  get sentence(): string {
    return `invalid argument ${this.message}`;
  }
}

/** Arguments the tool does not take (a misspelling, a guessed name): named, with a fix. */
export class UnknownArgumentError extends InputError {
  override name = 'UnknownArgumentError';
  constructor(
    readonly unknown: string[],
    readonly text: string,
  ) {
    super(unknown[0] ?? 'arguments', text);
  }

  override get sentence(): string {
    return this.text;
  }
}

/** A multi-call workflow failed after some calls took effect: says what exists now. */
export class PartialError extends Error {
  override name = 'PartialError';
  constructor(
    /** What was done before the failure, e.g. "event 123 was created". */
    readonly done: string,
    override readonly cause: unknown,
  ) {
    super(done);
  }
}
