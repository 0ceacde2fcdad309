/**
 * A configuration value that cannot be used: its message names the environment variable and what it must be.
 * Entry points report it as one line and exit with code 2 (see `startup-errors.ts`), never with a stack.
 */
export class ConfigError extends Error {
  /** The environment variable to change, e.g. `GATEWAY_PORT`. */
  readonly variable: string;

  constructor(variable: string, message: string) {
    super(message);
    this.name = 'ConfigError';
    this.variable = variable;
  }
}
