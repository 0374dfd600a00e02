/** What every command gets: its output, the environment, and the store opened on first use. */
import type { OpenedStore } from '../store/node/open-store';
import type { Env } from '../store/node/store-spec';
import type { Output } from './output';
import { createOutput } from './output';
import { defaultProject } from './refs';

export interface GlobalOptions {
  readonly store?: string;
  readonly json?: boolean;
  readonly project?: string;
}

export interface CommandContext {
  readonly out: Output;
  readonly env: Env;
  readonly project: string;
  readonly storeFlag: string | undefined;
  openStore(): Promise<OpenedStore>;
  /** Aborted on Ctrl-C: commands stop and leave no half version. */
  readonly signal: AbortSignal;
}

export function commandContext(options: GlobalOptions, signal: AbortSignal): CommandContext {
  const env = process.env;
  const out = createOutput(options.json === true);
  let opened: Promise<OpenedStore> | null = null;
  return {
    out,
    env,
    project: options.project ?? defaultProject(env),
    storeFlag: options.store,
    signal,
    openStore: () => {
      opened ??= import('../store/node/open-store').then(async ({ openStore }) => {
        const result = await openStore({ ...(options.store === undefined ? {} : { store: options.store }), env });
        if (result.readOnlyReason) out.note(`note: ${result.description} is open read-only: ${result.readOnlyReason}`);
        return result;
      });
      return opened;
    },
  };
}
