import { parseArgs } from 'node:util';
import { ConfigError } from './config/config.js';
import { COMMANDS } from './cli/commands.js';

const USAGE = `Usage: zesummen <command> [options]

Commands:
${COMMANDS.map((c) => `  ${c.usage.padEnd(46)} ${c.summary}`).join('\n')}

Environment: DATABASE_URL (PostgreSQL; default is SQLite under DATA_DIR), DATA_DIR, PORT, HOST,
PUBLIC_URL, SESSION_SECRET, SECURE_COOKIES, LOG_LEVEL, STALE_AFTER_DAYS, REGISTRATION_RETENTION_DAYS.
See README.md.`;

export async function runCli(argv: string[]): Promise<number> {
  const [first, second] = argv;
  const command =
    COMMANDS.find((c) => c.name === `${first} ${second}`) ?? COMMANDS.find((c) => c.name === first);
  if (!command || first === 'help' || first === '--help') {
    console.log(USAGE);
    return command || first === 'help' || first === '--help' ? 0 : 2;
  }
  const rest = argv.slice(command.name.split(' ').length);
  try {
    const { values, positionals } = parseArgs({ args: rest, options: command.options, allowPositionals: true, strict: true });
    return await command.run(values as Record<string, string | boolean | undefined>, positionals);
  } catch (error) {
    if (error instanceof ConfigError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`zesummen ${command.name}: ${(error as Error).message}`);
      console.error(`Usage: zesummen ${command.usage}`);
      return 2;
    }
    throw error;
  }
}
