/** The CLI's entry when bundled (dist-cli/cli.mjs): runs main on the process's arguments. */
import { main } from './main';

process.exitCode = await main(process.argv.slice(2));
