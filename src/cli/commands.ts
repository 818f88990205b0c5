import type { CliCommand } from './command.js';
import { migrateCommand, serveCommand } from './server.command.js';
import { userCreateCommand } from './user.command.js';
import { seedCommand } from './seed.command.js';
import { demoCommand } from './demo.command.js';
import { importCommand } from './import.command.js';
import { exportCommand } from './export.command.js';
import { purgeCommand } from './purge.command.js';
import { chatAdminCommands } from './chat-admin.command.js';
import { mandatesCommands } from './mandates.command.js';

export const COMMANDS: readonly CliCommand[] = [serveCommand, migrateCommand, userCreateCommand, seedCommand, demoCommand, importCommand, exportCommand, purgeCommand, ...chatAdminCommands, ...mandatesCommands];
