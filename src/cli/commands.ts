import type { CliCommand } from './command.js';
import { migrateCommand, serveCommand } from './server.command.js';
import { userCreateCommand } from './user.command.js';

export const COMMANDS: readonly CliCommand[] = [serveCommand, migrateCommand, userCreateCommand];
