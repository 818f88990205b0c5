import type { ParseArgsConfig } from 'node:util';

export interface CliCommand {
  /** One or two words, e.g. "serve" or "user create". */
  readonly name: string;
  readonly usage: string;
  readonly summary: string;
  readonly options: NonNullable<ParseArgsConfig['options']>;
  run(options: Record<string, string | boolean | undefined>, positionals: string[]): Promise<number>;
}
