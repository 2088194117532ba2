/** `npm run sandbox -- --help`: runs the sandbox until Ctrl+C or SIGTERM. */
import { isBoomTownError } from '../../../src/core/shared/errors';
import { CLI_USAGE, parseCliArgs } from './cliArgs';
import { flowsBanner } from './flowsBanner';
import { resolveLiveOptions } from '../options';
import { start } from '../index';

async function main(): Promise<void> {
  let config: ReturnType<typeof parseCliArgs>;
  try {
    config = parseCliArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${CLI_USAGE}`);
    process.exitCode = 2;
    return;
  }
  if (config.help) {
    console.log(CLI_USAGE);
    return;
  }

  const sandbox = await start({ ...config.options, ...(config.quiet ? {} : { log: (line) => console.log(line) }) });
  const client = sandbox.clients[0];
  console.log(`BoomTown sandbox listening on ${sandbox.url}`);
  console.log(`  client id:     ${client.clientId}`);
  console.log(`  client secret: ${client.clientSecret}`);
  for (const line of flowsBanner(sandbox.url, client, resolveLiveOptions(config.options))) console.log(line);
  console.log(`  users: ${sandbox.users.map((user) => `${user.id} ${user.email ?? `(no email: ${user.firstName} ${user.lastName})`}`).join(', ')}`);
  console.log(`  admin: GET ${sandbox.url}/admin/stats, POST ${sandbox.url}/admin/faults, …  (Ctrl+C to stop)`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping the sandbox`);
    sandbox.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(isBoomTownError(error) ? error.message : error);
  process.exitCode = 1;
});
