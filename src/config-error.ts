// A wrong flag or env value: the CLI prints the message as one line and exits with code 2.
export class ConfigError extends Error {
  override name = 'ConfigError';
}
