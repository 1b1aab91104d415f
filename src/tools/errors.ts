/** A tool argument the server rejected before anything was sent; names the field to fix. */
export class InputError extends Error {
  override name = 'InputError';
  constructor(
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${field}: ${problem}`);
  }
}
