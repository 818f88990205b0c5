import * as m0020 from './migrations/0020_chat_core.js';
import * as m0021 from './migrations/0021_chat_keys.js';
import * as m0022 from './migrations/0022_chat_media.js';

export type { Chat, ChatDeps } from './chat.service.js';
export type { ChatTables } from './chat.tables.js';
export { createChat } from './chat.service.js';
export { userIdFor } from './chat.core.js';
export { chatPlugin } from './chat.plugin.js';
export { MatrixError } from './matrix-error.js';

export const chatMigrations = {
  '0020_chat_core': m0020,
  '0021_chat_keys': m0021,
  '0022_chat_media': m0022,
};
