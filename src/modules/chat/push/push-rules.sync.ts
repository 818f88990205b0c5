import type { AccountData } from '../account-data/account-data.service.js';
import { GLOBAL } from '../account-data/account-data.store.js';
import type { SyncExtension } from '../sync/sync-types.js';
import { PUSH_RULES_TYPE, defaultRuleset } from './push-rules.js';

/**
 * Clients (Element among them) expect `m.push_rules` in the first /sync. A user who never changed
 * a rule has no stored row for /sync to deliver, so the initial sync gets the default ruleset.
 */
export function defaultPushRulesOnInitialSync(accountData: AccountData): SyncExtension {
  return {
    async contribute(window, response) {
      if (window.since !== null) return;
      const userId = window.requester.userId;
      if ((await accountData.get(userId, GLOBAL, PUSH_RULES_TYPE)) !== undefined) return;
      response.account_data.events.push({ type: PUSH_RULES_TYPE, content: { global: defaultRuleset(userId) } });
    },
  };
}
