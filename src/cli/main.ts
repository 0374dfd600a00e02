/**
 * `artifact-studio`: log and use artifacts from the command line, on the same stores as the app.
 * Only commander is loaded at start-up; each command imports its code when it runs.
 */
import { setMaxListeners } from 'node:events';
import { Command, CommanderError, Option } from 'commander';
import { AppError } from '../domain/errors';
import { EXIT_INTERRUPTED, ExitWith, exitCodeOf, hintFor, UsageError } from './cli-errors';
import type { GetOptions } from './commands/get';
import type { PutOptions } from './commands/put';
import type { RunOptions } from './commands/run';
import type { CommandContext, GlobalOptions } from './context';
import { commandContext } from './context';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

function buildProgram(run: (body: (context: CommandContext) => Promise<void>) => Promise<void>): Command {
  const program = new Command('artifact-studio')
    .description('Log and use versioned artifacts (datasets, models) on a shared store, from the command line')
    .option('--store <spec>', 's3://bucket/prefix or a folder (default: $ARTIFACT_STUDIO_STORE, else ~/.artifact-studio/store)')
    .option('--project <name>', 'project of names given without one (default: $ARTIFACT_STUDIO_PROJECT, else "uncategorized")')
    .option('--json', 'print results as JSON for scripts')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();

  program
    .command('put')
    .description('log a folder (or file) as a new version; identical content adds the aliases to the existing version')
    .argument('<path>', 'folder or file to log')
    .requiredOption('--name <[project/]artifact>', 'artifact to log into')
    .requiredOption('--type <type>', 'artifact type, e.g. dataset or model')
    .option('--alias <alias>', 'alias to give the version (repeatable)', collect)
    .option('--description <text>', 'version description')
    .option('--metadata <json|@file>', 'version metadata: a JSON object or @file.json')
    .action((path: string, options: PutOptions) => run(async (c) => (await import('./commands/put')).put(c, path, options)));

  program
    .command('get')
    .description('download a version, every file verified; files already right in the folder are not fetched again')
    .argument('<ref>', '[project/]artifact[:version|alias] (default latest)')
    .option('--root <dir>', 'folder to download into (default ./artifacts/<artifact>:v<N>)')
    .option('--path <prefix>', 'only files under this folder of the version (repeatable)', collect)
    .option('--verify', 'hash every local file, even those the download record vouches for')
    .action((ref: string, options: GetOptions) => run(async (c) => (await import('./commands/get')).get(c, ref, options)));

  program
    .command('ls')
    .description('list projects, the artifacts of a project, or the versions of an artifact')
    .argument('[what]', 'project or project/artifact')
    .option('--type <type>', 'only artifacts of this type')
    .action((what: string | undefined, options: { type?: string }) => run(async (c) => (await import('./commands/ls')).ls(c, what, options)));

  program
    .command('diff')
    .description('what changed between two versions: added, removed, modified, renamed files with sizes')
    .argument('<a>', 'base version')
    .argument('<b>', 'other version')
    .action((a: string, b: string) => run(async (c) => (await import('./commands/diff')).diff(c, a, b)));

  const alias = program.command('alias').description('add or remove an alias');
  alias
    .command('add')
    .argument('<ref>', 'the version to give the alias')
    .argument('<alias>')
    .option('--confirm-protected', 'move a protected alias')
    .action((ref: string, name: string, options: { confirmProtected?: boolean }) => run(async (c) => (await import('./commands/alias')).aliasAdd(c, ref, name, options)));
  alias
    .command('rm')
    .argument('<artifact>', '[project/]artifact')
    .argument('<alias>')
    .option('--confirm-protected', 'remove a protected alias')
    .action((ref: string, name: string, options: { confirmProtected?: boolean }) => run(async (c) => (await import('./commands/alias')).aliasRm(c, ref, name, options)));

  program
    .command('rm')
    .description('delete a version (refused while it holds aliases other than latest)')
    .argument('<ref>', '[project/]artifact:version')
    .option('--delete-aliases', 'remove the aliases it holds and delete it')
    .action((ref: string, options: { deleteAliases?: boolean }) => run(async (c) => (await import('./commands/rm')).rm(c, ref, options)));

  program
    .command('verify')
    .description('check a local folder against a version (no upload); fails when they differ')
    .argument('<ref>', '[project/]artifact[:version]')
    .argument('[dir]', 'folder to check (default ./artifacts/<artifact>:v<N>)')
    .action((ref: string, dir: string | undefined) => run(async (c) => (await import('./commands/verify')).verify(c, ref, dir)));

  program
    .command('run')
    .description('run a command as a recorded run: download --use inputs first, log --log outputs when it succeeds')
    .argument('<command...>', 'the command and its arguments, after --')
    .option('--name <name>', 'run name (default: the command)')
    .option('--job-type <type>', 'job type', 'run')
    .option('--config <k=v|@file.json>', 'run config (repeatable)', collect)
    .option('--use <ref[=dir]>', 'input version to download before the command (repeatable)', collect)
    .option('--log <name:type=dir>', 'folder the command writes, logged as a version when it succeeds (repeatable)', collect)
    .addOption(new Option('--alias <alias>', 'alias for every logged version (repeatable)').argParser(collect))
    .action((command: string[], options: RunOptions) => run(async (c) => (await import('./commands/run')).runCommand(c, command, options)));

  return program;
}

export async function main(argv: readonly string[]): Promise<number> {
  const controller = new AbortController();
  // Each request of a bulk upload holds a listener on this signal until it is garbage collected.
  setMaxListeners(0, controller.signal);
  let exitCode = 0;
  let context: CommandContext | null = null;
  const onInterrupt = () => {
    if (controller.signal.aborted) process.exit(EXIT_INTERRUPTED);
    process.stderr.write('\ninterrupted: stopping (nothing half-done is kept)…\n');
    controller.abort();
  };
  process.on('SIGINT', onInterrupt);
  process.on('SIGTERM', onInterrupt);
  const program = buildProgram(async (body) => {
    context = commandContext(program.opts<GlobalOptions>(), controller.signal);
    await body(context);
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      exitCode = error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.exitCode === 0 ? 0 : 2;
    } else {
      exitCode = exitCodeOf(error);
      if (!(error instanceof ExitWith)) report(error, program.opts<GlobalOptions>().json === true);
    }
  } finally {
    process.off('SIGINT', onInterrupt);
    process.off('SIGTERM', onInterrupt);
  }
  return exitCode;
}

function report(error: unknown, json: boolean): void {
  const message = error instanceof Error ? error.message : String(error);
  const code = error instanceof AppError ? error.code : error instanceof UsageError ? 'usage' : 'internal';
  const hint = hintFor(error);
  if (json) process.stdout.write(`${JSON.stringify({ error: { code, message, ...(hint ? { hint } : {}) } }, null, 2)}\n`);
  process.stderr.write(`error: ${message}${hint ? `\n  (${hint})` : ''}${error instanceof UsageError ? '\n(run with --help for usage)' : ''}\n`);
}
