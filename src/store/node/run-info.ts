/** Where and how a run ran, recorded on the run for its page: command line, host, folder, git commit, user. */
import { execFileSync } from 'node:child_process';
import { hostname, userInfo } from 'node:os';

export interface RunContextInfo {
  command?: readonly string[];
  host: string;
  cwd: string;
  gitCommit?: string;
  actor?: string;
}

/** The commit checked out in `cwd`, when it is inside a git work tree (and git is installed). */
export function gitCommitOf(cwd: string): string | undefined {
  try {
    const out = execFileSync('git', ['rev-parse', 'HEAD'], { cwd, stdio: ['ignore', 'pipe', 'ignore'], timeout: 2000 }).toString().trim();
    return /^[0-9a-f]{40,64}$/.test(out) ? out : undefined;
  } catch {
    return undefined;
  }
}

export function runContextInfo(command: readonly string[] | undefined, cwd: string = process.cwd()): RunContextInfo {
  let actor: string | undefined;
  try {
    actor = userInfo().username;
  } catch {
    actor = undefined;
  }
  const gitCommit = gitCommitOf(cwd);
  return { ...(command ? { command: [...command] } : {}), host: hostname(), cwd, ...(gitCommit ? { gitCommit } : {}), ...(actor ? { actor } : {}) };
}
