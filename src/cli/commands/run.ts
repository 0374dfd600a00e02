import type { CommandContext } from '../context';

export interface RunOptions {
  readonly name?: string;
  readonly jobType: string;
  readonly config?: readonly string[];
  readonly use?: readonly string[];
  readonly log?: readonly string[];
  readonly alias?: readonly string[];
}

export function runCommand(_context: CommandContext, _command: readonly string[], _options: RunOptions): Promise<void> {
  return Promise.reject(new Error('run is not available yet'));
}
