import * as m0020 from './migrations/0020_chat_core.js';

export type { Chat, ChatDeps } from './chat.service.js';
export type { ChatTables } from './chat.tables.js';
export { createChat } from './chat.service.js';
export { chatPlugin } from './chat.plugin.js';

export const chatMigrations = {
  '0020_chat_core': m0020,
};
